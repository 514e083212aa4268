import type { Check, Column, EnumType, ForeignKey, Index, NativeObject, Policy, Table } from './schema.js';

/**
 * The change algebra: what turns one schema into another, one typed step at a time (Atlas's
 * `schema.Changes`). The differ produces it, each dialect renders it as statements, the planner
 * orders and weighs it. Tables are named as `Table.name` is (bare in the default namespace,
 * `schema.table` elsewhere: see `tableKey`).
 */

/** A table's name as changes carry it: `orders`, or `billing.orders` outside the default namespace. */
export const tableKey = (table: Pick<Table, 'name' | 'namespace'>): string => (table.namespace ? `${table.namespace}.${table.name}` : table.name);

/** A named table constraint other than the primary key and foreign keys, which have their own shapes. */
export type Constraint =
  | { readonly kind: 'primary-key'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'unique'; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: 'foreign-key'; readonly foreignKey: ForeignKey }
  | { readonly kind: 'check'; readonly check: Check };

export const constraintName = (c: Constraint): string => (c.kind === 'foreign-key' ? c.foreignKey.name : c.kind === 'check' ? c.check.name : c.name);

export type Change =
  | { readonly kind: 'add-enum'; readonly enum: EnumType }
  | { readonly kind: 'drop-enum'; readonly enum: EnumType }
  /** A value added to an existing enum, after `after` (undefined: first). */
  | { readonly kind: 'add-enum-value'; readonly enum: string; readonly value: string; readonly after?: string; readonly before?: string }
  /** Values removed or reordered: no engine drops an enum value in place, so the type is replaced. */
  | { readonly kind: 'replace-enum'; readonly from: EnumType; readonly to: EnumType }
  | { readonly kind: 'add-table'; readonly table: Table }
  | { readonly kind: 'drop-table'; readonly table: Table }
  | { readonly kind: 'rename-table'; readonly from: string; readonly to: string }
  | { readonly kind: 'add-column'; readonly table: string; readonly column: Column }
  | { readonly kind: 'drop-column'; readonly table: string; readonly column: Column }
  | { readonly kind: 'rename-column'; readonly table: string; readonly from: string; readonly to: string }
  /** The column's type changes; `from` and `to` are the whole column before and after. */
  | { readonly kind: 'alter-column-type'; readonly table: string; readonly from: Column; readonly to: Column }
  | { readonly kind: 'alter-column-nullability'; readonly table: string; readonly column: string; readonly nullable: boolean }
  | { readonly kind: 'alter-column-default'; readonly table: string; readonly from: Column; readonly to: Column }
  | { readonly kind: 'add-index'; readonly index: Index }
  | { readonly kind: 'drop-index'; readonly index: Index }
  | { readonly kind: 'add-constraint'; readonly table: string; readonly constraint: Constraint }
  | { readonly kind: 'drop-constraint'; readonly table: string; readonly constraint: Constraint }
  /** Row-level security switched on or off (`forced`: the owner is bound too). */
  | { readonly kind: 'alter-row-security'; readonly table: string; readonly enabled: boolean; readonly forced: boolean }
  | { readonly kind: 'add-policy'; readonly table: string; readonly policy: Policy }
  | { readonly kind: 'drop-policy'; readonly table: string; readonly policy: Policy }
  /** Something the model keeps as the database's own SQL (a view, a function, a partition): added or dropped whole. */
  | { readonly kind: 'add-native'; readonly object: NativeObject }
  | { readonly kind: 'drop-native'; readonly object: NativeObject };

export type ChangeKind = Change['kind'];

/**
 * Two objects that may be one renamed: offered, never applied, until a hint confirms it
 * (`--rename old=new`); until then the diff holds a drop and an add, and the drop loses data.
 */
export interface RenameCandidate {
  readonly kind: 'table' | 'column';
  /** For a column: its table (after any confirmed table rename). */
  readonly table?: string;
  readonly from: string;
  readonly to: string;
  /** 0–1: how alike the two are (columns and types for a table; type, nullability and position for a column). */
  readonly confidence: number;
  /** Why the differ thinks so, in a sentence. */
  readonly basis: string;
  /** The hint that confirms it, as the CLI takes it: `orders.total=orders.amount`. */
  readonly hint: string;
}

/** A rename the user confirmed: `table` alone for a table, `table.column` for a column, on both sides. */
export interface RenameHint {
  readonly from: string;
  readonly to: string;
}

export interface SchemaDiff {
  /** In the order the differ found them (enums, tables, columns, constraints, indexes, policies, native); the planner orders them. */
  readonly changes: readonly Change[];
  readonly renameCandidates: readonly RenameCandidate[];
}
