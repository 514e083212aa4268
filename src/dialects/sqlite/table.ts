import type { Check, Column, EnumType, ForeignKey, Table } from '../../model/schema.js';
import { translatePgExpression, type ColumnLookup } from './expression.js';
import { quoteSqliteIdentifier as q } from './quote.js';
import { defaultClause, scaled, storageOf, type Substitute } from './values.js';

/**
 * How a table's key is laid out in SQLite. Only a one-column INTEGER PRIMARY KEY is the rowid, the
 * one column SQLite numbers itself; a composite key with a generated id gives the id that role and
 * keeps the composite key as a UNIQUE constraint (the foreign keys reference it).
 */
export interface KeyLayout {
  /** The column that is the rowid (numbered by SQLite), if one is. */
  readonly rowid?: string;
  readonly primaryKey: readonly string[];
  /** The model's composite key, when the rowid took the primary key's place. */
  readonly keptUnique?: readonly string[];
  /** Clustered by the primary key: small rows whose key is not the rowid. */
  readonly withoutRowid: boolean;
}

const numbered = (column: Column | undefined): boolean => column?.identity !== undefined || column?.default?.kind === 'sequence';
const isInteger = (column: Column | undefined): boolean => ['int16', 'int32', 'int64'].includes(column?.type.kind ?? '');

/** Rows up to about 1/20 of a 4 KiB page suit WITHOUT ROWID (SQLite's own guidance); wide or unbounded columns do not. */
const WITHOUT_ROWID_MAX_BYTES = 200;

export function keyLayout(table: Table): KeyLayout {
  const key = table.primaryKey.columns;
  const column = (name: string) => table.columns.find((c) => c.name === name);
  if (key.length === 1 && isInteger(column(key[0]!))) return { rowid: key[0]!, primaryKey: key, withoutRowid: false };
  const generated = key.filter((name) => numbered(column(name)) && isInteger(column(name)));
  if (generated.length === 1) return { rowid: generated[0]!, primaryKey: generated, keptUnique: key, withoutRowid: false };
  return { primaryKey: key, withoutRowid: rowBytes(table.columns) <= WITHOUT_ROWID_MAX_BYTES };
}

/** An upper estimate of a row's bytes, Infinity with an unbounded column. */
function rowBytes(columns: readonly Column[]): number {
  let total = 0;
  for (const c of columns) {
    const t = c.type;
    if (t.kind === 'string' || t.kind === 'char') total += t.length;
    else if (t.kind === 'timestamp') total += 24;
    else if (t.kind === 'uuid') total += 36;
    else if (t.kind === 'date' || t.kind === 'time' || t.kind === 'enum') total += 12;
    else if (['text', 'json', 'bytes', 'native'].includes(t.kind)) return Infinity;
    else total += 8;
  }
  return total;
}

export interface TableContext {
  readonly enums: readonly EnumType[];
  readonly substitute: Substitute;
  /** Foreign keys whose SET NULL spares some columns: declared without an action, a trigger does it. */
  readonly triggeredSetNull: ReadonlySet<ForeignKey>;
}

/** CREATE TABLE … STRICT, comments kept inside the statement (sqlite_schema stores its text). */
export function createTable(table: Table, layout: KeyLayout, context: TableContext): string {
  const { substitute } = context;
  const columns: ColumnLookup = (name) => table.columns.find((c) => c.name === name);
  const items: { sql: string; comment?: string }[] = table.columns.map((column) => {
    const comment = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
    return { sql: columnDefinition(table, column, layout, columns, context), ...(comment ? { comment } : {}) };
  });
  items.push({ sql: `CONSTRAINT ${q(table.primaryKey.name)} PRIMARY KEY (${list(layout.primaryKey)})` });
  if (layout.keptUnique) items.push({ sql: `CONSTRAINT ${q(`${table.name}_${layout.keptUnique.join('_')}_key`)} UNIQUE (${list(layout.keptUnique)})` });
  for (const u of table.uniques) items.push({ sql: `CONSTRAINT ${q(u.name)} UNIQUE (${list(u.columns)})` });
  for (const fk of table.foreignKeys) items.push({ sql: foreignKey(fk, context.triggeredSetNull.has(fk)) });
  for (const c of table.checks) {
    const condition = checkCondition(c, columns, context.enums);
    if (condition !== undefined) items.push({ sql: `CONSTRAINT ${q(c.name)} CHECK (${condition})` });
    else
      substitute(
        'check constraint',
        `${table.name}.${c.name}`,
        `not created: its PostgreSQL condition has no SQLite translation here; the application enforces it`,
      );
  }
  const lines = items.map((item, i) => `  ${item.sql}${i < items.length - 1 ? ',' : ''}${item.comment ? ` -- ${oneLine(item.comment)}` : ''}`);
  const head = `CREATE TABLE ${q(table.name)} (${table.comment ? ` -- ${oneLine(table.comment)}` : ''}`;
  return `${head}\n${lines.join('\n')}\n) STRICT${layout.withoutRowid ? ', WITHOUT ROWID' : ''};`;
}

function columnDefinition(table: Table, column: Column, layout: KeyLayout, columns: ColumnLookup, context: TableContext): string {
  const storage = storageOf(column, context.enums);
  const object = `${table.name}.${column.name}`;
  if (storage.loss) context.substitute(storage.loss.feature, object, storage.loss.alternative);
  const rowid = layout.rowid === column.name;
  const parts = [q(column.name), storage.type];
  if (!column.nullable) parts.push('NOT NULL');
  if (column.identity && !rowid) {
    context.substitute(
      'identity column',
      object,
      'none: SQLite numbers only the rowid (a one-column INTEGER PRIMARY KEY); the application supplies the values',
    );
  } else if (column.identity === 'always') {
    context.substitute(
      'GENERATED ALWAYS AS IDENTITY',
      object,
      'INTEGER PRIMARY KEY: SQLite numbers the rows but also accepts an explicit id, which the application must not give',
    );
  }
  if (column.generated) {
    const sql = translatePgExpression(column.generated.expression, columns);
    if (sql !== undefined) parts.push(`GENERATED ALWAYS AS (${sql}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
    else
      context.substitute(
        'generated column',
        object,
        `a plain column: \`${column.generated.expression}\` has no SQLite translation here; the application writes it`,
      );
  } else {
    const clause = defaultClause(table.name, column, storage, rowid, columns, context.substitute);
    if (clause) parts.push(clause.trim());
  }
  if (storage.check) parts.push(`CHECK (${storage.check})`);
  return parts.join(' ');
}

const ACTION: Record<ForeignKey['onDelete'], string> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
  'no-action': '',
};

/** Every foreign key is declared in its table: SQLite resolves the parent when rows are written, so order and cycles need no ALTER. */
function foreignKey(fk: ForeignKey, setNullByTrigger: boolean): string {
  const onDelete = setNullByTrigger ? '' : ACTION[fk.onDelete];
  const onUpdate = fk.onUpdate ? ACTION[fk.onUpdate] : '';
  const deferrable = fk.deferrable ? (fk.initiallyDeferred === false ? ' DEFERRABLE INITIALLY IMMEDIATE' : ' DEFERRABLE INITIALLY DEFERRED') : '';
  return `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${onDelete ? ` ON DELETE ${onDelete}` : ''}${onUpdate ? ` ON UPDATE ${onUpdate}` : ''}${deferrable}`;
}

const WHITESPACE = 'char(9, 10, 11, 12, 13, 32)';

/**
 * A check as SQLite SQL. SQLite has no regular expressions (REGEXP calls a function no build
 * defines), so the two format checks are written with GLOB and accept exactly what the PostgreSQL
 * patterns accept: email `^[^@\s]+@[^@\s]+\.[^@\s]+$`, phone `^\+[1-9][0-9]{6,14}$`.
 */
function checkCondition(c: Check, columns: ColumnLookup, enums: readonly EnumType[]): string | undefined {
  const rule = c.rule;
  if (rule.kind === 'range') {
    const column = columns(rule.column);
    const scale = column ? storageOf(column, enums).scale : undefined;
    const value = (n: number) => (scale !== undefined ? scaled(n, scale) : String(n));
    const col = q(rule.column);
    return [rule.min !== undefined ? `${col} >= ${value(rule.min)}` : '', rule.max !== undefined ? `${col} <= ${value(rule.max)}` : '']
      .filter(Boolean)
      .join(' AND ');
  }
  if (rule.kind === 'format') {
    const col = q(rule.column);
    if (rule.format === 'email') {
      return `${col} GLOB '?*@?*.?*' AND ${col} NOT GLOB '*@*@*' AND ${col} NOT GLOB '*[' || ${WHITESPACE} || ']*'`;
    }
    return `${col} GLOB '+[1-9]*' AND length(${col}) BETWEEN 8 AND 16 AND substr(${col}, 2) NOT GLOB '*[^0-9]*'`;
  }
  return translatePgExpression(rule.sql, columns);
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();
export const list = (columns: readonly string[]) => columns.map(q).join(', ');
