import type { DdlScript, DdlSubstitution } from '../ddl-target.js';
import { renderIndexCondition } from '../index-condition.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { AggregateView, Check, Column, ForeignKey, Index, IndexCondition, Schema, Table, ViewColumn } from '../../model/schema.js';
import { creationOrder } from '../postgres/ddl.js';
import { quoteCockroachIdentifier as q, quoteCockroachLiteral } from './quote.js';
import { cockroachColumnType } from './types.js';

/** Operator classes CockroachDB's inverted indexes take. */
const INVERTED_OPCLASSES = new Set(['jsonb_ops', 'array_ops', 'gin_trgm_ops']);
const FORMAT_PATTERNS = { email: '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$', phone: '^\\+[1-9][0-9]{6,14}$' } as const;
const ACTION: Record<ForeignKey['onDelete'], string> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
  'no-action': '',
};

/**
 * The whole schema as a CockroachDB 23.1+ script: enum types, tables in dependency order, foreign
 * keys that point forward added afterwards, partial, covering and inverted indexes, materialized
 * views with their unique index, comments. PostgreSQL syntax wherever CockroachDB takes it. A
 * 64-bit generated key is `unordered_unique_rowid()`, not a sequence: sequential keys send every
 * insert to the range holding the end of the key space, a hotspot; its values are unique and spread.
 */
export function emitCockroachDdl(schema: Schema): DdlScript {
  const subs: DdlSubstitution[] = [
    {
      feature: 'transactional DDL',
      object: 'schema',
      alternative:
        'one statement at a time: CockroachDB runs schema changes as jobs and advises against many in one transaction; after a failure, rerun on an empty database',
    },
  ];
  const statements: string[] = [];
  const out: string[] = ['-- CockroachDB 23.1+. Run the statements one at a time (not in one transaction).'];
  const add = (sql: string) => {
    statements.push(sql);
    out.push(sql);
  };
  for (const e of schema.enums) add(`CREATE TYPE ${q(e.name)} AS ENUM (${e.values.map(quoteCockroachLiteral).join(', ')});`);
  if (schema.enums.length) out.push('');

  const created = new Set<string>();
  const later: { table: Table; fk: ForeignKey }[] = [];
  for (const table of creationOrder(schema.tables)) {
    const inline = table.foreignKeys.filter((fk) => created.has(fk.refTable) || fk.refTable === table.name);
    for (const fk of table.foreignKeys) if (!inline.includes(fk)) later.push({ table, fk });
    const lines = table.columns.map((c) => columnDefinition(table, c, subs));
    lines.push(`CONSTRAINT ${q(table.primaryKey.name)} PRIMARY KEY (${list(table.primaryKey.columns)})`);
    for (const u of table.uniques) lines.push(`CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`);
    for (const fk of inline) lines.push(foreignKey(table, fk, subs));
    for (const c of table.checks) lines.push(check(c));
    add(`CREATE TABLE ${q(table.name)} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n)${tableOptions(table, subs)};`);
    out.push('');
    created.add(table.name);
  }
  for (const { table, fk } of later) add(`ALTER TABLE ${q(table.name)} ADD ${foreignKey(table, fk, subs)};`);
  if (later.length) out.push('');

  const indexes = schema.tables.flatMap((t) => t.indexes.map((i) => createIndex(t, i, subs)));
  for (const index of indexes) add(index);
  if (indexes.length) out.push('');

  for (const table of schema.tables)
    for (const trigger of table.triggers ?? [])
      subs.push({
        feature: trigger.kind === 'history' ? 'history trigger' : 'running-total trigger',
        object: trigger.name,
        alternative: `not written (CockroachDB runs triggers from 24.3): the application writes ${trigger.kind === 'history' ? trigger.historyTable : trigger.snapshotTable} in the same transaction, or a changefeed on ${table.name} does`,
      });
  for (const view of schema.views ?? []) {
    out.push(`-- Pre-aggregate (${view.origin}): refresh every ${view.refreshEverySeconds} s with REFRESH MATERIALIZED VIEW ${q(view.name)};`);
    add(createView(view));
    const groups = view.columns.filter((c) => c.kind === 'group').map((c) => c.name);
    add(`CREATE UNIQUE INDEX ${q(view.uniqueIndex)} ON ${q(view.name)} (${list(groups)});`);
    out.push('');
  }

  const comments = schema.tables.flatMap(commentStatements);
  for (const comment of comments) add(comment);
  for (const object of schema.native ?? [])
    subs.push({
      feature: `${object.kind} kept in ${object.dialect} SQL`,
      object: object.name,
      alternative: 'not written: check that CockroachDB takes its definition and run it by hand',
    });
  return { sql: out.join('\n').trimEnd() + '\n', statements: statements.length, substitutions: subs };
}

/** Partitioning and row-level security, which CockroachDB 23 does not have as PostgreSQL does: substituted; retention becomes row-level TTL. */
function tableOptions(table: Table, subs: DdlSubstitution[]): string {
  if ((table.tenantScoped && table.columns.some((c) => c.name === TENANT_COLUMN)) || table.rowSecurity?.enabled)
    subs.push({
      feature: 'row-level security',
      object: table.name,
      alternative: `the application filters by ${TENANT_COLUMN} (CockroachDB has row-level security from 25.2)`,
    });
  if (table.namespace) subs.push({ feature: `schema ${table.namespace}`, object: table.name, alternative: 'created in the current schema' });
  const p = table.partitioning;
  if (!p) return '';
  const retention = p.retentionSeconds ?? table.volume?.retentionSeconds;
  subs.push({
    feature: `range partitioning by ${p.interval}`,
    object: table.name,
    alternative:
      retention !== undefined
        ? `one table whose rows expire by row-level TTL ${retention} s after ${p.column} (CockroachDB splits ranges by itself; its PARTITION BY places data by region, not time)`
        : 'one table (CockroachDB splits ranges by itself; its PARTITION BY places data by region, not time)',
  });
  // One storage parameter: sqlfluff's postgres dialect reads no list of them.
  return retention !== undefined ? ` WITH (ttl_expiration_expression = ${quoteCockroachLiteral(`${q(p.column)} + INTERVAL '${retention} seconds'`)})` : '';
}

function columnDefinition(table: Table, column: Column, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${column.name}`;
  const parts = [q(column.name), cockroachColumnType(column.type)];
  if (column.type.kind === 'money') subs.push({ feature: 'money type', object, alternative: 'DECIMAL(19,4)' });
  if (column.type.kind === 'native' && !['cockroachdb', 'postgres'].includes(column.type.dialect))
    subs.push({ feature: `${column.type.dialect} type ${column.type.sql}`, object, alternative: 'TEXT' });
  if (!column.nullable) parts.push('NOT NULL');
  const rowid = column.type.kind === 'int64' && (column.identity !== undefined || column.default?.kind === 'sequence');
  if (rowid) {
    parts.push('DEFAULT unordered_unique_rowid()');
    subs.push({
      feature: column.identity ? 'sequential identity' : 'default from a sequence',
      object,
      alternative:
        'DEFAULT unordered_unique_rowid(): unique 64-bit values spread over the key space, not 1, 2, 3 (a sequence makes every insert write to the same range); an insert may still supply its own value',
    });
    return parts.join(' ');
  }
  if (column.identity) parts.push(`GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  if (column.default) {
    const value = defaultValue(column, object, subs);
    if (value !== undefined) parts.push(`DEFAULT ${value}`);
  }
  return parts.join(' ');
}

function defaultValue(column: Column, object: string, subs: DdlSubstitution[]): string | undefined {
  const value = column.default!;
  switch (value.kind) {
    case 'now':
      return 'now()';
    case 'random-uuid':
      return 'gen_random_uuid()';
    case 'literal':
      return literal(value.value);
    case 'sequence':
      subs.push({ feature: `default from sequence ${value.sequence}`, object, alternative: 'no default: the application supplies the value' });
      return undefined;
    case 'expression':
      return value.sql;
  }
}

const literal = (value: string | number | boolean) => (typeof value === 'string' ? quoteCockroachLiteral(value) : String(value));

function check(c: Check): string {
  const rule = c.rule;
  let condition: string;
  if (rule.kind === 'range')
    condition = [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : '']
      .filter(Boolean)
      .join(' AND ');
  else if (rule.kind === 'format')
    condition = `${q(rule.column)} ~${rule.format === 'email' ? '*' : ''} ${quoteCockroachLiteral(FORMAT_PATTERNS[rule.format])}`;
  else condition = rule.sql;
  return `CONSTRAINT ${q(c.name)} CHECK (${condition})${c.notValid ? ' NOT VALID' : ''}`;
}

function foreignKey(table: Table, fk: ForeignKey, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${fk.name}`;
  if (fk.deferrable)
    subs.push({
      feature: 'deferrable foreign key',
      object,
      alternative: 'checked at each statement (CockroachDB has no deferred constraints): insert rows that reference each other in dependency order',
    });
  let onDelete = fk.onDelete;
  if (onDelete === 'set-null' && fk.setNullColumns) {
    subs.push({
      feature: 'ON DELETE SET NULL of some columns',
      object,
      alternative: `NO ACTION: the application sets ${fk.setNullColumns.join(', ')} to NULL before deleting the ${fk.refTable} row`,
    });
    onDelete = 'no-action';
  }
  const action = (event: string, a: ForeignKey['onDelete'] | undefined) => (a && ACTION[a] ? ` ON ${event} ${ACTION[a]}` : '');
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${action('DELETE', onDelete)}${action('UPDATE', fk.onUpdate)}${fk.notValid ? ' NOT VALID' : ''}`;
}

const condition = (c: IndexCondition): string => renderIndexCondition(c, { quote: q, literal });

/** INCLUDE is CockroachDB's alias of STORING (sqlfluff's postgres dialect reads only the former); GIN makes an inverted index. */
function createIndex(table: Table, index: Index, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${index.name}`;
  let method = '';
  if (index.method === 'gin') method = ' USING GIN';
  else if (index.method !== 'btree')
    subs.push({
      feature: `${index.method} index`,
      object,
      alternative: index.method === 'hash' ? "a B-tree index (CockroachDB's USING HASH means a hash-sharded index)" : 'a B-tree index',
    });
  const keys = index.keys.map((k) => {
    let opclass = k.opclass ? ` ${k.opclass}` : '';
    if (k.opclass && !(index.method === 'gin' && INVERTED_OPCLASSES.has(k.opclass))) {
      subs.push({ feature: `operator class ${k.opclass}`, object, alternative: 'the default one' });
      opclass = '';
    }
    return `${k.column !== undefined ? q(k.column) : `(${k.expression})`}${opclass}${k.order === 'desc' ? ' DESC' : ''}`;
  });
  const include = index.include.length ? ` INCLUDE (${list(index.include)})` : '';
  const conditions = [...index.where.map(condition), ...(index.predicate ? [`(${index.predicate})`] : [])];
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table.name)}${method} (${keys.join(', ')})${include}${where};`;
}

function viewExpression(c: ViewColumn): string {
  if (c.kind === 'group') return c.expression !== undefined ? c.expression : q(c.column!);
  return `${c.fn}(${c.column !== undefined ? q(c.column) : '*'})`;
}

function createView(view: AggregateView): string {
  const groups = view.columns.filter((c) => c.kind === 'group');
  const select = view.columns.map((c) => (c.kind === 'group' && c.column === c.name ? q(c.name) : `${viewExpression(c)} AS ${q(c.name)}`)).join(', ');
  const conditions = [...view.where.map(condition), ...(view.window ? [`${q(view.window.column)} >= now() - INTERVAL '${view.window.seconds} seconds'`] : [])];
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  const groupBy = groups.length ? `\n  GROUP BY ${groups.map(viewExpression).join(', ')}` : '';
  return `CREATE MATERIALIZED VIEW ${q(view.name)} AS\n  SELECT ${select}\n  FROM ${q(view.table)}${where}${groupBy};`;
}

function commentStatements(table: Table): string[] {
  const out: string[] = [];
  if (table.comment) out.push(`COMMENT ON TABLE ${q(table.name)} IS ${quoteCockroachLiteral(table.comment)};`);
  for (const column of table.columns) {
    const text = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
    if (text) out.push(`COMMENT ON COLUMN ${q(table.name)}.${q(column.name)} IS ${quoteCockroachLiteral(text)};`);
  }
  return out;
}

const list = (columns: readonly string[]) => columns.map(q).join(', ');
