import type { DdlScript, DdlSubstitution } from '../ddl-target.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { Check, Column, ForeignKey, Index, Schema, Table } from '../../model/schema.js';
import { creationOrder } from '../postgres/ddl.js';
import { CascadeGraph } from './cascade-paths.js';
import { sqlServerCondition, sqlServerLiteral as literal } from './conditions.js';
import { createSqlServerTrigger, createSqlServerView, sqlServerNow } from './programmable.js';
import { quoteSqlServerIdentifier as q, quoteSqlServerLiteral, SQLSERVER_MAX_IDENTIFIER } from './quote.js';
import { exceedsSqlServerPrecision, isSqlServerLobType, sqlServerColumnType } from './types.js';

/** The schema the script creates its objects in: comments (extended properties) name it. */
const SCHEMA = 'dbo';

const ACTION: Record<ForeignKey['onDelete'], string> = {
  // SQL Server has no RESTRICT: NO ACTION rejects the same deletes of a referenced row, checked at the statement's end.
  restrict: 'NO ACTION',
  'no-action': 'NO ACTION',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
};
const CASCADING = new Set<ForeignKey['onDelete']>(['cascade', 'set-null', 'set-default']);

/**
 * The whole schema as one SQL Server 2019+ script in one transaction: tables in dependency order
 * (enums and json as checked nvarchar, identity as IDENTITY(1,1)), foreign keys that point forward
 * added afterwards, filtered and covering indexes, then one batch (`GO`) per trigger and view, and
 * comments as MS_Description extended properties. What T-SQL cannot say is a substitution.
 */
export function emitSqlServerDdl(schema: Schema): DdlScript {
  const subs: DdlSubstitution[] = [];
  const statements: string[] = [];
  const out: string[] = [`-- SQL Server 2019+ (T-SQL), schema ${SCHEMA}. Run with sqlcmd -b, so that a failing batch stops the script.`];
  const add = (sql: string) => {
    statements.push(sql);
    out.push(sql);
  };
  const enumLength = (name: string) => Math.max(0, ...(schema.enums.find((e) => e.name === name)?.values.map((v) => v.length) ?? []));
  const type = (c: Column) => sqlServerColumnType(c.type, enumLength);

  checkNames(schema, subs);
  add('SET XACT_ABORT ON;');
  add('BEGIN TRANSACTION;');
  out.push('');

  // Plan which keys are created inline and which later, then decide each key's actions in that order.
  const created = new Set<string>();
  const plan: { table: Table; inline: ForeignKey[] }[] = [];
  const later: { table: Table; fk: ForeignKey }[] = [];
  for (const table of creationOrder(schema.tables)) {
    const inline = table.foreignKeys.filter((fk) => created.has(fk.refTable) || fk.refTable === table.name);
    for (const fk of table.foreignKeys) if (!inline.includes(fk)) later.push({ table, fk });
    plan.push({ table, inline });
    created.add(table.name);
  }
  const graphs = { DELETE: new CascadeGraph(), UPDATE: new CascadeGraph() };
  const fkSql = new Map<ForeignKey, string>();
  for (const { table, fk } of [...plan.flatMap((p) => p.inline.map((fk) => ({ table: p.table, fk }))), ...later])
    fkSql.set(fk, foreignKey(table, fk, graphs, subs));

  const filteredUniques: string[] = [];
  for (const { table, inline } of plan) {
    for (const note of tableNotes(table)) subs.push(note);
    const lines = table.columns.map((c) => columnDefinition(table, c, type(c), subs));
    lines.push(`CONSTRAINT ${q(table.primaryKey.name)} PRIMARY KEY (${list(table.primaryKey.columns)})`);
    for (const u of table.uniques) {
      const nullable = u.columns.filter((name) => table.columns.find((c) => c.name === name)?.nullable);
      if (!nullable.length) lines.push(`CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`);
      else {
        // A unique constraint lets one NULL in; PostgreSQL's lets any number in, like this filtered index.
        filteredUniques.push(
          `CREATE UNIQUE INDEX ${q(u.name)} ON ${q(table.name)} (${list(u.columns)}) WHERE ${nullable.map((c) => `${q(c)} IS NOT NULL`).join(' AND ')};`,
        );
        subs.push({
          feature: 'unique constraint over a nullable column',
          object: `${table.name}.${u.name}`,
          alternative: `a unique index filtered on ${nullable.join(', ')} IS NOT NULL: a SQL Server unique constraint admits a single NULL, PostgreSQL's any number`,
        });
      }
    }
    for (const fk of inline) lines.push(fkSql.get(fk)!);
    for (const c of table.checks) {
      const condition = checkCondition(table, c, subs);
      if (condition) lines.push(`CONSTRAINT ${q(c.name)} CHECK (${condition})`);
    }
    for (const c of table.columns) {
      if (c.type.kind === 'enum') {
        const values = schema.enums.find((e) => e.name === (c.type as { name: string }).name)?.values ?? [];
        lines.push(`CONSTRAINT ${q(`${table.name}_${c.name}_in_check`)} CHECK (${q(c.name)} IN (${values.map(quoteSqlServerLiteral).join(', ')}))`);
      }
      if (c.type.kind === 'json') lines.push(`CONSTRAINT ${q(`${table.name}_${c.name}_json_check`)} CHECK (ISJSON(${q(c.name)}) = 1)`);
    }
    add(`CREATE TABLE ${q(table.name)} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n);`);
    out.push('');
  }
  for (const { table, fk } of later) add(`ALTER TABLE ${q(table.name)} ADD ${fkSql.get(fk)!};`);
  if (later.length) out.push('');

  const indexes = [...filteredUniques, ...schema.tables.flatMap((t) => t.indexes.flatMap((i) => createIndex(t, i, subs)))];
  for (const index of indexes) add(index);
  if (indexes.length) out.push('');

  // CREATE TRIGGER and CREATE VIEW must each open a batch.
  const views = (schema.views ?? []).flatMap((v) => {
    const sql = createSqlServerView(schema, v, subs);
    return sql ? [{ view: v, sql }] : [];
  });
  const batches = [
    ...schema.tables.flatMap((t) => (t.triggers ?? []).map((trigger) => createSqlServerTrigger(schema, t, trigger))),
    ...views.map((v) => v.sql),
  ];
  for (const batch of batches) {
    out.push('GO');
    add(batch);
  }
  if (batches.length) out.push('GO', '');

  const comments = [...schema.tables.flatMap(commentStatements), ...views.map((v) => viewComment(v.view))];
  for (const comment of comments) add(comment);
  if (comments.length) out.push('');
  for (const object of schema.native ?? [])
    subs.push({
      feature: `${object.kind} kept in ${object.dialect} SQL`,
      object: object.name,
      alternative: 'not written: translate its definition to T-SQL by hand',
    });
  add('COMMIT TRANSACTION;');
  out.push('GO');
  return { sql: out.join('\n') + '\n', statements: statements.length, substitutions: subs };
}

function checkNames(schema: Schema, subs: DdlSubstitution[]): void {
  const names = schema.tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.name), ...t.indexes.map((i) => i.name), ...t.foreignKeys.map((f) => f.name)]);
  for (const name of new Set(names))
    if (name.length > SQLSERVER_MAX_IDENTIFIER)
      subs.push({
        feature: `identifier longer than ${SQLSERVER_MAX_IDENTIFIER} characters`,
        object: name,
        alternative: 'none: rename it in the spec; SQL Server rejects the script',
      });
}

/** What a table has that SQL Server does not get from this script. */
function tableNotes(table: Table): DdlSubstitution[] {
  const notes: DdlSubstitution[] = [];
  if (table.namespace) notes.push({ feature: `schema ${table.namespace}`, object: table.name, alternative: `created in ${SCHEMA}` });
  if (table.partitioning) {
    const p = table.partitioning;
    notes.push({
      feature: `range partitioning by ${p.interval}`,
      object: table.name,
      alternative: `one table: SQL Server partitions through a partition function and scheme with literal boundaries (CREATE PARTITION FUNCTION … AS RANGE RIGHT FOR VALUES (…) on ${p.column}), made at deployment; retention by a scheduled DELETE of old rows or a partition SWITCH`,
    });
  }
  if ((table.tenantScoped && table.columns.some((c) => c.name === TENANT_COLUMN)) || table.rowSecurity?.enabled)
    notes.push({
      feature: 'row-level security',
      object: table.name,
      alternative: `the application filters by ${TENANT_COLUMN}; a security policy over SESSION_CONTEXT(N'tenant_id') is not written: sqlfluff's tsql dialect, which checks this script, cannot read CREATE SECURITY POLICY`,
    });
  return notes;
}

function columnDefinition(table: Table, column: Column, type: string, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${column.name}`;
  const parts = [q(column.name), type];
  if (exceedsSqlServerPrecision(column.type)) subs.push({ feature: 'numeric precision above 38', object, alternative: type });
  if (column.type.kind === 'native' && column.type.dialect !== 'sqlserver')
    subs.push({ feature: `${column.type.dialect} type ${column.type.sql}`, object, alternative: 'nvarchar(max)' });
  let identity = column.identity !== undefined;
  if (column.identity === 'by-default')
    subs.push({ feature: 'identity BY DEFAULT', object, alternative: 'IDENTITY(1,1): an insert that supplies the value needs SET IDENTITY_INSERT ON' });
  if (column.default?.kind === 'sequence' && ['int16', 'int32', 'int64'].includes(column.type.kind)) {
    identity = true;
    subs.push({ feature: `default from sequence ${column.default.sequence}`, object, alternative: 'IDENTITY(1,1)' });
  }
  if (identity) parts.push('IDENTITY(1,1)');
  if (column.generated)
    subs.push({
      feature: 'generated column',
      object,
      alternative: `a plain column the application fills: SQL Server writes it as ${q(column.name)} AS (<expression in T-SQL>) PERSISTED; the expression is PostgreSQL SQL (${column.generated.expression})`,
    });
  parts.push(column.nullable ? 'NULL' : 'NOT NULL');
  const value = column.default && !identity ? defaultValue(column, object, subs) : undefined;
  if (value !== undefined) parts.push(`CONSTRAINT ${q(`${table.name}_${column.name}_default`)} DEFAULT ${value}`);
  return parts.join(' ');
}

function defaultValue(column: Column, object: string, subs: DdlSubstitution[]): string | undefined {
  const value = column.default!;
  switch (value.kind) {
    case 'now':
      return sqlServerNow(column.type);
    case 'random-uuid':
      return 'NEWID()';
    case 'literal':
      return literal(column, value.value);
    case 'sequence':
      subs.push({ feature: `default from sequence ${value.sequence}`, object, alternative: 'no default: the application supplies the value' });
      return undefined;
    case 'expression':
      subs.push({ feature: 'default expression in PostgreSQL SQL', object, alternative: `no default: the application supplies the value (was ${value.sql})` });
      return undefined;
  }
}

/**
 * PostgreSQL's format patterns as LIKE (SQL Server 2019 has no regular expressions), written so they
 * accept exactly what the patterns accept: email `^[^@\s]+@[^@\s]+\.[^@\s]+$`, phone `^\+[1-9][0-9]{6,14}$`.
 */
function formatCondition(column: string, format: 'email' | 'phone'): string {
  const c = q(column);
  if (format === 'phone') return `${c} LIKE N'+[1-9]%' AND LEN(${c}) BETWEEN 8 AND 16 AND SUBSTRING(${c}, 2, 15) NOT LIKE N'%[^0-9]%'`;
  const whitespace = `N'%[' + NCHAR(32) + NCHAR(9) + NCHAR(10) + NCHAR(11) + NCHAR(12) + NCHAR(13) + N']%'`;
  return `${c} LIKE N'%_@_%._%' AND ${c} NOT LIKE N'%@%@%' AND ${c} NOT LIKE ${whitespace}`;
}

function checkCondition(table: Table, c: Check, subs: DdlSubstitution[]): string | undefined {
  const rule = c.rule;
  if (c.notValid) subs.push({ feature: 'check added NOT VALID', object: `${table.name}.${c.name}`, alternative: 'checked against existing rows too' });
  if (rule.kind === 'range')
    return [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : '']
      .filter(Boolean)
      .join(' AND ');
  if (rule.kind === 'format') return formatCondition(rule.column, rule.format);
  subs.push({
    feature: 'check in PostgreSQL SQL',
    object: `${table.name}.${c.name}`,
    alternative: `not written: translate (${rule.sql}) to T-SQL, or check in the application`,
  });
  return undefined;
}

function foreignKey(table: Table, fk: ForeignKey, graphs: Record<'DELETE' | 'UPDATE', CascadeGraph>, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${fk.name}`;
  if (fk.deferrable)
    subs.push({
      feature: 'deferrable foreign key',
      object,
      alternative: 'checked at each statement: insert rows that reference each other in dependency order',
    });
  if (fk.notValid) subs.push({ feature: 'foreign key added NOT VALID', object, alternative: 'checked against existing rows too' });
  const action = (event: 'DELETE' | 'UPDATE', wanted: ForeignKey['onDelete'] | undefined): string => {
    let chosen = wanted ?? 'no-action';
    if (event === 'DELETE' && chosen === 'set-null' && fk.setNullColumns) {
      subs.push({
        feature: 'ON DELETE SET NULL of some columns',
        object,
        alternative: `NO ACTION: the application sets ${fk.setNullColumns.join(', ')} to NULL before deleting the ${fk.refTable} row`,
      });
      chosen = 'no-action';
    }
    if (CASCADING.has(chosen)) {
      const added = graphs[event].add(fk.refTable, table.name);
      if (!added.accepted) {
        subs.push({
          feature: `ON ${event} ${ACTION[chosen]} on a second cascade path`,
          object,
          alternative: `NO ACTION (SQL Server rejects multiple cascade paths and cycles: ${added.conflict}): the application, or an INSTEAD OF ${event} trigger on ${fk.refTable}, handles the ${table.name} rows first`,
        });
        chosen = 'no-action';
      }
    }
    return chosen === 'no-action' || chosen === 'restrict' ? '' : ` ON ${event} ${ACTION[chosen]}`;
  };
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${action('DELETE', fk.onDelete)}${action('UPDATE', fk.onUpdate)}`;
}

function createIndex(table: Table, index: Index, subs: DdlSubstitution[]): string[] {
  const object = `${table.name}.${index.name}`;
  const expression = index.keys.find((k) => k.column === undefined);
  if (expression) {
    subs.push({
      feature: 'index on an expression',
      object,
      alternative: `not created: SQL Server indexes an expression through a computed column (ALTER TABLE … ADD <name> AS (<T-SQL for ${expression.expression}>) PERSISTED, then an index on it)`,
    });
    return [];
  }
  const lob = index.keys.find((k) => isSqlServerLobType(table.columns.find((c) => c.name === k.column)?.type ?? { kind: 'int32' }));
  if (lob || index.method === 'gin') {
    subs.push({
      feature: index.method === 'gin' ? 'inverted (GIN) index' : 'index on a (max) column',
      object,
      alternative: `not created: SQL Server cannot key an index on ${lob?.column ?? 'these columns'}; index a computed column over JSON_VALUE(…) for the path the queries read, or a full-text index`,
    });
    return [];
  }
  if (index.method !== 'btree')
    subs.push({
      feature: `${index.method} index`,
      object,
      alternative: index.method === 'brin' ? 'a B-tree index (a clustered columnstore index also suits append-only scans)' : 'a B-tree index',
    });
  if (index.keys.some((k) => k.opclass)) subs.push({ feature: 'operator class', object, alternative: 'the default comparison' });
  const include = index.include.length ? ` INCLUDE (${list(index.include)})` : '';
  const conditions = index.where.map((c) => sqlServerCondition(table, c));
  if (index.predicate) {
    if (index.unique) {
      subs.push({
        feature: 'partial unique index in PostgreSQL SQL',
        object,
        alternative: `not created: translate WHERE ${index.predicate} to a T-SQL filter`,
      });
      return [];
    }
    subs.push({ feature: 'partial index in PostgreSQL SQL', object, alternative: `a full index (the condition ${index.predicate} is not translated)` });
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const keys = index.keys.map((k) => `${q(k.column!)}${k.order === 'desc' ? ' DESC' : ''}`).join(', ');
  return [`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table.name)} (${keys})${include}${where};`];
}

function property(text: string, table: string, kind: 'TABLE' | 'VIEW', column?: string): string {
  const level2 = column !== undefined ? `, @level2type = N'COLUMN', @level2name = ${quoteSqlServerLiteral(column)}` : '';
  return `EXEC sys.sp_addextendedproperty @name = N'MS_Description', @value = ${quoteSqlServerLiteral(text)}, @level0type = N'SCHEMA', @level0name = N'${SCHEMA}', @level1type = N'${kind}', @level1name = ${quoteSqlServerLiteral(table)}${level2};`;
}

function commentStatements(table: Table): string[] {
  const out: string[] = [];
  if (table.comment) out.push(property(table.comment, table.name, 'TABLE'));
  for (const column of table.columns) {
    const text = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
    if (text) out.push(property(text, table.name, 'TABLE', column.name));
  }
  return out;
}

function viewComment(view: NonNullable<Schema['views']>[number]): string {
  return property(`Pre-aggregate (${view.origin}), computed when read; PostgreSQL refreshes it every ${view.refreshEverySeconds} s`, view.name, 'VIEW');
}

const list = (columns: readonly string[]) => columns.map(q).join(', ');
