import type { LogicalType } from '../../../model/logical-type.js';
import type { Table } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';

/**
 * A DynamoDB key value as a list of segments joined by `#`: fixed tags (`TENANT`, `ORDER`) and
 * column values. Written in design.json as a template, `TENANT#{tenant_id}#ORDER#{id}`.
 */
export type Segment = { readonly kind: 'tag'; readonly text: string } | { readonly kind: 'column'; readonly column: string };

export interface KeyDef {
  readonly pk: readonly Segment[];
  readonly sk: readonly Segment[];
}

export const tag = (text: string): Segment => ({ kind: 'tag', text });
export const col = (column: string): Segment => ({ kind: 'column', column });

/** The entity's tag in keys: its name in capitals (`order_line` -> `ORDER_LINE`). */
export const entityTag = (table: string): string => table.toUpperCase();

/** A column's label before its value: the tenant, the entity for its own id, the parent for a reference, else the column. */
export function columnLabel(table: Table, column: string): string {
  if (column === TENANT_COLUMN) return 'TENANT';
  const own = table.primaryKey.columns.filter((c) => c !== TENANT_COLUMN);
  if (own.length === 1 && own[0] === column) return entityTag(table.name);
  const fk = table.foreignKeys.find((f) => f.columns.filter((c) => c !== TENANT_COLUMN).length === 1 && f.columns.at(-1) === column);
  if (fk && fk.refTable !== table.name) return entityTag(fk.refTable);
  return column.toUpperCase();
}

/** Label and value of each column, in order: `TENANT#{tenant_id}#CUSTOMER#{customer_id}`. */
export function labelled(table: Table, columns: readonly string[]): Segment[] {
  return columns.flatMap((c) => [tag(columnLabel(table, c)), col(c)]);
}

export const keyColumns = (segments: readonly Segment[]): string[] => segments.flatMap((s) => (s.kind === 'column' ? [s.column] : []));

export function templateText(segments: readonly Segment[], name: (column: string) => string = (c) => `{${c}}`): string {
  return segments.map((s) => (s.kind === 'tag' ? s.text : name(s.column))).join('#');
}

export const sameSegments = (a: readonly Segment[], b: readonly Segment[]): boolean =>
  a.length === b.length &&
  a.every((s, i) =>
    s.kind === 'tag' ? b[i]!.kind === 'tag' && (b[i] as typeof s).text === s.text : b[i]!.kind === 'column' && (b[i] as typeof s).column === s.column,
  );

/** A plain JavaScript value of a column, as the synthetic rows and the parameters hold them. */
export type PlainValue = string | number | boolean | Date | null;

/**
 * A column value as key text. In a sort key, integers are zero-padded to 20 digits and decimals to
 * their precision so text order is numeric order (non-negative values); instants are ISO 8601 UTC.
 */
export function keyValueText(value: PlainValue, type: LogicalType | undefined, inSortKey: boolean): string {
  if (value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' && inSortKey) {
    if (type?.kind === 'decimal') return value.toFixed(type.scale).padStart(type.precision + 1, '0');
    if (Number.isInteger(value)) return String(value).padStart(20, '0');
  }
  return String(value);
}

/** The key text of a row (or of parameter values by column). */
export function renderKey(
  segments: readonly Segment[],
  value: (column: string) => PlainValue,
  type: (column: string) => LogicalType | undefined,
  inSortKey: boolean,
): string {
  return segments.map((s) => (s.kind === 'tag' ? s.text : keyValueText(value(s.column), type(s.column), inSortKey))).join('#');
}
