import type { Check, Column, EnumType, ForeignKey, Index, NativeObject, Policy, Schema, Table, TableStats } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import { commentKey } from './comments.js';
import type { CatalogConstraint } from './constraints.js';
import { columnDefaultOf } from './defaults.js';
import type { CatalogIndex } from './indexes.js';
import { quoteQualified } from './native.js';
import type { CatalogPartition, CatalogPartitionKey } from './partitions.js';
import type { CatalogSequence } from './sequences.js';
import type { CatalogColumn, CatalogTable } from './tables.js';
import { logicalTypeOf, qualifiedName } from './types.js';
import type { CatalogView } from './views.js';

/** Everything the catalog queries read, before it is put into the model. */
export interface CatalogReading {
  readonly tables: readonly CatalogTable[];
  readonly columns: readonly CatalogColumn[];
  readonly constraints: readonly CatalogConstraint[];
  readonly indexes: readonly CatalogIndex[];
  readonly partitionKeys: readonly CatalogPartitionKey[];
  readonly partitions: readonly CatalogPartition[];
  readonly views: readonly CatalogView[];
  readonly policies: ReadonlyMap<number, Policy[]>;
  readonly comments: ReadonlyMap<string, string>;
  readonly stats: ReadonlyMap<number, TableStats>;
  readonly sequences: readonly CatalogSequence[];
  readonly enums: readonly EnumType[];
  readonly functions: readonly NativeObject[];
  readonly triggers: readonly NativeObject[];
  readonly domains: readonly NativeObject[];
  readonly extensions: readonly NativeObject[];
}

const ACTIONS: Readonly<Record<string, ForeignKey['onDelete']>> = { a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default' };
const METHODS = new Set<Index['method']>(['btree', 'hash', 'gin', 'gist', 'spgist', 'brin']);

/** The catalog's rows as the one model: pure, and ordered by (namespace, name) as the queries read them. */
export function assembleSchema(catalog: CatalogReading): Schema {
  const columnsOf = groupBy(catalog.columns, (c) => c.tableOid);
  const constraintsOf = groupBy(catalog.constraints, (c) => c.tableOid);
  const indexesOf = groupBy(catalog.indexes, (i) => i.tableOid);
  const sequenceOf = new Map(catalog.sequences.filter((s) => s.tableOid !== null).map((s) => [`${s.tableOid}:${s.attnum}`, s]));
  const native: NativeObject[] = [...catalog.extensions, ...catalog.domains];

  const tables = catalog.tables.map((t): Table => {
    const qualified = qualifiedName(t.namespace, t.name);
    const origin = `postgres: ${t.namespace}.${t.name}`;
    const cols = columnsOf.get(t.oid) ?? [];
    const nameOf = new Map(cols.map((c) => [c.attnum, c.name]));
    const names = (attnums: readonly number[]) => attnums.map((n) => nameOf.get(n) ?? `#${n}`);
    const constraints = constraintsOf.get(t.oid) ?? [];
    const primary = constraints.find((k) => k.type === 'p');
    const foreignKeys = constraints.filter((k) => k.type === 'f').map((k) => foreignKeyOf(k, t.namespace, names));
    const checks = constraints.filter((k) => k.type === 'c').map((k) => checkOf(k, names));
    for (const k of constraints.filter((x) => x.type === 'x'))
      native.push({
        kind: 'exclusion',
        name: k.name,
        table: qualified,
        dialect: 'postgres',
        sql: `ALTER TABLE ${quoteQualified(t.namespace, t.name)} ADD CONSTRAINT ${k.name} ${k.definition};`,
        reason: 'an exclusion constraint (no two rows overlap by an operator) has no logical form',
      });
    const indexes: Index[] = [];
    for (const i of indexesOf.get(t.oid) ?? []) {
      const index = indexOf(i, t.name, t.namespace);
      if (index) indexes.push(index);
      else
        native.push({
          kind: 'index',
          name: i.name,
          table: qualified,
          dialect: 'postgres',
          sql: `${i.definition};`,
          reason: `an index of the ${i.method} access method, which the model does not name`,
        });
    }
    const columns = cols.map((c) =>
      columnOf(c, `${origin}.${c.name}`, catalog.comments.get(commentKey(t.oid, c.attnum)), sequenceOf.get(`${t.oid}:${c.attnum}`)),
    );
    const primaryKey = primary ? { name: primary.name, columns: names(primary.columns) } : { name: '', columns: [] };
    const fkColumns = new Set(foreignKeys.flatMap((f) => f.columns));
    const tableComment = catalog.comments.get(commentKey(t.oid));
    const stats = catalog.stats.get(t.oid);
    return {
      name: t.name,
      ...(t.namespace !== 'public' ? { namespace: t.namespace } : {}),
      // A table whose key is made of references only joins other tables (order_items(order_id, product_id)).
      kind: primaryKey.columns.length > 0 && primaryKey.columns.every((c) => fkColumns.has(c)) ? 'relation' : 'entity',
      columns,
      primaryKey,
      uniques: constraints.filter((k) => k.type === 'u').map((k) => ({ name: k.name, columns: names(k.columns) })),
      foreignKeys,
      checks,
      indexes,
      ...(tableComment !== undefined ? { comment: tableComment } : {}),
      tenantScoped: columns.some((c) => c.name === TENANT_COLUMN),
      rowSecurity: { enabled: t.rowSecurity, forced: t.forceRowSecurity, policies: catalog.policies.get(t.oid) ?? [] },
      ...(stats ? { stats } : {}),
      origin,
    };
  });

  const byOid = new Map(catalog.tables.map((t) => [t.oid, t]));
  for (const key of catalog.partitionKeys) {
    const t = byOid.get(key.tableOid);
    if (!t) continue;
    native.push({
      kind: 'partitioning',
      name: qualifiedName(t.namespace, t.name),
      table: qualifiedName(t.namespace, t.name),
      dialect: 'postgres',
      sql: `PARTITION BY ${key.key}`,
      reason: "the table's partition key; its partitions are listed one by one",
    });
  }
  for (const p of catalog.partitions)
    native.push({
      kind: 'partition',
      name: qualifiedName(p.namespace, p.name),
      table: qualifiedName(p.parentNamespace, p.parent),
      dialect: 'postgres',
      sql: `CREATE TABLE ${quoteQualified(p.namespace, p.name)} PARTITION OF ${quoteQualified(p.parentNamespace, p.parent)} ${p.bound};`,
      reason: 'a partition holds the rows of its parent within its bounds; the parent is the table',
    });
  for (const s of catalog.sequences.filter((x) => x.tableOid === null))
    native.push({
      kind: 'sequence',
      name: s.name,
      dialect: 'postgres',
      sql: s.sql,
      reason: 'a sequence no column owns',
    });
  for (const v of catalog.views)
    native.push({
      kind: v.materialized ? 'materialized-view' : 'view',
      name: qualifiedName(v.namespace, v.name),
      dialect: 'postgres',
      sql: `CREATE ${v.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${quoteQualified(v.namespace, v.name)} AS\n${v.definition.trim().replace(/;$/, '')};`,
      reason: v.materialized ? 'a materialized view of a query the model does not hold' : 'a view of a query the model does not hold',
    });
  native.push(...catalog.functions, ...catalog.triggers);

  return { tables, enums: [...catalog.enums], ...(native.length ? { native } : {}) };
}

function columnOf(c: CatalogColumn, origin: string, comment: string | undefined, sequence: CatalogSequence | undefined): Column {
  const type = logicalTypeOf(c);
  const generated = c.generated === 's' || c.generated === 'v';
  const isSerial = c.defaultSql !== null && /^nextval\(/.test(c.defaultSql);
  return {
    name: c.name,
    type,
    nullable: !c.notNull,
    ...(c.defaultSql !== null && !generated ? { default: columnDefaultOf(c.defaultSql, type) } : {}),
    ...(c.identity === 'a' ? { identity: 'always' as const } : c.identity === 'd' ? { identity: 'by-default' as const } : {}),
    pii: false,
    ...(comment !== undefined ? { comment } : {}),
    ...(generated && c.defaultSql !== null ? { generated: { expression: c.defaultSql, stored: c.generated === 's' } } : {}),
    ...(sequence && (c.identity !== '' || isSerial) ? { sequence: { name: sequence.name, lastValue: sequence.lastValue, maxValue: sequence.maxValue } } : {}),
    ...(c.domain !== null ? { domain: c.domain } : {}),
    origin,
  };
}

function foreignKeyOf(k: CatalogConstraint, namespace: string, names: (attnums: readonly number[]) => string[]): ForeignKey {
  // A reference into another schema is qualified; within the table's own schema, the name alone.
  const refTable = k.refNamespace === namespace || k.refNamespace === null ? k.refTable! : qualifiedName(k.refNamespace, k.refTable!);
  return {
    name: k.name,
    columns: names(k.columns),
    refTable,
    refColumns: [...k.refColumns],
    onDelete: ACTIONS[k.onDelete] ?? 'no-action',
    ...(k.onUpdate !== 'a' ? { onUpdate: ACTIONS[k.onUpdate] ?? 'no-action' } : {}),
    ...(k.setNullColumns.length ? { setNullColumns: names(k.setNullColumns) } : {}),
    deferrable: k.deferrable,
    ...(k.deferrable ? { initiallyDeferred: k.initiallyDeferred } : {}),
    ...(!k.validated ? { notValid: true } : {}),
  };
}

function checkOf(k: CatalogConstraint, names: (attnums: readonly number[]) => string[]): Check {
  return {
    name: k.name,
    rule: { kind: 'expression', sql: k.expression ?? k.definition, columns: names(k.columns) },
    ...(!k.validated ? { notValid: true } : {}),
  };
}

/** An index in the model, or undefined when its access method has no logical name (kept native). */
function indexOf(i: CatalogIndex, table: string, namespace: string): Index | undefined {
  if (!METHODS.has(i.method as Index['method'])) return undefined;
  return {
    name: i.name,
    table,
    keys: i.keys.map((k) => ({
      ...(k.attnum !== 0 ? { column: unquote(k.text) } : { expression: k.text }),
      ...(k.desc ? { order: 'desc' as const } : {}),
      ...(k.opclass ? { opclass: k.opclass } : {}),
    })),
    include: i.include.map(unquote),
    where: [],
    method: i.method as Index['method'],
    unique: i.unique,
    ...(i.predicate !== null ? { predicate: i.predicate } : {}),
    valid: i.valid,
    stats: { scans: i.scans, bytes: i.bytes },
    reason: `postgres: ${namespace}.${i.name}`,
  };
}

/** pg_get_indexdef prints a column key as its (quoted when needed) name. */
const unquote = (text: string): string => (text.startsWith('"') && text.endsWith('"') ? text.slice(1, -1).replaceAll('""', '"') : text);

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
