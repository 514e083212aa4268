import type { Schema } from '../../../model/schema.js';
import { parentOf, type Row, type RowValue, type SyntheticData } from '../synthetic-rows.js';
import { attributeType, type ItemTypePlan } from './item-types.js';
import { renderKey, type KeyDef, type PlainValue } from './key-template.js';
import { gsiNames } from './serve-pattern.js';

/** DynamoDB's wire form of a value (the subset the design writes). */
export type AttributeValue =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly M: Readonly<Record<string, AttributeValue>> }
  | { readonly L: readonly AttributeValue[] };
export type Item = Readonly<Record<string, AttributeValue>>;

/** A JSON or column value in DynamoDB's wire form: instants as ISO 8601 text, objects as maps. */
export function marshall(value: unknown): AttributeValue {
  if (value === null || value === undefined) return { NULL: true };
  if (value instanceof Date) return { S: value.toISOString() };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'string') return { S: value };
  if (Array.isArray(value)) return { L: value.map(marshall) };
  return { M: Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, marshall(v)])) };
}

export function unmarshall(value: AttributeValue): RowValue {
  if ('S' in value) return value.S;
  if ('N' in value) return Number(value.N);
  if ('BOOL' in value) return value.BOOL;
  if ('M' in value) return Object.fromEntries(Object.entries(value.M).map(([k, v]) => [k, unmarshall(v)]));
  if ('L' in value) return value.L.map(unmarshall) as unknown as RowValue;
  return null;
}

const plain = (value: RowValue | undefined): PlainValue =>
  value === undefined ? null : typeof value === 'object' && !(value instanceof Date) && value !== null ? JSON.stringify(value) : value;

/** The key attributes of a key definition for a row: `{ PK, SK }` or `{ GSI1PK, GSI1SK }`. */
export function keyAttributes(plan: ItemTypePlan, key: KeyDef, names: { pk: string; sk: string }, row: Row): Record<string, AttributeValue> {
  const type = (c: string) => attributeType(plan, c);
  return { [names.pk]: { S: renderKey(key.pk, (c) => plain(row[c]), type, false) }, [names.sk]: { S: renderKey(key.sk, (c) => plain(row[c]), type, true) } };
}

/** A row with its copies of parent columns, as the item stores them. */
export function withCopies(plan: ItemTypePlan, row: Row, data: SyntheticData): Row {
  const out: Record<string, RowValue> = { ...row };
  for (const copy of plan.copies) {
    const parent = parentOf(data, copy.fk, row);
    for (const c of copy.columns) out[c.attribute] = parent?.[c.column] ?? null;
  }
  return out;
}

/**
 * The item of one row: base key, type, every non-null column and copy, and the keys of the GSIs it
 * writes. A GSI key with a null column is left out, so the item is not in that index (sparse).
 */
export function itemOf(plan: ItemTypePlan, row: Row, data: SyntheticData): Item {
  const full = withCopies(plan, row, data);
  const item: Record<string, AttributeValue> = { ...keyAttributes(plan, plan.base, { pk: 'PK', sk: 'SK' }, full), _type: { S: plan.table.name } };
  for (const [name, value] of Object.entries(full)) if (value !== null && value !== undefined) item[name] = marshall(value);
  for (const [index, key] of plan.gsis) {
    const columns = [...key.pk, ...key.sk].flatMap((s) => (s.kind === 'column' ? [s.column] : []));
    if (columns.some((c) => full[c] === null || full[c] === undefined)) continue;
    Object.assign(item, keyAttributes(plan, key, gsiNames(index), full));
  }
  return item;
}

/** Every synthetic row as an item, item types in the model's order. */
export function syntheticItems(schema: Schema, plans: ReadonlyMap<string, ItemTypePlan>, data: SyntheticData): Item[] {
  return schema.tables.flatMap((t) => (data.rows.get(t.name) ?? []).map((row) => itemOf(plans.get(t.name)!, row, data)));
}

/** The row an item holds: its attributes without the keys, and the entity it is of. */
export function rowOfItem(item: Readonly<Record<string, AttributeValue>>): { entity: string; row: Record<string, RowValue> } {
  const row: Record<string, RowValue> = {};
  for (const [k, v] of Object.entries(item)) if (k !== 'PK' && k !== 'SK' && k !== '_type' && !/^GSI\d+(PK|SK)$/.test(k)) row[k] = unmarshall(v);
  return { entity: 'S' in item['_type']! ? (item['_type'] as { S: string }).S : '', row };
}
