import type { Index, IndexCondition } from '../../model/schema.js';
import { renderIndexCondition } from '../index-condition.js';
import type { TableContext } from './ddl-context.js';
import { translatePgExpression } from './expression.js';
import { mysqlName } from './names.js';
import { quoteMysqlIdentifier as q, quoteMysqlLiteral } from './quote.js';
import { INDEX_PREFIX_LENGTH, KEY_TEXT_LENGTH } from './target-types.js';

/** An index as CREATE TABLE declares it, and the generated columns it needs. */
export interface MysqlIndex {
  readonly name: string;
  readonly unique: boolean;
  /** Key parts as written: `` `tenant_id` ``, `` `body`(255) ``, `` `placed_at` DESC ``. */
  readonly parts: readonly string[];
  /** The leading columns indexed whole (for the foreign-key and AUTO_INCREMENT rules). */
  readonly leading: readonly string[];
  /** Generated columns the table declares for this index (partial unique keys, expression keys). */
  readonly generatedColumns: readonly string[];
}

/** InnoDB's limit on one index's key, in bytes (DYNAMIC rows). */
const MAX_KEY_BYTES = 3072;

function literal(value: string | number | boolean): string {
  if (typeof value === 'string') return quoteMysqlLiteral(value);
  return typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : String(value);
}

/** A partial index's structured condition as MySQL SQL. */
export const mysqlCondition = (c: IndexCondition): string => renderIndexCondition(c, { quote: q, literal });

/** Bytes a key part takes in an index entry, roughly (utf8mb4: four a character). */
function keyBytes(type: string | undefined, prefixed: boolean): number {
  if (prefixed) return INDEX_PREFIX_LENGTH * 4;
  const length = Number(/\((\d+)/.exec(type ?? '')?.[1] ?? 0);
  if (/^(VAR)?CHAR/.test(type ?? '')) return length * 4 + 2;
  if (/^VARBINARY/.test(type ?? '')) return length + 2;
  if (/^DECIMAL/.test(type ?? '')) return Math.ceil(length / 2) + 1;
  if (/^(BIGINT|DOUBLE|DATETIME)/.test(type ?? '')) return 8;
  return 4;
}

const METHOD_DROPPED: Readonly<Record<string, string>> = {
  gin: 'no index: MySQL has no inverted index; for a JSON path the queries read, a generated column on that path with a B-tree index (MySQL 8 also has multi-valued indexes on JSON arrays), for text search a FULLTEXT index',
  gist: 'no index: MySQL has no GiST; SPATIAL indexes cover geometry only, other queries on this column scan',
  spgist: 'no index: MySQL has no SP-GiST; queries on this column scan',
};

/**
 * One model index as a MySQL index, or undefined when MySQL cannot hold it (each loss stated):
 * - a partial unique index becomes a unique index over generated columns that are NULL outside
 *   its WHERE, so uniqueness holds among the rows it covered and nowhere else (exact);
 * - a partial non-unique index becomes the full index with the WHERE's columns appended: the same
 *   queries use it (the appended columns filter inside the index), at the size of the whole table;
 * - INCLUDE columns are appended to a non-unique key (it stays covering; primary-key columns are in
 *   every InnoDB index already) and dropped from a unique one (appending would change what is unique);
 * - an expression key becomes a virtual generated column and a key on it (both servers);
 * - a TEXT key of a non-unique index is indexed by its first 255 characters.
 */
export function mysqlIndex(index: Index, ctx: TableContext): MysqlIndex | undefined {
  const { table } = ctx;
  const object = index.name;
  if (METHOD_DROPPED[index.method]) {
    ctx.substitute(`${index.method} index`, object, METHOD_DROPPED[index.method]!);
    return undefined;
  }
  if (index.method === 'hash' || index.method === 'brin')
    ctx.substitute(
      `${index.method} index`,
      object,
      index.method === 'hash'
        ? 'a B-tree index: InnoDB has no hash indexes (its adaptive hash index builds itself over B-trees)'
        : 'a B-tree index over the same keys: MySQL has no block-range index; it is larger but serves the same ranges',
    );
  for (const key of index.keys.filter((k) => k.opclass))
    ctx.substitute(
      'operator class',
      `${object} (${key.column ?? key.expression})`,
      `the default collation order: MySQL has no operator classes (${key.opclass} dropped)`,
    );

  const conditions: string[] = index.where.map(mysqlCondition);
  if (index.predicate !== undefined) {
    const translated = translatePgExpression(index.predicate, (c) => ctx.type(c));
    if (translated) conditions.push(translated.sql);
    else if (index.unique) {
      ctx.substitute(
        'partial unique index',
        object,
        `no index: its condition (${index.predicate}) has no MySQL translation here, so the application keeps those rows unique`,
      );
      return undefined;
    }
  }
  const partial = index.where.length > 0 || index.predicate !== undefined;
  const generatedColumns: string[] = [];
  const parts: string[] = [];
  const leading: string[] = [];
  let leadingDone = false;
  let bytes = 0;
  const caseWhen = (sql: string) => (index.unique && conditions.length ? `CASE WHEN ${conditions.join(' AND ')} THEN ${sql} END` : sql);

  for (const [i, key] of index.keys.entries()) {
    const desc = key.order === 'desc' ? ' DESC' : '';
    if (key.column !== undefined && !(index.unique && conditions.length)) {
      const prefixed = ctx.isLob(key.column);
      parts.push(`${q(key.column)}${prefixed ? `(${INDEX_PREFIX_LENGTH})` : ''}${desc}`);
      bytes += keyBytes(ctx.type(key.column), prefixed);
      if (prefixed) {
        ctx.substitute(
          'index on text',
          `${object} (${key.column})`,
          `the first ${INDEX_PREFIX_LENGTH} characters are indexed: InnoDB cannot index a whole TEXT or BLOB`,
        );
        leadingDone = true;
      } else if (!leadingDone) leading.push(key.column);
      continue;
    }
    // A generated column: the expression key, or (partial unique) the key column where the row is covered, else NULL.
    const value = key.column !== undefined ? { sql: q(key.column), type: ctx.type(key.column) } : translatePgExpression(key.expression!, (c) => ctx.type(c));
    if (!value?.type) {
      ctx.substitute(
        'expression index',
        object,
        `no index: the key ${key.expression} has no MySQL translation here; a generated column computing it with an index on that column serves the same queries`,
      );
      return undefined;
    }
    let { sql, type } = value;
    if (/^(LONGTEXT|LONGBLOB|JSON)$/.test(type)) {
      sql = `LEFT(${sql}, ${KEY_TEXT_LENGTH})`;
      type = `VARCHAR(${KEY_TEXT_LENGTH})`;
    }
    const column = mysqlName(`${index.name}_${key.column ?? `expr${i + 1}`}`);
    generatedColumns.push(`${q(column)} ${type} AS (${caseWhen(sql)}) VIRTUAL`);
    parts.push(`${q(column)}${desc}`);
    bytes += keyBytes(type, false);
    if (!leadingDone) leading.push(column);
    leadingDone = true;
  }
  const indexed = new Set(index.keys.flatMap((k) => (k.column !== undefined ? [k.column] : [])));
  const append = (columns: readonly string[]): string[] => {
    const added: string[] = [];
    for (const c of columns) {
      if (indexed.has(c) || table.primaryKey.columns.includes(c) || ctx.isLob(c)) continue;
      const size = keyBytes(ctx.type(c), false);
      if (bytes + size > MAX_KEY_BYTES) continue;
      parts.push(q(c));
      indexed.add(c);
      added.push(c);
      bytes += size;
    }
    return added;
  };

  if (partial && index.unique) {
    ctx.substitute(
      'partial unique index',
      object,
      `a unique index over generated columns that are NULL unless ${conditions.join(' AND ')}: rows outside the condition are never compared, as in the partial index`,
    );
  } else if (partial) {
    const where = [...new Set(index.where.map((w) => w.column))];
    const added = append(where);
    ctx.substitute(
      'partial index',
      object,
      `a full index${added.length ? ` with ${added.join(', ')} appended to the key` : ''}: queries filtering on the same condition use it as they would the partial one${added.length ? ' and filter inside the index' : ''}; it also holds the rows outside WHERE ${conditions.join(' AND ') || index.predicate}`,
    );
  }
  if (index.include.length) {
    if (index.unique) {
      ctx.substitute(
        'INCLUDE columns',
        object,
        `dropped (${index.include.join(', ')}): appending them to a unique key would change what is unique; reads of them look up the row`,
      );
    } else {
      const implicit = index.include.filter((c) => table.primaryKey.columns.includes(c));
      const added = append(index.include);
      const skipped = index.include.filter((c) => !added.includes(c) && !implicit.includes(c) && !index.keys.some((k) => k.column === c));
      ctx.substitute(
        'INCLUDE columns',
        object,
        [
          added.length ? `${added.join(', ')} appended to the key, so the index still covers the queries` : '',
          implicit.length ? `${implicit.join(', ')} dropped: InnoDB puts the primary key in every secondary index already` : '',
          skipped.length ? `${skipped.join(', ')} dropped: too long for a key` : '',
        ]
          .filter(Boolean)
          .join('; '),
      );
    }
  }
  return { name: index.name, unique: index.unique, parts, leading, generatedColumns };
}
