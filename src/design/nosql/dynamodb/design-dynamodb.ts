import type { DynamoCreateTable, DynamoDesign, DynamoIndex, DynamoItemType, NosqlFinding } from '../../../model/parts/nosql.js';
import type { NosqlContext } from '../input.js';
import { childrenPerParent } from '../volumes.js';
import { patternCapacity } from './capacity.js';
import { describeOperation } from './describe-operation.js';
import { ITEM_OVERHEAD_BYTES, MAX_ITEM_BYTES, itemSize } from './item-size.js';
import { planItemTypes, type ItemTypePlan } from './item-types.js';
import { labelled, templateText } from './key-template.js';
import type { PlannedPattern } from './planned.js';
import { gsiNames, servePattern, type IndexUse } from './serve-pattern.js';

/** AWS's limit on attributes projected into secondary indexes, summed over a table's indexes. */
const MAX_PROJECTED_ATTRIBUTES = 100;

/** The design and what executing it needs: the item types with their keys and each pattern's planned requests. */
export interface DynamoDesignResult {
  readonly design: DynamoDesign;
  readonly plans: ReadonlyMap<string, ItemTypePlan>;
  readonly planned: ReadonlyMap<string, PlannedPattern>;
}

/**
 * The single-table design: every entity an item type of one table, item collections where a
 * pattern reads a parent with its children, a GSI (overloaded across item types) for every other
 * lookup, and for each pattern the Query or GetItem with its exact key condition. Reads are
 * planned first (they decide GSIs and copies), then writes (which maintain them).
 */
export function designDynamodb(ctx: NosqlContext): DynamoDesignResult {
  const plans = planItemTypes(ctx.schema, ctx.accesses);
  const findings: NosqlFinding[] = [];
  const serve = { plans, indexes: new Map<string, IndexUse>(), findings };
  const planned = new Map<string, PlannedPattern>();
  for (const access of ctx.accesses.filter((a) => a.kind === 'read')) planned.set(access.pattern, servePattern(serve, access));
  for (const access of ctx.accesses.filter((a) => a.kind !== 'read')) planned.set(access.pattern, servePattern(serve, access));

  const projections = finalProjections(serve.indexes, plans);
  const strongReads = ctx.spec.requirements.consistency === 'strong';
  const capacityContext = { schema: ctx.schema, plans, projections, volumes: ctx.volumes, strongReads, findings };
  const patterns = ctx.accesses.map((access) => {
    const p = planned.get(access.pattern)!;
    return {
      pattern: p.pattern,
      kind: p.kind,
      operations: p.operations.map(describeOperation),
      notes: p.notes,
      ...patternCapacity(capacityContext, p, access),
    };
  });
  const items = [...plans.values()].map((plan) => itemType(ctx, plan, findings));
  const indexes = indexList(serve.indexes, plans, projections);

  if (strongReads) {
    const onGsi = patterns.filter((p) => p.operations.some((o) => o.index !== 'table')).map((p) => p.pattern);
    if (onGsi.length)
      findings.push({
        code: 'nosql/dynamodb-gsi-eventual',
        severity: 'info',
        message: `the spec asks for strong consistency, but GSI reads are eventually consistent: ${onGsi.map((p) => `\`${p}\``).join(', ')} may miss a write made a moment before`,
        fix: 'read from the base table (GetItem or Query with ConsistentRead) where a pattern must see its own writes',
      });
  }
  const storage = items.reduce((n, i) => n + i.itemsAtHorizon * (i.size.typicalBytes + ITEM_OVERHEAD_BYTES * (1 + i.gsiKeys.length)), 0);
  const design: DynamoDesign = {
    table: createTableInput(ctx.spec.name, indexes),
    items,
    indexes,
    patterns,
    capacity: {
      readUnitsPerSecond: round(patterns.reduce((n, p) => n + p.readUnitsPerSecond, 0)),
      writeUnitsPerSecond: round(patterns.reduce((n, p) => n + p.writeUnitsPerSecond, 0)),
      storageBytesAtHorizon: Math.round(storage),
      basis: [
        'one read unit: 4 KB strongly consistent or 8 KB eventually consistent per request (a Query sums its items); GSIs are eventually consistent',
        'one write unit: 1 KB per item, in the table and in every GSI the item is written to; a transactional write (unique guards) costs twice',
        `item sizes: attribute names plus values, text at half its declared length up to 40 characters; storage adds ${ITEM_OVERHEAD_BYTES} bytes per item per index`,
        `volumes at the horizon (${ctx.volumes.months} months); rates per key assume requests spread evenly over the key's values`,
        'on-demand billing (PAY_PER_REQUEST) in table.json; the units/s above size provisioned capacity instead',
      ],
    },
    findings: sortFindings(findings),
    evidence: [
      {
        tier: 'derived',
        source: 'rule:dynamodb-single-table',
        detail: 'keys, GSIs and request units derived from the access patterns and volumes by the rules in docs/nosql.md',
      },
    ],
  };
  return { design, plans, planned };
}

function itemType(ctx: NosqlContext, plan: ItemTypePlan, findings: NosqlFinding[]): DynamoItemType {
  const size = itemSize(plan, ctx.schema);
  const table = plan.table;
  if (size.maxBytes > MAX_ITEM_BYTES)
    findings.push({
      code: 'nosql/dynamodb-item-too-large',
      severity: 'warning',
      message: `a ${table.name} item can reach ${Math.round(size.maxBytes / 1024)} KB at its declared lengths, over DynamoDB's 400 KB item limit`,
      fix: 'keep the large attributes in S3 (store the object key), or split the item into parts under the same partition key',
    });
  else if (size.unbounded.length)
    findings.push({
      code: 'nosql/dynamodb-unbounded-attribute',
      severity: 'info',
      message: `${table.name} has ${size.unbounded.map((c) => `\`${c}\``).join(', ')} without a declared length: a ${table.name} item stays under 400 KB only while ${size.unbounded.length === 1 ? 'it stays' : 'they stay'} under about ${Math.floor((MAX_ITEM_BYTES - size.maxBytes) / 1024)} KB together`,
      fix: 'declare a length (string(n)) or cap it in the application',
    });
  const attributes = [
    ...table.columns.map((c) => ({ name: c.name, type: attributeKind(c.type.kind), column: c.name })),
    ...plan.copies.flatMap((copy) =>
      copy.columns.map((c) => ({ name: c.attribute, type: attributeKind(c.type.kind), column: `${copy.parent.name}.${c.column}` })),
    ),
  ];
  return {
    entity: table.name,
    pk: templateText(plan.base.pk),
    sk: templateText(plan.base.sk),
    ...(plan.collection ? { collection: { parent: plan.collection.parent, patterns: [...plan.collection.patterns] } } : {}),
    gsiKeys: [...plan.gsis].map(([index, key]) => ({ index, pk: templateText(key.pk), sk: templateText(key.sk) })),
    attributes,
    copies: plan.copies.map((copy) => ({
      parent: copy.parent.name,
      columns: copy.columns.map((c) => ({ column: c.column, attribute: c.attribute })),
      patterns: [...copy.patterns],
      itemsPerParent: childrenPerParent(ctx.volumes, table, copy.parent).atHorizon,
    })),
    uniqueGuards: table.uniques.map((u) => ({ columns: [...u.columns], pk: templateText(labelled(table, u.columns)), sk: 'UNIQUE' })),
    size,
    itemsAtHorizon: Math.round(ctx.volumes.atHorizon(table.name)),
  };
}

function attributeKind(kind: string): 'S' | 'N' | 'BOOL' | 'M' {
  if (['int16', 'int32', 'int64', 'decimal', 'float', 'money'].includes(kind)) return 'N';
  if (kind === 'bool') return 'BOOL';
  if (kind === 'json') return 'M';
  return 'S';
}

/** INCLUDE the attributes the index's readers need (and the item type); ALL when one needs every attribute or the list passes AWS's limit. */
function finalProjections(
  indexes: ReadonlyMap<string, IndexUse>,
  plans: ReadonlyMap<string, ItemTypePlan>,
): Map<string, { type: 'ALL' | 'INCLUDE'; attributes?: string[] }> {
  const out = new Map<string, { type: 'ALL' | 'INCLUDE'; attributes?: string[] }>();
  let total = 0;
  for (const use of [...indexes.values()].sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))) {
    const keyAttributes = new Set(['PK', 'SK', ...[...plans.values()].flatMap((p) => [...p.gsis.keys()].flatMap((g) => [gsiNames(g).pk, gsiNames(g).sk]))]);
    const attributes = ['_type', ...[...use.attributes].filter((a) => !keyAttributes.has(a)).sort()];
    if (use.all || total + attributes.length > MAX_PROJECTED_ATTRIBUTES) out.set(use.name, { type: 'ALL' });
    else {
      total += attributes.length;
      out.set(use.name, { type: 'INCLUDE', attributes: [...new Set(attributes)] });
    }
  }
  return out;
}

function indexList(
  uses: ReadonlyMap<string, IndexUse>,
  plans: ReadonlyMap<string, ItemTypePlan>,
  projections: ReadonlyMap<string, { type: 'ALL' | 'INCLUDE'; attributes?: string[] }>,
): DynamoIndex[] {
  const names = [...new Set([...plans.values()].flatMap((p) => [...p.gsis.keys()]))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return names.map((name) => {
    const use = uses.get(name);
    const projection = projections.get(name) ?? { type: 'ALL' as const };
    return {
      name,
      pk: gsiNames(name).pk,
      sk: gsiNames(name).sk,
      projection: { type: projection.type, ...(projection.attributes ? { attributes: projection.attributes } : {}) },
      entities: [...plans.values()].filter((p) => p.gsis.has(name)).map((p) => p.table.name),
      patterns: use ? [...use.patterns] : [],
    };
  });
}

function createTableInput(specName: string, indexes: readonly DynamoIndex[]): DynamoCreateTable {
  const name = specName.length >= 3 ? specName : `${specName}-table`;
  const attributeNames = ['PK', 'SK', ...indexes.flatMap((i) => [i.pk, i.sk])];
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: attributeNames.map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    ...(indexes.length
      ? {
          GlobalSecondaryIndexes: indexes.map((i) => ({
            IndexName: i.name,
            KeySchema: [
              { AttributeName: i.pk, KeyType: 'HASH' as const },
              { AttributeName: i.sk, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: i.projection.type, ...(i.projection.attributes ? { NonKeyAttributes: i.projection.attributes } : {}) },
          })),
        }
      : {}),
  };
}

function sortFindings(findings: readonly NosqlFinding[]): NosqlFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.pattern ?? ''}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const round = (n: number) => Math.round(n * 100) / 100;
