import type { DdlSubstitution } from '../ddl-target.js';
import type { Column, Schema, Table } from '../../model/schema.js';
import { isLob, mysqlColumnType } from './target-types.js';

/** What the emitters of one table share: its columns' MySQL types and where substitutions go. */
export interface TableContext {
  readonly schema: Schema;
  readonly table: Table;
  /** The MySQL type a column is declared with (a TEXT that must be a whole key is VARCHAR(255)). */
  type(column: string): string | undefined;
  /** Declared as LONGTEXT/LONGBLOB: an index can take only a prefix of it. */
  isLob(column: string): boolean;
  readonly substitutions: DdlSubstitution[];
  substitute(feature: string, object: string, alternative: string): void;
}

/**
 * Columns that must be indexed whole: primary and unique keys (and unique indexes), both ends of
 * foreign keys. InnoDB indexes a TEXT or BLOB column only by a prefix, which would make a unique
 * key unique in its first characters only, and a foreign key cannot use a prefix at all.
 */
export function wholeKeyColumns(schema: Schema, table: Table): Set<string> {
  const columns = new Set<string>([
    ...table.primaryKey.columns,
    ...table.uniques.flatMap((u) => u.columns),
    ...table.foreignKeys.flatMap((fk) => fk.columns),
    ...table.indexes.filter((i) => i.unique).flatMap((i) => i.keys.flatMap((k) => (k.column !== undefined ? [k.column] : []))),
  ]);
  for (const other of schema.tables) for (const fk of other.foreignKeys) if (fk.refTable === table.name) for (const c of fk.refColumns) columns.add(c);
  return columns;
}

export function tableContext(schema: Schema, table: Table, substitutions: DdlSubstitution[]): TableContext {
  const whole = wholeKeyColumns(schema, table);
  const byName = new Map<string, Column>(table.columns.map((c) => [c.name, c]));
  return {
    schema,
    table,
    type(name) {
      const column = byName.get(name);
      return column ? mysqlColumnType(column.type, schema.enums, whole.has(name)) : undefined;
    },
    isLob(name) {
      const column = byName.get(name);
      return column !== undefined && isLob(column.type) && !whole.has(name);
    },
    substitutions,
    substitute(feature, object, alternative) {
      substitutions.push({ feature, object, alternative });
    },
  };
}

/** Whole-key TEXT/BLOB columns: declared VARCHAR/VARBINARY(255), which the substitutions say. */
export function keyTextColumns(schema: Schema, table: Table): Column[] {
  const whole = wholeKeyColumns(schema, table);
  return table.columns.filter((c) => whole.has(c.name) && isLob(c.type));
}
