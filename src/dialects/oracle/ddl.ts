import type { DdlScript, DdlSubstitution } from '../ddl-target.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { Check, Column, ForeignKey, Index, Schema, Table } from '../../model/schema.js';
import { creationOrder } from '../postgres/ddl.js';
import { oracleLiteral, oracleNow } from './values.js';
import { createOracleView } from './views.js';
import { ORACLE_MAX_IDENTIFIER_BYTES, oracleName, quoteOracleIdentifier as q, quoteOracleLiteral } from './quote.js';
import { isOracleLobType, oracleColumnType } from './types.js';

/** Why a construct Oracle has is not written: the parser that checks the script cannot read it. */
export const PARSER_LIMIT = "sqlfluff's oracle dialect, which checks this script, cannot read it";

/**
 * The whole schema as an Oracle 19c+ script: sequences for generated keys, tables in dependency
 * order (enums and booleans as checked columns), foreign keys that point forward added
 * afterwards, indexes, views, comments. Oracle commits each DDL statement, so the script is not
 * one transaction. The script keeps to what sqlfluff's oracle dialect parses; each Oracle feature
 * left out for that, and each one Oracle lacks, is a substitution that names the statement to use.
 */
export function emitOracleDdl(schema: Schema): DdlScript {
  const subs: DdlSubstitution[] = [];
  const statements: string[] = [];
  const out: string[] = ['-- Oracle Database 19c+. Oracle commits each DDL statement: run the script on an empty schema.'];
  const add = (sql: string) => {
    statements.push(sql);
    out.push(sql);
  };
  const enumLength = (name: string) => Math.max(0, ...(schema.enums.find((e) => e.name === name)?.values.map((v) => v.length) ?? []));
  const utcColumns = keyInstants(schema);
  const typeOf = (table: Table, c: Column) =>
    oracleColumnType(c.type, { enumLength: enumLength((c.type as { name?: string }).name ?? ''), inKey: utcColumns.has(`${table.name}.${c.name}`) });

  checkNames(schema, subs);
  for (const table of schema.tables)
    for (const column of table.columns) {
      const sequence = sequenceOf(table, column);
      if (!sequence) continue;
      add(`CREATE SEQUENCE ${q(sequence)};`);
      subs.push({
        feature: column.identity ? 'identity column' : `default from sequence ${(column.default as { sequence: string }).sequence}`,
        object: `${table.name}.${column.name}`,
        alternative: `sequence ${oracleName(sequence)}: inserts take ${oracleName(sequence)}.NEXTVAL (GENERATED … AS IDENTITY and DEFAULT ….NEXTVAL are not written: ${PARSER_LIMIT})`,
      });
    }
  if (statements.length) out.push('');

  const created = new Set<string>();
  const later: { table: Table; fk: ForeignKey }[] = [];
  const keyLists = new Map<string, Set<string>>();
  for (const table of creationOrder(schema.tables)) {
    const inline = table.foreignKeys.filter((fk) => created.has(fk.refTable) || fk.refTable === table.name);
    for (const fk of table.foreignKeys) if (!inline.includes(fk)) later.push({ table, fk });
    subs.push(...tableNotes(table));
    const indexed = new Set<string>([table.primaryKey.columns.join(',')]);
    const lines = table.columns.map((c) => columnDefinition(table, c, typeOf(table, c), utcColumns, subs));
    lines.push(`CONSTRAINT ${q(table.primaryKey.name)} PRIMARY KEY (${list(table.primaryKey.columns)})`);
    for (const u of table.uniques) {
      const nullable = u.columns.filter((name) => table.columns.find((c) => c.name === name)?.nullable);
      if (u.columns.length > 1 && nullable.length) {
        // Oracle's composite unique key counts (1, NULL) twice as a duplicate; PostgreSQL's admits both.
        const when = nullable.map((c) => `${q(c)} IS NOT NULL`).join(' AND ');
        subs.push({
          feature: 'composite unique key with a nullable column',
          object: `${table.name}.${u.name}`,
          alternative: `not enforced (Oracle would reject two rows that share the other columns and both leave ${nullable.join(', ')} NULL): the function-based index CREATE UNIQUE INDEX ${q(u.name)} ON ${q(table.name)} (${u.columns.map((c) => `CASE WHEN ${when} THEN ${q(c)} END`).join(', ')}) enforces it; it is not written: ${PARSER_LIMIT}`,
        });
        continue;
      }
      indexed.add(u.columns.join(','));
      lines.push(`CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})`);
    }
    keyLists.set(table.name, indexed);
    for (const fk of inline) lines.push(foreignKey(table, fk, subs));
    for (const c of table.checks) {
      const condition = checkCondition(table, c, subs);
      if (condition) lines.push(`CONSTRAINT ${q(c.name)} CHECK (${condition})`);
    }
    for (const c of table.columns) {
      const object = `${table.name}.${c.name}`;
      if (c.type.kind === 'enum') {
        const values = schema.enums.find((e) => e.name === (c.type as { name: string }).name)?.values ?? [];
        lines.push(`CONSTRAINT ${q(`${table.name}_${c.name}_in_check`)} CHECK (${q(c.name)} IN (${values.map(quoteOracleLiteral).join(', ')}))`);
      }
      if (c.type.kind === 'bool') lines.push(`CONSTRAINT ${q(`${table.name}_${c.name}_bool_check`)} CHECK (${q(c.name)} IN (0, 1))`);
      if (c.type.kind === 'json')
        subs.push({ feature: 'JSON validation', object, alternative: `CLOB without CHECK (${q(c.name)} IS JSON), Oracle's JSON check: ${PARSER_LIMIT}` });
    }
    add(`CREATE TABLE ${q(table.name)} (\n${lines.map((l) => `  ${l}`).join(',\n')}\n);`);
    out.push('');
    created.add(table.name);
  }
  for (const { table, fk } of later) add(`ALTER TABLE ${q(table.name)} ADD ${foreignKey(table, fk, subs)};`);
  if (later.length) out.push('');

  const indexes = schema.tables.flatMap((t) => t.indexes.flatMap((i) => createIndex(t, i, keyLists.get(t.name)!, subs)));
  for (const index of indexes) add(index);
  if (indexes.length) out.push('');

  for (const table of schema.tables)
    for (const trigger of table.triggers ?? [])
      subs.push({
        feature: trigger.kind === 'history' ? 'history trigger' : 'running-total trigger',
        object: trigger.name,
        alternative: `not written (a PL/SQL row trigger, CREATE TRIGGER … ${trigger.kind === 'history' ? 'AFTER UPDATE OR DELETE' : 'AFTER INSERT'} ON ${q(table.name)} FOR EACH ROW, is the Oracle way: ${PARSER_LIMIT}): the application writes ${trigger.kind === 'history' ? trigger.historyTable : trigger.snapshotTable} in the same transaction`,
      });

  const views = (schema.views ?? []).flatMap((v) => {
    const sql = createOracleView(schema, v, subs);
    return sql ? [{ view: v, sql }] : [];
  });
  for (const { sql } of views) add(sql);
  if (views.length) out.push('');

  const comments = [
    ...schema.tables.flatMap(commentStatements),
    ...views.map(({ view }) => `COMMENT ON TABLE ${q(view.name)} IS ${quoteOracleLiteral(`Pre-aggregate (${view.origin}), computed when read`)};`),
  ];
  for (const comment of comments) add(comment);
  for (const object of schema.native ?? [])
    subs.push({
      feature: `${object.kind} kept in ${object.dialect} SQL`,
      object: object.name,
      alternative: 'not written: translate its definition to Oracle SQL by hand',
    });
  return { sql: out.join('\n').trimEnd() + '\n', statements: statements.length, substitutions: subs };
}

/** The sequence that fills a column, when the database generates its values. */
function sequenceOf(table: Table, column: Column): string | undefined {
  if (column.identity) return `${table.name}_${column.name}_seq`;
  if (column.default?.kind === 'sequence' && ['int16', 'int32', 'int64'].includes(column.type.kind)) return column.default.sequence.replace(/^.*\./, '');
  return undefined;
}

/**
 * Instant columns that are in a primary or unique key, or reference one: Oracle refuses TIMESTAMP
 * WITH TIME ZONE there (ORA-02329), and a foreign key's columns must have the key's type.
 */
function keyInstants(schema: Schema): Set<string> {
  const instant = (t: Table, name: string) => {
    const type = t.columns.find((c) => c.name === name)?.type;
    return type?.kind === 'timestamp' && type.withTimeZone;
  };
  const keys = new Set<string>();
  for (const t of schema.tables)
    for (const name of [...t.primaryKey.columns, ...t.uniques.flatMap((u) => u.columns)]) if (instant(t, name)) keys.add(`${t.name}.${name}`);
  for (let changed = true; changed; ) {
    changed = false;
    for (const t of schema.tables)
      for (const fk of t.foreignKeys)
        fk.refColumns.forEach((ref, i) => {
          const own = `${t.name}.${fk.columns[i]}`;
          if (keys.has(`${fk.refTable}.${ref}`) && !keys.has(own) && instant(t, fk.columns[i]!)) {
            keys.add(own);
            changed = true;
          }
        });
  }
  return keys;
}

function checkNames(schema: Schema, subs: DdlSubstitution[]): void {
  const names = schema.tables.flatMap((t) => [t.name, ...t.columns.map((c) => c.name), ...t.indexes.map((i) => i.name), ...t.foreignKeys.map((f) => f.name)]);
  for (const name of new Set(names))
    if (Buffer.byteLength(name, 'utf8') > ORACLE_MAX_IDENTIFIER_BYTES)
      subs.push({
        feature: `identifier longer than ${ORACLE_MAX_IDENTIFIER_BYTES} bytes`,
        object: name,
        alternative: 'none: rename it in the spec; Oracle rejects the script',
      });
}

function tableNotes(table: Table): DdlSubstitution[] {
  const notes: DdlSubstitution[] = [];
  if (table.namespace) notes.push({ feature: `schema ${table.namespace}`, object: table.name, alternative: "created in the connecting user's schema" });
  if (table.partitioning) {
    const p = table.partitioning;
    const interval =
      p.interval === 'week'
        ? "NUMTODSINTERVAL(7, 'DAY')"
        : p.interval === 'day'
          ? "NUMTODSINTERVAL(1, 'DAY')"
          : `NUMTOYMINTERVAL(1, '${p.interval.toUpperCase()}')`;
    notes.push({
      feature: `range partitioning by ${p.interval}`,
      object: table.name,
      alternative: `one table; Oracle's interval partitioning (PARTITION BY RANGE (${q(p.column)}) INTERVAL (${interval}) …, Partitioning option) is not written: ${PARSER_LIMIT}; retention by a scheduled DELETE of old rows`,
    });
  }
  if ((table.tenantScoped && table.columns.some((c) => c.name === TENANT_COLUMN)) || table.rowSecurity?.enabled)
    notes.push({
      feature: 'row-level security',
      object: table.name,
      alternative: `the application filters by ${TENANT_COLUMN}; a Virtual Private Database policy (a PL/SQL policy function and DBMS_RLS.ADD_POLICY) is not written: ${PARSER_LIMIT}`,
    });
  return notes;
}

function columnDefinition(table: Table, column: Column, type: string, utcColumns: ReadonlySet<string>, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${column.name}`;
  if (utcColumns.has(object))
    subs.push({
      feature: 'TIMESTAMP WITH TIME ZONE in a key',
      object,
      alternative:
        "TIMESTAMP holding UTC (Oracle refuses a time-zone type in a primary or unique key, ORA-02329; TIMESTAMP WITH LOCAL TIME ZONE would do, but sqlfluff's oracle dialect cannot read it)",
    });
  if (column.type.kind === 'money') subs.push({ feature: 'money type', object, alternative: 'NUMBER(19,4)' });
  if (column.type.kind === 'time')
    subs.push({ feature: 'time of day', object, alternative: "VARCHAR2(15 CHAR) as 'HH24:MI:SS.FF6' (Oracle has no time type)" });
  if (column.type.kind === 'decimal' && column.type.precision > 38) subs.push({ feature: 'numeric precision above 38', object, alternative: type });
  if (column.type.kind === 'native' && column.type.dialect !== 'oracle')
    subs.push({ feature: `${column.type.dialect} type ${column.type.sql}`, object, alternative: 'CLOB' });
  if (column.generated)
    subs.push({
      feature: 'generated column',
      object,
      alternative: `a plain column the application fills: Oracle writes it as a virtual column, ${q(column.name)} AS (<expression in Oracle SQL>); the expression is PostgreSQL SQL (${column.generated.expression})`,
    });
  const parts = [q(column.name), type];
  const value = column.default && !sequenceOf(table, column) ? defaultValue(column, utcColumns.has(object), object, subs) : undefined;
  // Oracle wants DEFAULT before NOT NULL.
  if (value !== undefined) parts.push(`DEFAULT ${value}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

function defaultValue(column: Column, utc: boolean, object: string, subs: DdlSubstitution[]): string | undefined {
  const value = column.default!;
  switch (value.kind) {
    case 'now':
      return oracleNow(column.type, utc);
    case 'random-uuid':
      return 'SYS_GUID()';
    case 'literal':
      if (value.value === '') {
        subs.push({ feature: "empty-string default ''", object, alternative: "no default: Oracle stores '' as NULL" });
        return undefined;
      }
      return oracleLiteral(column, value.value);
    case 'sequence':
      return undefined;
    case 'expression':
      subs.push({ feature: 'default expression in PostgreSQL SQL', object, alternative: `no default: the application supplies the value (was ${value.sql})` });
      return undefined;
  }
}

/** PostgreSQL's format patterns as Oracle regular expressions (POSIX classes: `\s` is literal inside brackets). */
const FORMAT_PATTERNS = { email: '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$', phone: '^\\+[1-9][0-9]{6,14}$' } as const;

function checkCondition(table: Table, c: Check, subs: DdlSubstitution[]): string | undefined {
  const rule = c.rule;
  if (c.notValid) subs.push({ feature: 'check added NOT VALID', object: `${table.name}.${c.name}`, alternative: 'checked against existing rows too' });
  if (rule.kind === 'range')
    return [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : '']
      .filter(Boolean)
      .join(' AND ');
  if (rule.kind === 'format')
    return `REGEXP_LIKE(${q(rule.column)}, ${quoteOracleLiteral(FORMAT_PATTERNS[rule.format])}${rule.format === 'email' ? ", 'i'" : ''})`;
  subs.push({
    feature: 'check in PostgreSQL SQL',
    object: `${table.name}.${c.name}`,
    alternative: `not written: translate (${rule.sql}) to Oracle SQL, or check in the application`,
  });
  return undefined;
}

function foreignKey(table: Table, fk: ForeignKey, subs: DdlSubstitution[]): string {
  const object = `${table.name}.${fk.name}`;
  if (fk.deferrable)
    subs.push({
      feature: 'deferrable foreign key',
      object,
      alternative: `checked at each statement; Oracle's DEFERRABLE INITIALLY DEFERRED is not written: ${PARSER_LIMIT}`,
    });
  if (fk.notValid) subs.push({ feature: 'foreign key added NOT VALID', object, alternative: `validated (ENABLE NOVALIDATE is not written: ${PARSER_LIMIT})` });
  if (fk.onUpdate && !['no-action', 'restrict'].includes(fk.onUpdate))
    subs.push({
      feature: `ON UPDATE ${fk.onUpdate}`,
      object,
      alternative: 'none: Oracle has no ON UPDATE actions; the application updates the referencing rows',
    });
  let action = '';
  if (fk.onDelete === 'cascade') action = ' ON DELETE CASCADE';
  else if (fk.onDelete === 'set-null' && !fk.setNullColumns) action = ' ON DELETE SET NULL';
  else if (fk.onDelete === 'set-null')
    subs.push({
      feature: 'ON DELETE SET NULL of some columns',
      object,
      alternative: `no action: the application sets ${fk.setNullColumns!.join(', ')} to NULL before deleting the ${fk.refTable} row`,
    });
  else if (fk.onDelete === 'set-default')
    subs.push({
      feature: 'ON DELETE SET DEFAULT',
      object,
      alternative: 'no action: Oracle has no SET DEFAULT; the application sets the default before deleting',
    });
  // RESTRICT and NO ACTION are Oracle's default: the delete of a referenced row is rejected.
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${action}`;
}

/**
 * An index as Oracle writes it: INCLUDE columns join the key (Oracle has no INCLUDE); a partial
 * index is a full one, or none when unique; an expression is not written; a column list already
 * indexed (by the primary key, a unique key or an earlier index) is skipped, as Oracle refuses it.
 */
function createIndex(table: Table, index: Index, indexed: Set<string>, subs: DdlSubstitution[]): string[] {
  const object = `${table.name}.${index.name}`;
  const skip = (feature: string, alternative: string) => {
    subs.push({ feature, object, alternative });
    return [];
  };
  const expression = index.keys.find((k) => k.column === undefined);
  if (expression)
    return skip(
      'index on an expression',
      `not created: Oracle's function-based index on (${expression.expression}) is not written: the expression is PostgreSQL SQL, and ${PARSER_LIMIT}`,
    );
  const lob = index.keys.find((k) => isOracleLobType(table.columns.find((c) => c.name === k.column)?.type ?? { kind: 'int32' }));
  if (lob || index.method === 'gin')
    return skip(
      index.method === 'gin' ? 'inverted (GIN) index' : 'index on a LOB column',
      `not created: Oracle cannot index ${lob?.column ?? 'these columns'} as a B-tree; a JSON search index (CREATE SEARCH INDEX … FOR JSON) or an index on JSON_VALUE(…) serves JSON paths`,
    );
  const partial = index.where.length > 0 || index.predicate !== undefined;
  if (partial && index.unique)
    return skip(
      'partial unique index',
      `not created: a full unique index would reject rows the condition leaves out; Oracle's function-based form (CASE WHEN … THEN … END keys) is not written: ${PARSER_LIMIT}`,
    );
  if (partial)
    subs.push({
      feature: 'partial index',
      object,
      alternative: `a full index (Oracle indexes all rows; its function-based form with CASE WHEN … THEN … END keys is not written: ${PARSER_LIMIT})`,
    });
  if (index.method !== 'btree') subs.push({ feature: `${index.method} index`, object, alternative: 'a B-tree index' });
  if (index.keys.some((k) => k.opclass)) subs.push({ feature: 'operator class', object, alternative: 'the default comparison' });
  const include = index.include.filter((c) => !index.keys.some((k) => k.column === c));
  if (include.length)
    subs.push({ feature: 'INCLUDE columns', object, alternative: `${include.join(', ')} added at the end of the key (Oracle has no INCLUDE)` });
  const keys = [...index.keys.map((k) => ({ column: k.column!, desc: k.order === 'desc' })), ...include.map((column) => ({ column, desc: false }))];
  const signature = keys.map((k) => `${k.column}${k.desc ? ' desc' : ''}`).join(',');
  if (indexed.has(signature))
    return skip(
      'index on an indexed column list',
      `not created: Oracle refuses a second index on (${keys.map((k) => k.column).join(', ')}) (ORA-01408); the existing one serves`,
    );
  indexed.add(signature);
  return [
    `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(table.name)} (${keys.map((k) => `${q(k.column)}${k.desc ? ' DESC' : ''}`).join(', ')});`,
  ];
}

function commentStatements(table: Table): string[] {
  const out: string[] = [];
  if (table.comment) out.push(`COMMENT ON TABLE ${q(table.name)} IS ${quoteOracleLiteral(table.comment)};`);
  for (const column of table.columns) {
    const text = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
    if (text) out.push(`COMMENT ON COLUMN ${q(table.name)}.${q(column.name)} IS ${quoteOracleLiteral(text)};`);
  }
  return out;
}

const list = (columns: readonly string[]) => columns.map(q).join(', ');
