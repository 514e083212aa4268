import type { Check, EnumType, ForeignKey, Index, Table } from '../../model/schema.js';

/** Where a statement's object lives: a schema and a table name (as the file spells them, unquoted). */
export interface TableRef {
  /** `public` when the statement names none (the file's search_path is not followed). */
  readonly namespace: string;
  readonly table: string;
}

/** What one CREATE / ALTER / COMMENT statement says, read from its parse tree alone. */
export type DdlReading =
  | { readonly kind: 'table'; readonly ref: TableRef; readonly table: Table }
  | { readonly kind: 'enum'; readonly enumType: EnumType }
  | { readonly kind: 'index'; readonly ref: TableRef; readonly index: Index }
  | { readonly kind: 'primary-key'; readonly ref: TableRef; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'unique'; readonly ref: TableRef; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'foreign-key'; readonly ref: TableRef; readonly foreignKey: ForeignKey }
  | { readonly kind: 'check'; readonly ref: TableRef; readonly check: Check }
  | { readonly kind: 'comment'; readonly ref: TableRef; readonly column?: string; readonly text: string | null };
