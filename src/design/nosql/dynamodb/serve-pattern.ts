import type { NosqlFinding } from '../../../model/parts/nosql.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import type { ColumnRef, PatternAccess, RangeCondition, ValueSource } from '../pattern-access.js';
import { addCopy, inParentPartition, type ItemTypePlan } from './item-types.js';
import { col, entityTag, labelled, tag, templateText, type KeyDef, type Segment } from './key-template.js';
import { matchKey, type KeyNeeds } from './match-key.js';
import type { FilterCondition, PlannedFilter, PlannedOperation, PlannedPattern } from './planned.js';

/** A GSI as the patterns use it: who writes it and which attributes its readers need. */
export interface IndexUse {
  readonly name: string;
  readonly entities: Set<string>;
  readonly patterns: Set<string>;
  readonly attributes: Set<string>;
  all: boolean;
}

export interface ServeContext {
  readonly plans: Map<string, ItemTypePlan>;
  readonly indexes: Map<string, IndexUse>;
  readonly findings: NosqlFinding[];
}

export const gsiNames = (index: string) => ({ pk: `${index}PK`, sk: `${index}SK` });

/** The requests that serve one access pattern, with a Query or GetItem on an exact key, never a Scan. */
export function servePattern(ctx: ServeContext, access: PatternAccess): PlannedPattern {
  const kind = access.kind === 'read' ? 'read' : 'write';
  if (access.unsupported) {
    ctx.findings.push({
      code: 'nosql/dynamodb-no-key',
      severity: 'warning',
      pattern: access.pattern,
      message: `\`${access.pattern}\` cannot be served by a Query or GetItem on one key: ${access.unsupported}; a Scan would read the whole table`,
      fix: 'rewrite the pattern over one entity (or a parent with its children) with equality on the values it is looked up by; dbarchitect then designs its key or GSI',
    });
    return { pattern: access.pattern, kind, operations: [], notes: [] };
  }
  return access.kind === 'read' ? serveRead(ctx, access) : serveWrite(ctx, access);
}

function serveRead(ctx: ServeContext, access: PatternAccess): PlannedPattern {
  const plan = ctx.plans.get(access.table.name)!;
  const notes: string[] = [];
  const operations: PlannedOperation[] = [];
  if (access.children) {
    operations.push(...readWithChildren(ctx, access, plan, notes));
  } else {
    if (access.parent && access.parent.columns.length) {
      const copy = addCopy(plan, access.parent.table, access.parent.fk, access.parent.columns, access.pattern);
      notes.push(
        `${access.parent.table.name} columns ${copy.columns
          .filter((c) => access.parent!.columns.includes(c.column))
          .map((c) => `\`${c.column}\` (as \`${c.attribute}\`)`)
          .join(', ')} are copied onto each ${plan.table.name} item, so no join is needed: a write to them rewrites the parent's ${plan.table.name} items`,
      );
    }
    const attr = attributeOf(plan, access);
    const { needs, filters } = needsOf(access, plan.table.name, attr);
    const projected = projectedAttributes(access, plan, attr);
    operations.push(readEntity(ctx, access.pattern, plan, needs, filters, projected, access.limit));
  }
  const op = operations.at(-1);
  if (op?.perValue)
    notes.push(
      `one request per value of \`${op.perValue.column}\` (${op.perValue.values.length}); the application merges the results${access.orderBy.length ? ` by ${access.orderBy.map((o) => `${o.column.column} ${o.direction}`).join(', ')}` : ''}${access.limit !== undefined ? ` and keeps the first ${access.limit}` : ''}`,
    );
  if (access.sortedByApplication) notes.push('the application sorts the result: it orders by an expression no key holds');
  if (access.aggregates.length)
    notes.push(
      `DynamoDB does not aggregate: the application computes ${access.aggregates.map((a) => `${a.fn}(${a.column?.column ?? '*'})`).join(', ')} over the items returned${access.groupBy.length ? `, grouped by ${access.groupBy.join(', ')}` : ''}`,
    );
  return { pattern: access.pattern, kind: 'read', operations, notes };
}

/** A parent with its children: one Query of the shared partition, or the parent's GetItem and a Query of the children's GSI. */
function readWithChildren(ctx: ServeContext, access: PatternAccess, parent: ItemTypePlan, notes: string[]): PlannedOperation[] {
  const { table: childTable, fk } = access.children!;
  const child = ctx.plans.get(childTable.name)!;
  const parentAttr = (ref: ColumnRef) => (ref.table === parent.table.name ? ref.column : undefined);
  const childConditions = conditionsOn(access, childTable.name);
  const parentNeeds = needsOf({ ...access, orderBy: [] }, parent.table.name, parentAttr);
  if (child.collection?.parent === parent.table.name || inParentPartition(child, parent, fk)) {
    const match = matchKey({ pk: parent.base.pk, sk: [] }, parentNeeds.needs, { pk: 'PK', sk: 'SK' })!;
    const sharing = [...ctx.plans.values()]
      .filter((p) => p.collection?.parent === parent.table.name || (p !== parent && sharesPartition(p, parent)))
      .map((p) => p.table.name);
    const others = sharing.filter((e) => e !== childTable.name);
    const filter: PlannedFilter | undefined =
      childConditions.length || others.length
        ? {
            conditions: childConditions,
            ...(childConditions.length ? { passEntity: parent.table.name } : {}),
            ...(others.length ? { onlyEntities: [parent.table.name, childTable.name] } : {}),
            why: [
              others.length ? `the partition also holds ${others.join(', ')} items` : '',
              childConditions.length ? `the conditions on ${childTable.name} are not part of its key` : '',
            ]
              .filter(Boolean)
              .join('; '),
          }
        : undefined;
    notes.push(
      `the ${parent.table.name} item and its ${childTable.name} items share the partition \`${templateText(parent.base.pk)}\`: one Query returns both`,
    );
    return [
      {
        operation: 'Query',
        index: 'table',
        entity: parent.table.name,
        key: match.conditions.slice(0, 1),
        ...(filter ? { filter } : {}),
        why: `an item collection: ${childTable.name} items are keyed under their ${parent.table.name}`,
      },
    ];
  }
  notes.push(`${childTable.name} items are not in the ${parent.table.name}'s partition (it already holds another collection): two requests`);
  const first = readEntity(ctx, access.pattern, parent, parentNeeds.needs, parentNeeds.filters, ['*'], undefined);
  const eq = new Map<string, ValueSource>();
  fk.columns.forEach((c, i) => {
    const value = parentNeeds.needs.eq.get(fk.refColumns[i]!);
    if (value) eq.set(c, value);
  });
  const second = readEntity(ctx, access.pattern, child, { eq, ins: new Map(), order: [] }, childConditions, ['*'], undefined);
  return [first, second];
}

function sharesPartition(plan: ItemTypePlan, parent: ItemTypePlan): boolean {
  return plan.table.foreignKeys.some((fk) => fk.refTable === parent.table.name && inParentPartition(plan, parent, fk));
}

/** Attribute names on the driver's item: its own columns, or the copies of its parent's. */
export function attributeOf(plan: ItemTypePlan, access: PatternAccess): (ref: ColumnRef) => string | undefined {
  return (ref) => {
    if (ref.table === plan.table.name) return ref.column;
    const copy = plan.copies.find((c) => c.parent.name === ref.table && c.fk.name === access.parent?.fk.name);
    return copy?.columns.find((c) => c.column === ref.column)?.attribute;
  };
}

/** Equality, IN, the one range a key can hold and the order, as attributes; the rest becomes filter conditions. */
function needsOf(access: PatternAccess, table: string, attr: (ref: ColumnRef) => string | undefined): { needs: KeyNeeds; filters: FilterCondition[] } {
  const eq = new Map<string, ValueSource>();
  const ins = new Map<string, readonly ValueSource[]>();
  const filters: FilterCondition[] = [];
  for (const e of access.equals) {
    const a = attr(e.column);
    if (a !== undefined && (e.column.table === table || access.parent?.table.name === e.column.table)) eq.set(a, e.value);
  }
  for (const i of access.ins) {
    const a = attr(i.column);
    if (a === undefined) continue;
    if (ins.size === 0 && !eq.has(a)) ins.set(a, i.values);
    else filters.push({ kind: 'in', attribute: a, values: i.values });
  }
  const order = access.sortedByApplication
    ? []
    : (access.orderBy
        .map((o) => ({ attribute: attr(o.column), direction: o.direction }))
        .filter((o) => o.attribute !== undefined && !eq.has(o.attribute)) as KeyNeeds['order']);
  const ranges = access.ranges.map((r) => ({ r, a: attr(r.column) })).filter((x): x is { r: RangeCondition; a: string } => x.a !== undefined);
  const keyed = ranges.find((x) => (order.length ? order[0]!.attribute === x.a : true));
  for (const x of ranges) if (x !== keyed) filters.push(rangeFilter(x.a, x.r));
  for (const f of access.filters) {
    const a = attr(f.column);
    if (a !== undefined) filters.push(predicateFilter(a, f));
  }
  const range = keyed ? { attribute: keyed.a, operator: keyed.r.operator, value: keyed.r.value, ...(keyed.r.high ? { high: keyed.r.high } : {}) } : undefined;
  return { needs: { eq, ins, order, ...(range ? { range } : {}) }, filters };
}

/** Every condition of the pattern on one table (the children of a collection), as filter conditions. */
function conditionsOn(access: PatternAccess, table: string): FilterCondition[] {
  const out: FilterCondition[] = [];
  for (const e of access.equals) if (e.column.table === table) out.push({ kind: 'compare', attribute: e.column.column, operator: '=', value: e.value });
  for (const i of access.ins) if (i.column.table === table) out.push({ kind: 'in', attribute: i.column.column, values: i.values });
  for (const r of access.ranges) if (r.column.table === table) out.push(rangeFilter(r.column.column, r));
  for (const f of access.filters) if (f.column.table === table) out.push(predicateFilter(f.column.column, f));
  return out;
}

const rangeFilter = (attribute: string, r: RangeCondition): FilterCondition => ({
  kind: 'compare',
  attribute,
  operator: r.operator,
  value: r.value,
  ...(r.high ? { high: r.high } : {}),
});

function predicateFilter(attribute: string, f: PatternAccess['filters'][number]): FilterCondition {
  const { predicate: p, text, value } = f;
  if (p.expression) return { kind: 'application', text };
  if (p.op === 'neq' && value) return { kind: 'compare', attribute, operator: '<>', value };
  if (p.op === 'is-null') return { kind: p.negated ? 'exists' : 'not_exists', attribute };
  if (p.op === 'is-not-null') return { kind: p.negated ? 'not_exists' : 'exists', attribute };
  if (p.op === 'like' && !p.negated && p.value.kind === 'constant' && typeof p.value.value === 'string') {
    const v = p.value.value;
    const inner = v.slice(0, -1);
    if (/^[^%_]+%$/.test(v)) return { kind: 'begins_with', attribute, value: { kind: 'constant', value: inner } };
    if (/^%[^%_]+%$/.test(v)) return { kind: 'contains', attribute, value: { kind: 'constant', value: v.slice(1, -1) } };
  }
  return { kind: 'application', text };
}

function projectedAttributes(access: PatternAccess, plan: ItemTypePlan, attr: (ref: ColumnRef) => string | undefined): string[] {
  if (access.projected.some((p) => p.column === '*' && p.table === plan.table.name)) return ['*'];
  const out = new Set<string>();
  for (const p of access.projected) {
    if (p.column === '*') for (const c of plan.copies.flatMap((x) => x.columns)) out.add(c.attribute);
    else {
      const a = attr(p);
      if (a) out.add(a);
    }
  }
  return [...out];
}

/**
 * One entity read on its base key, on a GSI it already writes, or on a new GSI made for the needs
 * (index overloading: the lowest GSI this item type does not write yet).
 */
function readEntity(
  ctx: ServeContext,
  pattern: string,
  plan: ItemTypePlan,
  needs: KeyNeeds,
  filters: FilterCondition[],
  projected: readonly string[],
  limit: number | undefined,
): PlannedOperation {
  const filter: PlannedFilter | undefined = filters.length
    ? {
        conditions: filters,
        why: filters.some((f) => f.kind === 'application') ? 'conditions no key holds; some only the application can apply' : 'conditions no key holds',
      }
    : undefined;
  const finish = (index: string, match: NonNullable<ReturnType<typeof matchKey>>, why: string): PlannedOperation => {
    const perValue = match.perValue ? { column: match.perValue, values: needs.ins.get(match.perValue)! } : undefined;
    if (index === 'table' && match.fullyBound && !filter && !perValue)
      return { operation: 'GetItem', index, entity: plan.table.name, key: match.conditions, why };
    // The entity's key columns always come along, so the application knows which rows it got.
    if (index !== 'table')
      useIndex(ctx, index, plan, pattern, [...plan.table.primaryKey.columns, ...projected, ...filters.flatMap((f) => ('attribute' in f ? [f.attribute] : []))]);
    return {
      operation: 'Query',
      index,
      entity: plan.table.name,
      key: match.conditions,
      ...(match.scanIndexForward !== undefined ? { scanIndexForward: match.scanIndexForward } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(filter ? { filter } : {}),
      ...(perValue ? { perValue } : {}),
      why,
    };
  };
  const base = matchKey(plan.base, needs, { pk: 'PK', sk: 'SK' });
  if (base) return finish('table', base, base.fullyBound ? `the ${plan.table.name} key` : `the base table's key serves it`);
  for (const [index, key] of plan.gsis) {
    const match = matchKey(key, needs, gsiNames(index));
    if (match) return finish(index, match, `reuses ${index}, which ${plan.table.name} items already write`);
  }
  const key = newGsiKey(plan, needs);
  if (key.pk.every((s) => s.kind === 'tag'))
    ctx.findings.push({
      code: 'nosql/dynamodb-constant-key',
      severity: 'warning',
      pattern,
      message: `\`${pattern}\` looks ${plan.table.name} up by no value: its GSI puts every ${plan.table.name} item under the one key \`${templateText(key.pk)}\`, a hot partition`,
      fix: 'look the items up by a value (the tenant, a parent), or spread the key over N suffixes (`#0`…`#N-1`) and query each',
    });
  let slot = 1;
  while (plan.gsis.has(`GSI${slot}`)) slot++;
  const index = `GSI${slot}`;
  plan.gsis.set(index, key);
  const match = matchKey(key, needs, gsiNames(index));
  if (!match) throw new Error(`the GSI made for ${pattern} does not serve it: a bug in design/nosql/dynamodb/serve-pattern.ts`);
  return finish(index, match, `${index} keyed for this pattern: partition \`${templateText(key.pk)}\`, sort \`${templateText(key.sk)}\``);
}

/** A GSI key for the needs: equality (tenant first) and the IN column in the partition key; the order or the range, then the entity's key, in the sort key. */
function newGsiKey(plan: ItemTypePlan, needs: KeyNeeds): KeyDef {
  const eqColumns = [...needs.eq.keys()];
  const pkColumns = [...eqColumns.filter((c) => c === TENANT_COLUMN), ...eqColumns.filter((c) => c !== TENANT_COLUMN), ...needs.ins.keys()];
  const skColumns = needs.order.length ? needs.order.map((o) => o.attribute) : needs.range ? [needs.range.attribute] : [];
  const tiebreak = plan.table.primaryKey.columns.filter((c) => !pkColumns.includes(c) && !skColumns.includes(c));
  const pk: Segment[] = pkColumns.length ? labelled(plan.table, pkColumns) : [tag(entityTag(plan.table.name))];
  const sk: Segment[] = [...skColumns, ...tiebreak].map(col);
  return { pk, sk: sk.length ? sk : [tag(entityTag(plan.table.name))] };
}

function useIndex(ctx: ServeContext, index: string, plan: ItemTypePlan, pattern: string, attributes: readonly string[]): void {
  let use = ctx.indexes.get(index);
  if (!use) {
    use = { name: index, entities: new Set(), patterns: new Set(), attributes: new Set(), all: false };
    ctx.indexes.set(index, use);
  }
  use.entities.add(plan.table.name);
  use.patterns.add(pattern);
  for (const a of attributes) {
    if (a === '*') use.all = true;
    else use.attributes.add(a);
  }
}

function serveWrite(ctx: ServeContext, access: PatternAccess): PlannedPattern {
  const plan = ctx.plans.get(access.table.name)!;
  const notes: string[] = [];
  const operations: PlannedOperation[] = [];
  const table = plan.table;
  if (access.kind === 'insert') {
    operations.push({
      operation: 'PutItem',
      index: 'table',
      entity: table.name,
      key: [],
      sets: [...access.sets],
      why: `one item with its base key${plan.gsis.size ? ` and the keys of ${[...plan.gsis.keys()].join(', ')}` : ''}, written only if its key is new (attribute_not_exists(PK))`,
    });
    for (const u of table.uniques)
      notes.push(
        `unique (${u.columns.join(', ')}): no index enforces it; write a guard item \`${templateText(labelled(table, u.columns))}\` with attribute_not_exists(PK) in the same TransactWriteItems (2 write units per item)`,
      );
    for (const copy of plan.copies)
      notes.push(
        `the copies of ${copy.parent.name} (${copy.columns.map((c) => c.attribute).join(', ')}) are set from the ${copy.parent.name}: the application has them or reads it first (GetItem)`,
      );
    return { pattern: access.pattern, kind: 'write', operations, notes };
  }
  const attr = (ref: ColumnRef) => (ref.table === table.name ? ref.column : undefined);
  const { needs, filters } = needsOf(access, table.name, attr);
  const write = access.kind === 'update' ? 'UpdateItem' : 'DeleteItem';
  const base = matchKey(plan.base, needs, { pk: 'PK', sk: 'SK' });
  const keyColumns = new Set(table.primaryKey.columns);
  if (access.sets.some((c) => keyColumns.has(c)))
    ctx.findings.push({
      code: 'nosql/dynamodb-key-update',
      severity: 'warning',
      pattern: access.pattern,
      message: `\`${access.pattern}\` changes a key column (${access.sets.filter((c) => keyColumns.has(c)).join(', ')}): a DynamoDB key cannot be updated in place`,
      fix: 'delete the item and put it under its new key in one TransactWriteItems, or key the item by a column that does not change',
    });
  if (base?.fullyBound && !base.perValue && !filters.length) {
    operations.push({
      operation: write,
      index: 'table',
      entity: table.name,
      key: base.conditions,
      ...(access.sets.length ? { sets: [...access.sets] } : {}),
      why: `by the ${table.name} key`,
    });
  } else {
    operations.push(readEntity(ctx, access.pattern, plan, needs, filters, table.primaryKey.columns, undefined));
    operations.push({
      operation: write,
      index: 'table',
      entity: table.name,
      key: [],
      forEachItemOf: 0,
      ...(access.sets.length ? { sets: [...access.sets] } : {}),
      why: 'once per item the Query returned, by its key',
    });
    notes.push(`the condition is not the ${table.name} key: a Query finds the items, then one ${write} each`);
  }
  const gsiTouched = [...plan.gsis]
    .filter(([, key]) => [...key.pk, ...key.sk].some((s) => s.kind === 'column' && access.sets.includes(s.column)))
    .map(([name]) => name);
  if (access.kind === 'update' && gsiTouched.length)
    notes.push(`the ${write} also sets the keys of ${gsiTouched.join(', ')}, which read the columns it changes`);
  if (access.kind === 'update')
    for (const other of ctx.plans.values())
      for (const copy of other.copies.filter((c) => c.parent.name === table.name && c.columns.some((x) => access.sets.includes(x.column))))
        notes.push(
          `${other.table.name} items copy ${copy.columns
            .filter((x) => access.sets.includes(x.column))
            .map((x) => x.column)
            .join(', ')}: the application also updates each ${other.table.name} item of the ${table.name} (found by ${copy.fk.columns.join(', ')})`,
        );
  return { pattern: access.pattern, kind: 'write', operations, notes };
}
