import type { DdlScript, DdlSubstitution } from '../ddl-target.js';
import { renderIndexCondition } from '../index-condition.js';
import type { AggregateView, Check, Column, ColumnDefault, Index, IndexCondition, Partitioning, Schema, Table } from '../../model/schema.js';
import { clickhouseString, quoteClickhouseIdentifier as q } from './quote.js';
import { clickhouseColumnType, weakerType } from './types.js';

/**
 * The schema as ClickHouse tables: MergeTree for rows only ever added, ReplacingMergeTree (newest
 * version per key) for rows that change; the sorting key from the index the access patterns asked
 * for; partitions by the design's time interval; TTL from the retention; compression codecs where
 * the ClickHouse documentation says they pay (DoubleDelta for the time key, Gorilla for gauges).
 * Everything a relational schema has and ClickHouse does not (foreign keys, uniqueness, sequences,
 * triggers) is a substitution with the alternative the tables rely on.
 */
export function emitClickhouseSchema(schema: Schema): DdlScript {
  const substitutions: DdlSubstitution[] = [];
  const statements: string[] = [];
  const snapshotTables = new Set(schema.tables.flatMap((t) => (t.triggers ?? []).flatMap((tr) => (tr.kind === 'running-total' ? [tr.snapshotTable] : []))));
  const historyOf = new Map(schema.tables.flatMap((t) => (t.triggers ?? []).flatMap((tr) => (tr.kind === 'history' ? [[tr.historyTable, t] as const] : []))));
  for (const table of schema.tables)
    statements.push(createTable(schema, table, { isSnapshot: snapshotTables.has(table.name), historyOf: historyOf.get(table.name) }, substitutions));
  for (const table of schema.tables) statements.push(...triggerViews(schema, table, substitutions));
  for (const view of schema.views ?? []) statements.push(...aggregateView(schema, view, substitutions));
  for (const object of schema.native ?? [])
    substitutions.push({
      feature: object.kind,
      object: object.name,
      alternative: `not translated: its ${object.dialect} SQL is kept in the ${object.dialect} script only`,
    });
  const lengthLimited = schema.tables.flatMap((t) => t.columns.filter((c) => c.type.kind === 'string').map((c) => `${t.name}.${c.name}`));
  if (lengthLimited.length)
    substitutions.push({
      feature: 'varchar length limit',
      object: lengthLimited.length > 3 ? `${lengthLimited.slice(0, 3).join(', ')} and ${lengthLimited.length - 3} more` : lengthLimited.join(', '),
      alternative: 'String columns have no length limit: the application keeps the spec’s limits',
    });
  const header = `-- ClickHouse 23.8+ schema written by dbarchitect from the same model as the PostgreSQL script.\n-- What ClickHouse cannot express is listed in the design (Other dialects), with the alternative used.\n`;
  return { sql: `${header}\n${statements.join('\n\n')}\n`, statements: statements.length, substitutions };
}

type Engine = { readonly kind: 'merge' } | { readonly kind: 'replacing'; readonly version?: string } | { readonly kind: 'aggregating' };

/** What the analyses made the table for: the totals of a running-total trigger, or the old versions of another table's rows. */
interface TableRole {
  readonly isSnapshot: boolean;
  readonly historyOf: Table | undefined;
}

function engineOf(table: Table, role: TableRole): Engine {
  if (role.isSnapshot) return { kind: 'aggregating' };
  if (table.volume?.appendOnly || table.partitioning || role.historyOf) return { kind: 'merge' };
  const version = table.columns.find((c) => c.name === 'updated_at' && c.type.kind === 'timestamp' && !c.nullable);
  return { kind: 'replacing', ...(version ? { version: version.name } : {}) };
}

/** The sorting key: the access patterns' index (the one holding the time column, if partitioned) for appends, the key for replaced rows. */
function sortingKey(table: Table, engine: Engine, role: TableRole): { columns: string[]; index?: Index } {
  const notNull = (name: string) => table.columns.find((c) => c.name === name)?.nullable === false;
  const keyColumns = table.primaryKey.columns.filter(notNull);
  if (engine.kind !== 'merge') return { columns: keyColumns };
  // Old versions are read per row of the source, newest last.
  if (role.historyOf) {
    const columns = [...role.historyOf.primaryKey.columns, 'history_at'].filter(notNull);
    return { columns: columns.length ? columns : keyColumns };
  }
  const candidates = table.indexes.filter(
    (i) => i.method === 'btree' && i.where.length === 0 && i.keys.every((k) => k.column !== undefined && notNull(k.column)),
  );
  const time = table.partitioning?.column;
  const index = candidates.find((i) => time !== undefined && i.keys.some((k) => k.column === time)) ?? candidates[0];
  return index ? { columns: index.keys.map((k) => k.column!), index } : { columns: keyColumns };
}

const PARTITION_FUNCTION: Record<Partitioning['interval'], string> = { day: 'toYYYYMMDD', week: 'toMonday', month: 'toYYYYMM', year: 'toYear' };
const INTERVAL_SECONDS: Record<Partitioning['interval'], number> = { day: 86_400, week: 604_800, month: 2_629_746, year: 31_556_952 };

function createTable(schema: Schema, table: Table, role: TableRole, out: DdlSubstitution[]): string {
  const engine = engineOf(table, role);
  const key = sortingKey(table, engine, role);
  const timeColumn = table.partitioning?.column;
  const snapshot = role.isSnapshot ? snapshotColumns(schema, table) : new Map<string, string>();
  const lines = table.columns.map((column) => columnLine(schema, table, column, engine, key.columns, snapshot, out));
  for (const index of table.indexes) {
    if (index === key.index) continue;
    const skip = skippingIndex(table, index, key.columns, out);
    if (skip) lines.push(skip);
  }
  for (const check of table.checks) {
    const condition = checkCondition(check);
    if (condition) lines.push(`CONSTRAINT ${q(check.name)} CHECK ${condition}`);
    else
      out.push({
        feature: 'check written in PostgreSQL SQL',
        object: `${table.name}.${check.name}`,
        alternative: 'not translated: the ingest path validates it',
      });
  }
  noteRelational(table, engine, out);

  const clauses = [`ENGINE = ${engineClause(engine)}`];
  if (table.partitioning) clauses.push(`PARTITION BY ${PARTITION_FUNCTION[table.partitioning.interval]}(${q(table.partitioning.column)})`);
  clauses.push(`ORDER BY (${key.columns.map(q).join(', ')})`);
  const retention = table.partitioning?.retentionSeconds ?? table.volume?.retentionSeconds;
  if (retention !== undefined) {
    const column = timeColumn ?? table.columns.find((c) => c.type.kind === 'timestamp' && c.default?.kind === 'now')?.name;
    if (column) {
      const interval = retention % 86_400 === 0 ? `${retention / 86_400} DAY` : `${retention} SECOND`;
      clauses.push(`TTL toDateTime(${q(column)}) + INTERVAL ${interval}`);
      // Whole parts expire together when partitions line up with the retention: dropped, not rewritten.
      if (table.partitioning && retention % INTERVAL_SECONDS[table.partitioning.interval] === 0) clauses.push('SETTINGS ttl_only_drop_parts = 1');
    } else out.push({ feature: 'retention', object: table.name, alternative: 'no time column to expire rows by: a scheduled ALTER TABLE … DELETE' });
  }
  if (table.comment) clauses.push(`COMMENT ${clickhouseString(table.comment)}`);
  return `CREATE TABLE ${q(table.name)}\n(\n${lines.map((l) => `  ${l}`).join(',\n')}\n)\n${clauses.join('\n')};`;
}

function engineClause(engine: Engine): string {
  if (engine.kind === 'merge') return 'MergeTree';
  if (engine.kind === 'aggregating') return 'AggregatingMergeTree';
  return engine.version ? `ReplacingMergeTree(${q(engine.version)})` : 'ReplacingMergeTree';
}

function columnLine(
  schema: Schema,
  table: Table,
  column: Column,
  engine: Engine,
  sortingColumns: readonly string[],
  snapshot: ReadonlyMap<string, string>,
  out: DdlSubstitution[],
): string {
  const object = `${table.name}.${column.name}`;
  const base = clickhouseColumnType(column.type, schema.enums);
  const weaker = column.type.kind === 'string' ? undefined : weakerType(column.type);
  if (weaker) out.push({ feature: `${column.type.kind} type`, object, alternative: weaker });
  const aggregate = snapshot.get(column.name);
  // The sorting key holds only NOT NULL columns (sortingKey), so a nullable column is never a key column.
  const type = aggregate ? `SimpleAggregateFunction(${aggregate}, ${base})` : column.nullable ? `Nullable(${base})` : base;
  const parts = [q(column.name), type];
  const fallback = defaultExpression(column.default, column);
  if (fallback) parts.push(`DEFAULT ${fallback}`);
  else if (column.default) out.push({ feature: `${column.default.kind} default`, object, alternative: 'the application supplies the value on insert' });
  if (column.identity || column.default?.kind === 'sequence')
    out.push({
      feature: 'identity column',
      object,
      alternative: 'no sequences: ids come from the application (a time-ordered id such as a Snowflake id keeps inserts in key order)',
    });
  if (column.generated)
    out.push({ feature: 'generated column', object, alternative: 'computed by the application (its PostgreSQL expression is not translated)' });
  // ClickHouse's documented order: type, DEFAULT, COMMENT, CODEC.
  if (column.comment) parts.push(`COMMENT ${clickhouseString(column.comment)}`);
  const codec = codecFor(column, engine, sortingColumns, table);
  if (codec) parts.push(`CODEC(${codec})`);
  return parts.join(' ');
}

function defaultExpression(value: ColumnDefault | undefined, column: Column): string | undefined {
  if (!value) return undefined;
  switch (value.kind) {
    case 'literal':
      return typeof value.value === 'string' ? clickhouseString(value.value) : String(value.value);
    case 'now':
      return column.type.kind === 'date' ? 'today()' : 'now64(6)';
    case 'random-uuid':
      return 'generateUUIDv4()';
    default:
      return undefined;
  }
}

/**
 * Codecs from ClickHouse's "Column Compression Codecs" guidance for time series: DoubleDelta for a
 * steadily increasing time key, Gorilla for floating-point gauges; ZSTD(1) after either. Only in
 * append-only tables, where values arrive in time order.
 */
function codecFor(column: Column, engine: Engine, sortingColumns: readonly string[], table: Table): string | undefined {
  if (engine.kind !== 'merge') return undefined;
  if (column.type.kind === 'timestamp' && (column.name === table.partitioning?.column || sortingColumns.includes(column.name))) return 'DoubleDelta, ZSTD(1)';
  if (column.type.kind === 'float') return 'Gorilla, ZSTD(1)';
  return undefined;
}

/**
 * A data-skipping index for a secondary index, on its first column the sorting key does not already
 * lead with: minmax for time and BRIN ranges, a bloom filter for lookups by value.
 */
function skippingIndex(table: Table, index: Index, sortingColumns: readonly string[], out: DdlSubstitution[]): string | undefined {
  const object = `${table.name}.${index.name}`;
  if (index.keys.some((k) => k.column === undefined)) {
    out.push({
      feature: 'expression index',
      object,
      alternative: 'not translated (a PostgreSQL expression): sort or project by a MATERIALIZED column instead',
    });
    return undefined;
  }
  const columns = index.keys.map((k) => k.column!);
  let shared = 0;
  while (shared < columns.length && columns[shared] === sortingColumns[shared]) shared++;
  const first = columns[shared];
  if (first === undefined) {
    if (index.unique) out.push({ feature: 'unique index', object, alternative: 'uniqueness is not enforced: the ingest path deduplicates' });
    else out.push({ feature: 'secondary B-tree index', object, alternative: 'not needed: the sorting key starts with its columns' });
    return undefined;
  }
  const column = table.columns.find((c) => c.name === first);
  const ranged = index.method === 'brin' || column?.type.kind === 'timestamp' || column?.type.kind === 'date';
  if (index.unique)
    out.push({
      feature: 'unique index',
      object,
      alternative: 'uniqueness is not enforced: the ingest path deduplicates (or a ReplacingMergeTree keyed by these columns)',
    });
  else if (index.method !== 'brin')
    out.push({
      feature: 'secondary B-tree index',
      object,
      alternative: `ClickHouse has none: ${shared ? `the sorting key (led by ${columns.slice(0, shared).join(', ')}) and ` : ''}a ${ranged ? 'minmax' : 'bloom_filter'} data-skipping index on ${first} narrow${shared ? '' : 's'} the granules read`,
    });
  if (index.where.length) out.push({ feature: 'partial index', object, alternative: 'the skipping index covers every row' });
  if (index.include.length) out.push({ feature: 'INCLUDE columns', object, alternative: 'not needed: column storage reads only the columns a query names' });
  return `INDEX ${q(index.name)} ${q(first)} TYPE ${ranged ? 'minmax' : 'bloom_filter'} GRANULARITY ${ranged ? 1 : 4}`;
}

function checkCondition(check: Check): string | undefined {
  const rule = check.rule;
  if (rule.kind === 'range') {
    const parts = [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : ''].filter(
      Boolean,
    );
    return parts.length ? parts.join(' AND ') : undefined;
  }
  if (rule.kind === 'format')
    return rule.format === 'email' ? `match(${q(rule.column)}, '^[^@\\\\s]+@[^@\\\\s]+$')` : `match(${q(rule.column)}, '^\\\\+?[0-9 ().-]{5,}$')`;
  return undefined;
}

/** Keys and references ClickHouse does not keep, each said once per table object. */
function noteRelational(table: Table, engine: Engine, out: DdlSubstitution[]): void {
  if (engine.kind === 'replacing')
    out.push({
      feature: 'UPDATE and DELETE',
      object: table.name,
      alternative: `ReplacingMergeTree${engine.version ? ` by ${engine.version}` : ''}: an update inserts the new version of the row, merges keep the newest per key; read with FINAL, delete with lightweight DELETE`,
    });
  for (const unique of table.uniques)
    out.push({ feature: 'unique constraint', object: `${table.name}.${unique.name}`, alternative: 'not enforced: the ingest path rejects duplicates' });
  for (const fk of table.foreignKeys)
    out.push({
      feature: 'foreign key',
      object: `${table.name}.${fk.name}`,
      alternative: 'none in ClickHouse: the ingest path inserts only rows whose referenced row exists (or looks it up in a dictionary)',
    });
  if (table.tenantScoped)
    out.push({
      feature: 'row-level security',
      object: table.name,
      alternative: 'a ClickHouse row policy per tenant user (CREATE ROW POLICY … USING tenant_id = …), not written',
    });
  for (const trigger of table.triggers ?? [])
    if (trigger.kind === 'history')
      out.push({
        feature: 'history trigger',
        object: `${table.name}.${trigger.name}`,
        alternative: 'no triggers: the application inserts the old version into the history table (a MergeTree ordered by the key and history_at)',
      });
}

/** A running-total snapshot's columns as simple aggregates: totals summed, the time of the last change the max. */
function snapshotColumns(schema: Schema, snapshot: Table): Map<string, string> {
  const columns = new Map<string, string>();
  for (const table of schema.tables)
    for (const trigger of table.triggers ?? []) {
      if (trigger.kind !== 'running-total' || trigger.snapshotTable !== snapshot.name) continue;
      for (const total of trigger.totals) columns.set(total.column, 'sum');
      columns.set(trigger.asOfColumn, 'max');
    }
  return columns;
}

/** A running-total trigger as a materialized view: each insert into the table adds its totals to the snapshot. */
function triggerViews(schema: Schema, table: Table, out: DdlSubstitution[]): string[] {
  const views: string[] = [];
  for (const trigger of table.triggers ?? []) {
    if (trigger.kind !== 'running-total') continue;
    const snapshot = schema.tables.find((t) => t.name === trigger.snapshotTable);
    const typeOf = (name: string) => clickhouseColumnType(snapshot?.columns.find((c) => c.name === name)?.type ?? { kind: 'int64' }, schema.enums);
    const select = [
      ...trigger.keyColumns.map(q),
      ...trigger.totals.map((t) => `CAST(${t.source ? `sum(${q(t.source)})` : 'count()'} AS ${typeOf(t.column)}) AS ${q(t.column)}`),
      `max(now64(6)) AS ${q(trigger.asOfColumn)}`,
    ];
    views.push(
      `CREATE MATERIALIZED VIEW ${q(`${trigger.name}_mv`)} TO ${q(trigger.snapshotTable)}\nAS SELECT ${select.join(', ')}\nFROM ${q(table.name)}\nGROUP BY ${trigger.keyColumns.map(q).join(', ')};`,
    );
    out.push({
      feature: 'running-total trigger',
      object: `${table.name}.${trigger.name}`,
      alternative: `a materialized view into ${trigger.snapshotTable} (AggregatingMergeTree): totals add up at merge time, so a read sums them per key (or uses FINAL)`,
    });
  }
  return views;
}

const TRUNC: Record<string, string> = {
  minute: 'toStartOfMinute',
  hour: 'toStartOfHour',
  day: 'toStartOfDay',
  week: 'toMonday',
  month: 'toStartOfMonth',
  year: 'toStartOfYear',
};

/** A PostgreSQL group expression ClickHouse can say: date_trunc to a named unit over a column; otherwise undefined. */
function groupExpression(expression: string): string | undefined {
  const match = /^date_trunc\(\s*'(\w+)'\s*,\s*"?(\w+)"?\s*\)$/i.exec(expression.trim());
  const fn = match ? TRUNC[match[1]!.toLowerCase()] : undefined;
  return fn ? `${fn}(${q(match![2]!)})` : undefined;
}

/** A pre-aggregate as an AggregatingMergeTree table fed by a materialized view, instead of a refreshed materialized view. */
function aggregateView(schema: Schema, view: AggregateView, out: DdlSubstitution[]): string[] {
  const source = schema.tables.find((t) => t.name === view.table);
  if (!source?.volume?.appendOnly && !source?.partitioning) {
    // An insert-time aggregate over a ReplacingMergeTree adds every version of a changed row.
    out.push({
      feature: 'refreshed materialized view',
      object: view.name,
      alternative: `not written: ${view.table}'s rows change (a new version per update), so an insert-time aggregate would count each version; query ${view.table} FINAL, or rebuild the aggregate on a schedule (INSERT … SELECT)`,
    });
    return [];
  }
  const groups: { name: string; sql: string; type: string }[] = [];
  for (const column of view.columns) {
    if (column.kind !== 'group') continue;
    const sql = column.column ? q(column.column) : groupExpression(column.expression ?? '');
    if (!sql) {
      out.push({
        feature: 'pre-aggregate',
        object: view.name,
        alternative: `not written: its group expression \`${column.expression}\` is PostgreSQL SQL dbarchitect does not translate`,
      });
      return [];
    }
    const from = source?.columns.find((c) => c.name === (column.column ?? /"?(\w+)"?\s*\)$/.exec(column.expression ?? '')?.[1]));
    groups.push({ name: column.name, sql, type: from ? clickhouseColumnType(from.type, schema.enums) : 'DateTime64(6)' });
  }
  if (view.window)
    out.push({
      feature: 'aggregate window',
      object: view.name,
      alternative: `the aggregate keeps every period, not only the last ${Math.round(view.window.seconds / 86_400)} days: readers filter by ${view.window.column}`,
    });
  const aggregates = view.columns.flatMap((c) => (c.kind === 'aggregate' ? [c] : []));
  const columns = [
    ...groups.map((g) => `  ${q(g.name)} ${g.type}`),
    ...aggregates.map((a) => {
      const input = source?.columns.find((c) => c.name === a.column);
      const type = a.fn === 'count' ? 'UInt64' : input ? clickhouseColumnType(input.type, schema.enums) : 'Float64';
      return a.fn === 'avg'
        ? `  ${q(a.name)} AggregateFunction(avg, ${type})`
        : `  ${q(a.name)} SimpleAggregateFunction(${a.fn === 'count' ? 'sum' : a.fn}, ${type})`;
    }),
  ];
  const select = [
    ...groups.map((g) => `${g.sql} AS ${q(g.name)}`),
    ...aggregates.map((a) => {
      if (a.fn === 'count') return `count() AS ${q(a.name)}`;
      if (a.fn === 'avg') return `avgState(${q(a.column ?? '')}) AS ${q(a.name)}`;
      return `${a.fn}(${q(a.column ?? '')}) AS ${q(a.name)}`;
    }),
  ];
  const groupNames = groups.map((g) => q(g.name));
  out.push({
    feature: 'refreshed materialized view',
    object: view.name,
    alternative: `an AggregatingMergeTree table kept current on every insert by a materialized view (no refresh schedule); averages are read with avgMerge`,
  });
  return [
    `CREATE TABLE ${q(view.name)}\n(\n${columns.join(',\n')}\n)\nENGINE = AggregatingMergeTree\nORDER BY (${groupNames.join(', ')});`,
    `CREATE MATERIALIZED VIEW ${q(`${view.name}_mv`)} TO ${q(view.name)}\nAS SELECT ${select.join(', ')}\nFROM ${q(view.table)}${view.where.length ? `\nWHERE ${view.where.map(conditionSql).join(' AND ')}` : ''}\nGROUP BY ${groupNames.join(', ')};`,
  ];
}

const literal = (value: string | number | boolean): string => (typeof value === 'string' ? clickhouseString(value) : String(value));

/** A structured row condition in ClickHouse SQL. */
const conditionSql = (condition: IndexCondition): string => renderIndexCondition(condition, { quote: q, literal });
