import type { EnumType, Index, IndexCondition, IndexKey, Table } from '../../model/schema.js';
import { translatePgExpression, type ColumnLookup } from './expression.js';
import { quoteSqliteIdentifier as q } from './quote.js';
import { storageOf, storedLiteral, type Substitute } from './values.js';

/** Methods whose lookups a B-tree serves as well (equality, ranges); the others index what a B-tree cannot. */
const BTREE_SERVES = new Set(['btree', 'hash', 'brin']);

/**
 * CREATE INDEX for SQLite, which has B-trees only, partial and expression indexes, and no INCLUDE:
 * what it lacks is substituted and stated. Undefined when the index cannot be built at all.
 */
export function createIndex(table: Table, index: Index, enums: readonly EnumType[], substitute: Substitute): string | undefined {
  const columns: ColumnLookup = (name) => table.columns.find((c) => c.name === name);
  if (!BTREE_SERVES.has(index.method)) {
    substitute(
      `${index.method} index`,
      index.name,
      `not created: SQLite has B-tree indexes only; index the expressions the queries filter on (json_extract(…) for JSON) by hand`,
    );
    return undefined;
  }
  if (index.method !== 'btree')
    substitute(`${index.method} index`, index.name, 'a B-tree index on the same keys: it serves the same equality and range lookups');
  const keys: string[] = [];
  const keyColumns = new Set<string>();
  for (const key of index.keys) {
    if (key.opclass) substitute('operator class', `${index.name} (${key.opclass})`, 'none: SQLite indexes compare with the column collation');
    const sql = keySql(key, columns);
    if (sql !== undefined) {
      keys.push(sql);
      if (key.column !== undefined) keyColumns.add(key.column);
      continue;
    }
    const read = readColumns(key.expression ?? '', table).filter((c) => !keyColumns.has(c));
    substitute(
      'expression index key',
      index.name,
      `\`${key.expression}\` has no SQLite translation here: the index has ${read.length ? `the columns it reads (${read.join(', ')})` : 'the other keys'} in its place`,
    );
    for (const c of read) {
      keys.push(q(c));
      keyColumns.add(c);
    }
  }
  if (index.include.length) {
    if (index.unique) {
      substitute(
        'INCLUDE columns',
        `${index.name} (${index.include.join(', ')})`,
        'left out: SQLite has no INCLUDE, and adding them to a unique key would change what is unique',
      );
    } else {
      const added = index.include.filter((c) => !keyColumns.has(c));
      keys.push(...added.map(q));
      substitute(
        'INCLUDE columns',
        `${index.name} (${index.include.join(', ')})`,
        'appended to the key: SQLite answers a query from the index alone when the index holds every column the query reads',
      );
    }
  }
  if (!keys.length) return undefined;
  const where = predicate(index, columns, enums, substitute);
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${q(index.table)} (${keys.join(', ')})${where ? ` WHERE ${where}` : ''};`;
}

function keySql(key: IndexKey, columns: ColumnLookup): string | undefined {
  const order = key.order === 'desc' ? ' DESC' : '';
  if (key.column !== undefined) return `${q(key.column)}${order}`;
  const sql = translatePgExpression(key.expression ?? '', columns);
  return sql === undefined ? undefined : `${sql}${order}`;
}

/** The table's columns an expression names, in table order (a loose read, for the substitute index). */
function readColumns(expression: string, table: Table): string[] {
  const words = new Set(expression.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []);
  return table.columns.filter((c) => words.has(c.name)).map((c) => c.name);
}

function predicate(index: Index, columns: ColumnLookup, enums: readonly EnumType[], substitute: Substitute): string | undefined {
  const parts = index.where.map((c) => condition(c, columns, enums));
  if (index.predicate) {
    const sql = translatePgExpression(index.predicate, columns);
    if (sql !== undefined) parts.push(`(${sql})`);
    else substitute('partial index condition', index.name, `\`${index.predicate}\` has no SQLite translation here: the index covers every row`);
  }
  return parts.length ? parts.join(' AND ') : undefined;
}

function condition(c: IndexCondition, columns: ColumnLookup, enums: readonly EnumType[]): string {
  const column = columns(c.column);
  const literal = (v: string | number | boolean) => (column ? storedLiteral(storageOf(column, enums), v) : storedLiteral({ type: 'ANY' }, v));
  const col = q(c.column);
  switch (c.op) {
    case 'eq':
      return `${col} = ${literal(c.values[0]!)}`;
    case 'neq':
      return `${col} <> ${literal(c.values[0]!)}`;
    case 'in':
      return `${col} IN (${c.values.map(literal).join(', ')})`;
    case 'not-in':
      return `${col} NOT IN (${c.values.map(literal).join(', ')})`;
    case 'is-null':
      return `${col} IS NULL`;
    case 'is-not-null':
      return `${col} IS NOT NULL`;
  }
}

/** A condition list as SQLite SQL, for views. */
export function conditionsSql(conditions: readonly IndexCondition[], table: Table, enums: readonly EnumType[]): string[] {
  const columns: ColumnLookup = (name) => table.columns.find((c) => c.name === name);
  return conditions.map((c) => condition(c, columns, enums));
}
