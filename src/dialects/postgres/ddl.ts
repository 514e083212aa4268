import type { DdlOptions } from '../dialect.js';
import type { Check, Column, ForeignKey, Index, IndexCondition, IndexKey, Partitioning, Schema, Table } from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral } from './quote.js';
import { postgresColumnType } from './types.js';

/**
 * The whole schema as one PostgreSQL 15+ script, in one transaction: enum types, tables in
 * dependency order, foreign keys that point forward (cycles) added afterwards, indexes, comments.
 */
export function emitPostgresDdl(schema: Schema, options: DdlOptions = {}): string {
  const out: string[] = ['BEGIN;', ''];
  for (const e of schema.enums) out.push(`CREATE TYPE ${q(e.name)} AS ENUM (${e.values.map(quotePgLiteral).join(', ')});`);
  if (schema.enums.length) out.push('');

  const created = new Set<string>();
  const later: { table: Table; fk: ForeignKey }[] = [];
  for (const table of creationOrder(schema.tables)) {
    const inline = table.foreignKeys.filter((fk) => !fk.deferrable && (created.has(fk.refTable) || fk.refTable === table.name));
    for (const fk of table.foreignKeys) if (!inline.includes(fk)) later.push({ table, fk });
    out.push(createTable(table, inline), '');
    if (table.partitioning) out.push(createPartitions(table.name, table.partitioning), '');
    created.add(table.name);
  }
  for (const { table, fk } of later) out.push(`ALTER TABLE ${q(table.name)} ADD ${foreignKey(fk)};`);
  if (later.length) out.push('');

  const indexes = schema.tables.flatMap((t) => t.indexes);
  for (const index of indexes) out.push(`${createIndex(index)};`);
  if (indexes.length) out.push('');

  if (options.comments !== false) {
    const comments = schema.tables.flatMap(commentStatements);
    out.push(...comments);
    if (comments.length) out.push('');
  }
  out.push('COMMIT;');
  return out.join('\n') + '\n';
}

export function emitPostgresIndexes(schema: Schema): string {
  return schema.tables.flatMap((t) => t.indexes).map((index) => `${createIndex(index)};\n`).join('');
}

/** Tables whose references are already created come first; on a cycle, spec order decides. */
function creationOrder(tables: readonly Table[]): Table[] {
  const remaining = [...tables];
  const done = new Set<string>();
  const order: Table[] = [];
  while (remaining.length) {
    const ready = remaining.findIndex((t) => t.foreignKeys.every((fk) => fk.refTable === t.name || done.has(fk.refTable) || !tables.some((x) => x.name === fk.refTable)));
    const [next] = remaining.splice(ready >= 0 ? ready : 0, 1);
    order.push(next!);
    done.add(next!.name);
  }
  return order;
}

function createTable(table: Table, inlineForeignKeys: readonly ForeignKey[]): string {
  const lines = table.columns.map(columnDefinition);
  lines.push(`CONSTRAINT ${q(table.primaryKey.name)} PRIMARY KEY (${list(table.primaryKey.columns)})`);
  for (const u of table.uniques) lines.push(`CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`);
  for (const fk of inlineForeignKeys) lines.push(foreignKey(fk));
  for (const c of table.checks) lines.push(check(c));
  const partitioned = table.partitioning ? ` PARTITION BY RANGE (${q(table.partitioning.column)})` : '';
  return `CREATE TABLE ${q(table.name)} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n)${partitioned};`;
}

const PARTITION_NAME_FORMAT = { day: 'YYYY_MM_DD', week: 'IYYY_"w"IW', month: 'YYYY_MM', year: 'YYYY' } as const;

/**
 * The partitions around the moment the DDL runs, made by a DO block so the script stays the same
 * text whenever it is generated; a default partition catches rows outside the window.
 */
function createPartitions(table: string, p: Partitioning): string {
  const name = quotePgLiteral(table);
  return [
    'DO $$',
    'DECLARE',
    '  bound timestamptz;',
    'BEGIN',
    `  FOR i IN ${1 - p.history}..${p.premake} LOOP`,
    `    bound := date_trunc('${p.interval}', now()) + make_interval(${p.interval === 'week' ? 'weeks' : `${p.interval}s`} => i);`,
    `    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', ${name} || '_p' || to_char(bound, '${PARTITION_NAME_FORMAT[p.interval].replace(/"/g, '"')}'), ${name}, bound, bound + interval '1 ${p.interval}');`,
    '  END LOOP;',
    'END $$;',
    `CREATE TABLE ${q(`${table}_default`)} PARTITION OF ${q(table)} DEFAULT;`,
  ].join('\n');
}

function columnDefinition(column: Column): string {
  const parts = [q(column.name), postgresColumnType(column.type)];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.identity) parts.push(`GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (column.default) parts.push(`DEFAULT ${defaultValue(column)}`);
  return parts.join(' ');
}

function defaultValue(column: Column): string {
  const value = column.default!;
  switch (value.kind) {
    case 'now':
      return 'now()';
    case 'random-uuid':
      return 'gen_random_uuid()';
    case 'literal':
      if (typeof value.value === 'string') return quotePgLiteral(value.value);
      return String(value.value);
  }
}

const ON_DELETE: Record<ForeignKey['onDelete'], string> = { restrict: ' ON DELETE RESTRICT', cascade: ' ON DELETE CASCADE', 'set-null': ' ON DELETE SET NULL', 'no-action': '' };

function foreignKey(fk: ForeignKey): string {
  const setNullColumns = fk.onDelete === 'set-null' && fk.setNullColumns ? ` (${list(fk.setNullColumns)})` : '';
  const deferrable = fk.deferrable ? ' DEFERRABLE INITIALLY DEFERRED' : '';
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${ON_DELETE[fk.onDelete]}${setNullColumns}${deferrable}`;
}

/** Format checks are deliberately loose: they catch garbage, not every invalid address. */
const FORMAT_PATTERNS = { email: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', phone: '^\\+[1-9][0-9]{6,14}$' } as const;

function check(c: Check): string {
  const rule = c.rule;
  let condition: string;
  if (rule.kind === 'range') {
    const parts = [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : ''].filter(Boolean);
    condition = parts.join(' AND ');
  } else {
    condition = `${q(rule.column)} ~${rule.format === 'email' ? '*' : ''} ${quotePgLiteral(FORMAT_PATTERNS[rule.format])}`;
  }
  return `CONSTRAINT ${q(c.name)} CHECK (${condition})`;
}

function createIndex(index: Index): string {
  const method = index.method === 'btree' ? '' : ` USING ${index.method}`;
  const keys = index.keys.map(indexKey).join(', ');
  const include = index.include.length ? ` INCLUDE (${list(index.include)})` : '';
  const where = index.where.length ? ` WHERE ${index.where.map(condition).join(' AND ')}` : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(index.table)}${method} (${keys})${include}${where}`;
}

function indexKey(key: IndexKey): string {
  const target = key.column !== undefined ? q(key.column) : `(${key.expression})`;
  return `${target}${key.opclass ? ` ${key.opclass}` : ''}${key.order === 'desc' ? ' DESC' : ''}`;
}

function literal(value: string | number | boolean): string {
  return typeof value === 'string' ? quotePgLiteral(value) : String(value);
}

function condition(c: IndexCondition): string {
  const column = q(c.column);
  switch (c.op) {
    case 'eq':
      return `${column} = ${literal(c.values[0]!)}`;
    case 'neq':
      return `${column} <> ${literal(c.values[0]!)}`;
    case 'in':
      return `${column} IN (${c.values.map(literal).join(', ')})`;
    case 'not-in':
      return `${column} NOT IN (${c.values.map(literal).join(', ')})`;
    case 'is-null':
      return `${column} IS NULL`;
    case 'is-not-null':
      return `${column} IS NOT NULL`;
  }
}

function commentStatements(table: Table): string[] {
  const out: string[] = [];
  if (table.comment) out.push(`COMMENT ON TABLE ${q(table.name)} IS ${quotePgLiteral(table.comment)};`);
  for (const column of table.columns) {
    const text = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
    if (text) out.push(`COMMENT ON COLUMN ${q(table.name)}.${q(column.name)} IS ${quotePgLiteral(text)};`);
  }
  return out;
}

const list = (columns: readonly string[]) => columns.map(q).join(', ');
