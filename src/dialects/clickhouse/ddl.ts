import type { DdlScript, DdlSubstitution } from '../ddl-target.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { Check, Column, Partitioning, Schema, Table } from '../../model/schema.js';
import { quoteClickHouseIdentifier as q, quoteClickHouseLiteral } from './quote.js';
import { clickHouseColumnType } from './types.js';

const PARTITION_FUNCTION: Record<Partitioning['interval'], string> = { day: 'toYYYYMMDD', week: 'toMonday', month: 'toYYYYMM', year: 'toYear' };
/** RE2 takes PostgreSQL's patterns as they are; (?i) for the case-insensitive email match. */
const FORMAT_PATTERNS = { email: '(?i)^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', phone: '^\\+[1-9][0-9]{6,14}$' } as const;

/**
 * The schema as ClickHouse 24.8+ tables: MergeTree for append-only tables, ReplacingMergeTree
 * (the newest `updated_at` wins at merge time) for the others; ORDER BY from the index the access
 * patterns asked for first, then the primary key's columns; PARTITION BY the time interval the
 * design chose; TTL from retention; LowCardinality for strings with few distinct values. ClickHouse
 * enforces no keys, references or uniqueness: each is a substitution, and so is every index the
 * sort key does not serve.
 */
export function emitClickHouseDdl(schema: Schema): DdlScript {
  const subs: DdlSubstitution[] = [];
  const statements: string[] = [];
  const out: string[] = ['-- ClickHouse 24.8+ (MergeTree family). Comments are SQL comments: sqlfluff 1.4.5 does not read COMMENT clauses.'];
  const enumType = (name: string) => schema.enums.find((e) => e.name === name);
  for (const table of schema.tables) {
    const key = sortKey(table, subs);
    if (table.comment) out.push(`-- ${table.name}: ${table.comment.replace(/\n/g, ' ')}`);
    const lines = table.columns.map((c) => columnDefinition(table, c, clickHouseColumnType(c, enumType), subs));
    for (const c of table.checks) {
      const condition = checkCondition(table, c, subs);
      if (condition) lines.push(`CONSTRAINT ${q(c.name)} CHECK (${condition})`);
    }
    const clauses = [`ENGINE = ${engine(table, subs)}`];
    const partition = partitionBy(table);
    if (partition) clauses.push(`PARTITION BY ${partition}`);
    clauses.push(`ORDER BY (${key.map(q).join(', ')})`);
    const ttl = timeToLive(table, subs);
    if (ttl) clauses.push(`TTL ${ttl}`);
    const sql = `CREATE TABLE ${q(table.name)} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n)\n${clauses.join('\n')};`;
    statements.push(sql);
    out.push(sql, '');
    subs.push(...unenforced(table));
  }
  for (const table of schema.tables)
    for (const trigger of table.triggers ?? [])
      subs.push({
        feature: trigger.kind === 'history' ? 'history trigger' : 'running-total trigger',
        object: trigger.name,
        alternative:
          trigger.kind === 'history'
            ? `not written: ClickHouse has no triggers; with ReplacingMergeTree the old versions stay until a merge, or the application inserts into ${trigger.historyTable}`
            : `not written: a materialized view into a SummingMergeTree table keyed by ${trigger.keyColumns.join(', ')} keeps these totals (CREATE MATERIALIZED VIEW … TO ${trigger.snapshotTable} AS SELECT …), which sqlfluff's clickhouse dialect cannot read`,
      });
  for (const view of schema.views ?? [])
    subs.push({
      feature: 'materialized view',
      object: view.name,
      alternative: `not written: ClickHouse's incremental materialized view into an AggregatingMergeTree table (CREATE MATERIALIZED VIEW … ENGINE = AggregatingMergeTree ORDER BY (…) AS SELECT … FROM ${view.table} GROUP BY …) serves it, but sqlfluff's clickhouse dialect cannot read CREATE MATERIALIZED VIEW; aggregate in the query meanwhile`,
    });
  for (const object of schema.native ?? [])
    subs.push({
      feature: `${object.kind} kept in ${object.dialect} SQL`,
      object: object.name,
      alternative: 'not written: translate its definition to ClickHouse SQL by hand',
    });
  return { sql: out.join('\n').trimEnd() + '\n', statements: statements.length, substitutions: subs };
}

/**
 * The sort key: the plain columns of the table's first index (the analyses list first the index the
 * heaviest patterns need), then the primary key's columns, without nullable ones (ClickHouse keys
 * take no NULL by default). The other indexes are substitutions: reads they served scan more.
 */
function sortKey(table: Table, subs: DdlSubstitution[]): string[] {
  const nullable = (name: string) => table.columns.find((c) => c.name === name)?.nullable !== false;
  const chosen = table.indexes.find((i) => i.keys.every((k) => k.column !== undefined) && !nullable(i.keys[0]!.column!));
  const key: string[] = [];
  for (const name of [...(chosen?.keys.map((k) => k.column!) ?? []), ...table.primaryKey.columns]) if (!nullable(name) && !key.includes(name)) key.push(name);
  if (!key.length) key.push(table.columns.find((c) => !c.nullable)?.name ?? table.columns[0]!.name);
  for (const index of table.indexes) {
    if (index === chosen) continue;
    const columns = index.keys.map((k) => k.column ?? k.expression).join(', ');
    subs.push({
      feature: 'secondary index',
      object: `${table.name}.${index.name}`,
      alternative: `not created: ClickHouse reads by its sort key (${key.join(', ')}); a projection ordered by (${columns}) or a data-skipping index serves these reads, neither readable by sqlfluff's clickhouse dialect`,
    });
  }
  return key;
}

function engine(table: Table, subs: DdlSubstitution[]): string {
  if (table.volume?.appendOnly) return 'MergeTree';
  const version = table.columns.find((c) => c.name === 'updated_at' && !c.nullable);
  subs.push({
    feature: 'updates and deletes',
    object: table.name,
    alternative: `ReplacingMergeTree${version ? ' by updated_at' : ''}: an update is an insert of the new row with the same sort key, kept over the old one when parts merge (read with FINAL); a delete is ALTER TABLE … DELETE, a mutation`,
  });
  return version ? `ReplacingMergeTree(${q(version.name)})` : 'ReplacingMergeTree';
}

/** The column that dates a row: the partitioning column, else created_at. */
function timeColumn(table: Table): string | undefined {
  if (table.partitioning) return table.partitioning.column;
  return table.columns.find((c) => c.name === 'created_at' && c.type.kind === 'timestamp' && !c.nullable)?.name;
}

function partitionBy(table: Table): string | undefined {
  if (table.partitioning) return `${PARTITION_FUNCTION[table.partitioning.interval]}(${q(table.partitioning.column)})`;
  return undefined;
}

function timeToLive(table: Table, subs: DdlSubstitution[]): string | undefined {
  const seconds = table.partitioning?.retentionSeconds ?? table.volume?.retentionSeconds;
  if (seconds === undefined) return undefined;
  const column = timeColumn(table);
  if (!column) {
    subs.push({
      feature: 'retention',
      object: table.name,
      alternative: 'no TTL: the table has no time column to expire rows by; delete old rows on a schedule',
    });
    return undefined;
  }
  const interval = seconds % 86_400 === 0 ? `${seconds / 86_400} DAY` : `${seconds} SECOND`;
  return `toDateTime(${q(column)}) + INTERVAL ${interval}`;
}

function columnDefinition(table: Table, column: Column, type: string, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${column.name}`;
  const parts = [q(column.name), type];
  if (column.type.kind === 'json') subs.push({ feature: 'json', object, alternative: 'String, read with the JSONExtract functions' });
  if (column.type.kind === 'time') subs.push({ feature: 'time of day', object, alternative: "String 'HH:MM:SS' (ClickHouse has no time type before 25.6)" });
  if (column.generated)
    subs.push({
      feature: 'generated column',
      object,
      alternative: `a plain column: ClickHouse writes it MATERIALIZED <expression>; the expression is PostgreSQL SQL (${column.generated.expression})`,
    });
  if (column.identity) {
    if (column.type.kind === 'int64') parts.push('DEFAULT generateSnowflakeID()');
    subs.push({
      feature: 'identity column',
      object,
      alternative:
        column.type.kind === 'int64'
          ? 'DEFAULT generateSnowflakeID(): unique, time-ordered 64-bit values, not 1, 2, 3'
          : 'no default: the application supplies the values (ClickHouse has no sequences)',
    });
    return parts.join(' ');
  }
  const value = column.default ? defaultValue(column, object, subs) : undefined;
  if (value !== undefined) parts.push(`DEFAULT ${value}`);
  return parts.join(' ');
}

function defaultValue(column: Column, object: string, subs: DdlSubstitution[]): string | undefined {
  const value = column.default!;
  switch (value.kind) {
    case 'now':
      return column.type.kind === 'date' ? 'today()' : 'now64(6)';
    case 'random-uuid':
      return 'generateUUIDv4()';
    case 'literal':
      return typeof value.value === 'string' ? quoteClickHouseLiteral(value.value) : String(value.value);
    case 'sequence':
    case 'expression':
      subs.push({
        feature: `default ${value.kind === 'sequence' ? `from sequence ${value.sequence}` : 'in PostgreSQL SQL'}`,
        object,
        alternative: 'no default: the application supplies the value',
      });
      return undefined;
  }
}

function checkCondition(table: Table, c: Check, subs: DdlSubstitution[]): string | undefined {
  const rule = c.rule;
  if (rule.kind === 'expression') {
    subs.push({ feature: 'check in PostgreSQL SQL', object: `${table.name}.${c.name}`, alternative: `not written: translate (${rule.sql}) to ClickHouse SQL` });
    return undefined;
  }
  const column = q(rule.column);
  const condition =
    rule.kind === 'range'
      ? [rule.min !== undefined ? `${column} >= ${rule.min}` : '', rule.max !== undefined ? `${column} <= ${rule.max}` : ''].filter(Boolean).join(' AND ')
      : `match(${column}, ${quoteClickHouseLiteral(FORMAT_PATTERNS[rule.format])})`;
  // A constraint is checked on every inserted row: a NULL passes, as in PostgreSQL.
  const nullable = table.columns.find((x) => x.name === rule.column)?.nullable;
  return nullable ? `${column} IS NULL OR (${condition})` : condition;
}

/** Keys, uniques, references and row-level security: ClickHouse checks none of them. */
function unenforced(table: Table): DdlSubstitution[] {
  const notes: DdlSubstitution[] = [
    {
      feature: 'primary key and unique constraints',
      object: table.name,
      alternative: `not enforced: ClickHouse's primary key is the sort key's prefix, not unique; the application keeps ${[table.primaryKey, ...table.uniques].map((u) => `(${u.columns.join(', ')})`).join(', ')} unique`,
    },
  ];
  if (table.foreignKeys.length)
    notes.push({
      feature: 'foreign keys',
      object: table.name,
      alternative: `not enforced (ClickHouse has none): ${table.foreignKeys.map((f) => `${f.columns.join(', ')} -> ${f.refTable}`).join('; ')}, and no ON DELETE actions`,
    });
  if ((table.tenantScoped && table.columns.some((c) => c.name === TENANT_COLUMN)) || table.rowSecurity?.enabled)
    notes.push({
      feature: 'row-level security',
      object: table.name,
      alternative: `the application filters by ${TENANT_COLUMN}; a row policy (CREATE ROW POLICY … USING ${TENANT_COLUMN} = getSetting(…)) is not written: sqlfluff's clickhouse dialect cannot read it`,
    });
  if (table.namespace) notes.push({ feature: `schema ${table.namespace}`, object: table.name, alternative: 'created in the current database' });
  return notes;
}
