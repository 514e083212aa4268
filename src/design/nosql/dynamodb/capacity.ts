import type { DynamoPattern, NosqlFinding } from '../../../model/parts/nosql.js';
import type { Schema } from '../../../model/schema.js';
import type { PatternAccess } from '../pattern-access.js';
import { rowsPerLookup } from '../rows-per-lookup.js';
import { childrenPerParent, type Volumes } from '../volumes.js';
import { indexItemBytes, itemSize } from './item-size.js';
import type { ItemTypePlan } from './item-types.js';
import { keyColumns, templateText } from './key-template.js';
import type { PlannedOperation, PlannedPattern } from './planned.js';

/** Request units a partition serves per second (DynamoDB's documented per-partition throughput). */
export const PARTITION_READ_UNITS = 3000;
export const PARTITION_WRITE_UNITS = 1000;

export interface CapacityContext {
  readonly schema: Schema;
  readonly plans: ReadonlyMap<string, ItemTypePlan>;
  readonly projections: ReadonlyMap<string, { type: string; attributes?: readonly string[] }>;
  readonly volumes: Volumes;
  /** Reads of the base table are strongly consistent when the spec asks for strong consistency (GSIs never are). */
  readonly strongReads: boolean;
  readonly findings: NosqlFinding[];
}

/**
 * Items, read and write units and the hottest partition key of one pattern. One read unit is 4 KB
 * strongly consistent or 8 KB eventually consistent, summed over the items of a Query and rounded
 * up once per request; one write unit is 1 KB per item, in the table and in every GSI the item is
 * written to; a transactional write costs twice.
 */
export function patternCapacity(
  ctx: CapacityContext,
  planned: PlannedPattern,
  access: PatternAccess,
): Omit<DynamoPattern, 'pattern' | 'kind' | 'operations' | 'notes'> {
  const rate = access.ratePerSecond;
  let items = 0;
  let readUnits = 0;
  let writeUnits = 0;
  let hottest: DynamoPattern['hottestKey'];
  const consider = (index: string, key: string, distinct: number, unitsPerSecond: number, limit: number) => {
    const perKey = unitsPerSecond / Math.max(1, distinct);
    if (!hottest || perKey > hottest.unitsPerSecond) hottest = { index, key, distinctKeys: Math.round(distinct), unitsPerSecond: round(perKey), limit };
  };
  const readItems: number[] = [];
  for (const op of planned.operations) {
    const plan = ctx.plans.get(op.entity)!;
    if (op.operation === 'GetItem' || op.operation === 'Query') {
      const requests = op.perValue?.values.length ?? 1;
      const perRequest = op.operation === 'GetItem' ? 1 : queryItems(ctx, access, plan, op);
      const bytes = perRequest * bytesRead(ctx, plan, op);
      const factor = op.index === 'table' && ctx.strongReads ? 1 : 0.5;
      const units = requests * Math.max(1, Math.ceil(bytes / 4096)) * factor;
      items += requests * perRequest;
      readItems.push(requests * perRequest);
      readUnits += units;
      const { pk, distinct } = partitionOf(ctx, plan, op);
      consider(op.index, pk, distinct, (units / requests) * rate, PARTITION_READ_UNITS);
      if (bytes > 1024 * 1024) ctx.findings.push(pagesFinding(access.pattern, bytes));
      continue;
    }
    const times = op.forEachItemOf !== undefined ? (readItems[op.forEachItemOf] ?? 1) : 1;
    const size = itemSize(plan, ctx.schema);
    const transactional = op.operation === 'PutItem' && plan.table.uniques.length > 0;
    const factor = transactional ? 2 : 1;
    let units = Math.ceil(size.typicalBytes / 1024) * factor;
    consider('table', templateText(plan.base.pk), ctx.volumes.atHorizon(plan.table.name), units * times * rate, PARTITION_WRITE_UNITS);
    for (const [index, key] of plan.gsis) {
      const projection = ctx.projections.get(index) ?? { type: 'ALL' };
      const gsiUnits = Math.ceil(indexItemBytes(plan, ctx.schema, index, projection) / 1024) * factor;
      units += gsiUnits;
      consider(index, templateText(key.pk), distinctOf(ctx, plan, keyColumns(key.pk)), gsiUnits * times * rate, PARTITION_WRITE_UNITS);
    }
    if (transactional) units += plan.table.uniques.length * factor; // the guard items
    const copies = access.kind === 'update' ? copyRewrites(ctx, plan, access) : { items: 0, units: 0 };
    items += times * (1 + plan.gsis.size + (transactional ? plan.table.uniques.length : 0)) + copies.items;
    writeUnits += times * units + copies.units;
  }
  if (access.aggregates.length && items > 100)
    ctx.findings.push({
      code: 'nosql/dynamodb-aggregate-read',
      severity: 'info',
      pattern: access.pattern,
      message: `\`${access.pattern}\` reads about ${Math.round(items)} items a call to aggregate them in the application (${round(readUnits * rate)} read units/s)`,
      fix: 'keep the aggregate in its own item (UpdateItem with ADD on every write, or from a DynamoDB Streams consumer), so the read is one GetItem',
    });
  if (hottest && hottest.unitsPerSecond > hottest.limit)
    ctx.findings.push({
      code: 'nosql/dynamodb-hot-partition',
      severity: 'warning',
      pattern: access.pattern,
      message: `\`${access.pattern}\` sends ${hottest.unitsPerSecond} ${hottest.limit === PARTITION_READ_UNITS ? 'read' : 'write'} units/s to each \`${hottest.key}\` partition of ${hottest.index} (${hottest.distinctKeys} keys, spread evenly), over the ${hottest.limit} a partition serves`,
      fix: 'add a shard suffix to the key (`#0`…`#N-1`, N = units/s ÷ limit, rounded up) and read all N, or cache the reads',
    });
  return {
    ratePerSecond: rate,
    itemsPerCall: round(items),
    readUnitsPerSecond: round(readUnits * rate),
    writeUnitsPerSecond: round(writeUnits * rate),
    ...(hottest ? { hottestKey: hottest } : {}),
  };
}

/** Items one Query request returns: a collection's parent and children, or the rows its key binds. */
function queryItems(ctx: CapacityContext, access: PatternAccess, plan: ItemTypePlan, op: PlannedOperation): number {
  if (access.children && op.entity === access.table.name && op.index === 'table' && access.children.table.name !== op.entity) {
    const perParent = childrenPerParent(ctx.volumes, access.children.table, access.table).atHorizon;
    return round(1 + perParent);
  }
  const pk = op.key[0];
  const sk = op.key[1];
  const bound = [...(pk?.value.parts ?? []), ...(sk && (sk.operator === '=' || sk.operator === 'begins_with') ? sk.value.parts : [])].flatMap((p) =>
    p.kind === 'value' ? [p.column] : [],
  );
  const rangeColumn = sk && !['=', 'begins_with'].includes(sk.operator) ? sk.value.parts.at(-1) : undefined;
  const copied = bound.filter((c) => !plan.table.columns.some((x) => x.name === c));
  const extraDistinct = copied.reduce((n, c) => {
    const copy = plan.copies.find((x) => x.columns.some((y) => y.attribute === c))!;
    const column = copy.columns.find((y) => y.attribute === c)!.column;
    return n * ctx.volumes.distinct(copy.parent, [column]);
  }, 1);
  return rowsPerLookup(access, ctx.volumes, plan.table, bound, {
    ...(rangeColumn?.kind === 'value' ? { rangeColumn: rangeColumn.column } : {}),
    filtered: op.filter !== undefined,
    extraDistinct,
  }).rows;
}

function bytesRead(ctx: CapacityContext, plan: ItemTypePlan, op: PlannedOperation): number {
  if (op.index === 'table') return itemSize(plan, ctx.schema).typicalBytes;
  return indexItemBytes(plan, ctx.schema, op.index, ctx.projections.get(op.index) ?? { type: 'ALL' });
}

function partitionOf(ctx: CapacityContext, plan: ItemTypePlan, op: PlannedOperation): { pk: string; distinct: number } {
  const key = op.index === 'table' ? plan.base : plan.gsis.get(op.index)!;
  return { pk: templateText(key.pk), distinct: distinctOf(ctx, plan, keyColumns(key.pk)) };
}

function distinctOf(ctx: CapacityContext, plan: ItemTypePlan, columns: readonly string[]): number {
  const own = columns.filter((c) => plan.table.columns.some((x) => x.name === c));
  const copied = columns.filter((c) => !own.includes(c));
  let distinct = ctx.volumes.distinct(plan.table, own);
  for (const c of copied) {
    const copy = plan.copies.find((x) => x.columns.some((y) => y.attribute === c));
    if (copy) distinct *= ctx.volumes.distinct(copy.parent, [copy.columns.find((y) => y.attribute === c)!.column]);
  }
  return Math.min(distinct, ctx.volumes.atHorizon(plan.table.name));
}

/** An update of a parent's copied columns also rewrites the child items that copy them. */
function copyRewrites(ctx: CapacityContext, parent: ItemTypePlan, access: PatternAccess): { items: number; units: number } {
  let items = 0;
  let units = 0;
  for (const other of ctx.plans.values()) {
    const copied = other.copies.some((c) => c.parent.name === parent.table.name && c.columns.some((x) => access.sets.includes(x.column)));
    if (!copied) continue;
    const n = childrenPerParent(ctx.volumes, other.table, parent.table).atHorizon;
    items += n * (1 + other.gsis.size);
    units += n * (1 + other.gsis.size) * Math.ceil(itemSize(other, ctx.schema).typicalBytes / 1024);
  }
  return { items, units };
}

function pagesFinding(pattern: string, bytes: number): NosqlFinding {
  return {
    code: 'nosql/dynamodb-many-pages',
    severity: 'info',
    pattern,
    message: `one \`${pattern}\` request reads about ${Math.round(bytes / 1024)} KB: a Query returns at most 1 MB per page, so the application follows LastEvaluatedKey`,
    fix: 'keep a pre-computed item (a running total or a summary per key) updated on each write, so the read is one GetItem',
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
