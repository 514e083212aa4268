import type { Schema } from '../../../model/schema.js';
import type { RecordSize } from '../../../model/parts/nosql.js';
import { fieldWidth, recordSize } from '../value-sizes.js';
import { attributeType, dataAttributes, type ItemTypePlan } from './item-types.js';
import type { KeyDef } from './key-template.js';

/** DynamoDB counts 100 bytes of overhead per item in the table and in each index (storage, not request units). */
export const ITEM_OVERHEAD_BYTES = 100;
export const MAX_ITEM_BYTES = 400 * 1024;

/** Characters of a key value: its tags, separators and values (integers in a sort key padded to 20 digits). */
function keyBytes(key: KeyDef['pk'], plan: ItemTypePlan, schema: Schema, inSortKey: boolean): number {
  let bytes = Math.max(0, key.length - 1);
  for (const s of key) {
    if (s.kind === 'tag') bytes += s.text.length;
    else {
      const type = attributeType(plan, s.column);
      const integer = type && ['int16', 'int32', 'int64'].includes(type.kind);
      bytes += integer ? (inSortKey ? 20 : 9) : fieldWidth('dynamodb', '', { type: type ?? { kind: 'text' } }, schema).typical;
    }
  }
  return bytes;
}

/** The item in the base table: its key attributes, its type, every column and copy, and its GSI key attributes. */
export function itemSize(plan: ItemTypePlan, schema: Schema): RecordSize {
  const keys = 2 + keyBytes(plan.base.pk, plan, schema, false) + 2 + keyBytes(plan.base.sk, plan, schema, true) + '_type'.length + plan.table.name.length;
  const gsiKeys = [...plan.gsis].reduce(
    (n, [name, key]) => n + 2 * (name.length + 2) + keyBytes(key.pk, plan, schema, false) + keyBytes(key.sk, plan, schema, true),
    0,
  );
  const fields = dataAttributes(plan).map((a) => ({ name: a.name, width: fieldWidth('dynamodb', a.name, { type: a.type }, schema) }));
  return recordSize(fields, keys + gsiKeys);
}

/** The item's copy in a GSI: all of it, or its keys and the projected attributes. */
export function indexItemBytes(plan: ItemTypePlan, schema: Schema, index: string, projection: { type: string; attributes?: readonly string[] }): number {
  const full = itemSize(plan, schema).typicalBytes;
  if (projection.type === 'ALL') return full;
  const key = plan.gsis.get(index);
  const keys =
    2 +
    keyBytes(plan.base.pk, plan, schema, false) +
    2 +
    keyBytes(plan.base.sk, plan, schema, true) +
    (key ? keyBytes(key.pk, plan, schema, false) + keyBytes(key.sk, plan, schema, true) + 2 * (index.length + 2) : 0);
  const attributes = (projection.attributes ?? []).filter((a) => attributeType(plan, a) !== undefined || a === '_type');
  return (
    keys +
    attributes.reduce(
      (n, a) => n + (a === '_type' ? 5 + plan.table.name.length : fieldWidth('dynamodb', a, { type: attributeType(plan, a)! }, schema).typical),
      0,
    )
  );
}
