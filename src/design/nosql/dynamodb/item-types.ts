import type { LogicalType } from '../../../model/logical-type.js';
import type { ForeignKey, Schema, Table } from '../../../model/schema.js';
import { TENANT_COLUMN } from '../../../model/naming.js';
import type { PatternAccess } from '../pattern-access.js';
import { col, entityTag, labelled, tag, type KeyDef } from './key-template.js';

/** A parent column copied onto an item so one pattern needs no join. */
export interface CopiedColumn {
  readonly column: string;
  readonly attribute: string;
  readonly type: LogicalType;
}

export interface ItemCopy {
  readonly parent: Table;
  readonly fk: ForeignKey;
  readonly columns: CopiedColumn[];
  readonly patterns: string[];
}

/** One entity as an item type of the single table, while the design is built. */
export interface ItemTypePlan {
  readonly table: Table;
  base: KeyDef;
  collection?: { parent: string; patterns: string[] };
  /** GSI name -> this item type's key in it. */
  readonly gsis: Map<string, KeyDef>;
  readonly copies: ItemCopy[];
}

/**
 * Every entity's base key. By default the partition key is the tenant and the first key column, the
 * sort key the entity's tag and the other key columns: an entity whose key starts with a reference
 * (a link table) so lives in its parent's partition. A pattern that reads a parent with its children
 * puts the children in the parent's partition (an item collection), first pattern first.
 */
export function planItemTypes(schema: Schema, accesses: readonly PatternAccess[]): Map<string, ItemTypePlan> {
  const plans = new Map<string, ItemTypePlan>();
  for (const table of schema.tables) plans.set(table.name, { table, base: defaultKey(table), gsis: new Map(), copies: [] });
  for (const access of accesses) {
    if (access.unsupported || !access.children) continue;
    const { table: child, fk } = access.children;
    const parent = plans.get(access.table.name)!;
    const plan = plans.get(child.name)!;
    if (plan.collection?.parent === parent.table.name) {
      plan.collection.patterns.push(access.pattern);
      continue;
    }
    if (plan.collection || parent.collection || child.name === parent.table.name) continue; // one level deep; served by a GSI instead
    const key = collectionKey(child, parent, fk);
    if (!key) continue;
    plan.base = key;
    plan.collection = { parent: parent.table.name, patterns: [access.pattern] };
  }
  return plans;
}

/** The parent's base key already holds the child: its key starts with the reference (a link table). */
export function inParentPartition(plan: ItemTypePlan, parent: ItemTypePlan, fk: ForeignKey): boolean {
  const mapped = parent.base.pk.map((s) => (s.kind === 'column' ? col(fk.columns[fk.refColumns.indexOf(s.column)] ?? `?${s.column}`) : s));
  return mapped.length === plan.base.pk.length && mapped.every((s, i) => JSON.stringify(s) === JSON.stringify(plan.base.pk[i]));
}

function defaultKey(table: Table): KeyDef {
  const tenant = table.primaryKey.columns.includes(TENANT_COLUMN) ? [TENANT_COLUMN] : [];
  const own = table.primaryKey.columns.filter((c) => c !== TENANT_COLUMN);
  if (own.length <= 1) return { pk: labelled(table, [...tenant, ...own]), sk: [tag(entityTag(table.name))] };
  return { pk: labelled(table, [...tenant, own[0]!]), sk: [tag(entityTag(table.name)), ...own.slice(1).map(col)] };
}

/** The child keyed under its parent: the parent's partition key spelt with the child's reference columns. */
function collectionKey(child: Table, parent: ItemTypePlan, fk: ForeignKey): KeyDef | undefined {
  const pk = parent.base.pk.map((s) => {
    if (s.kind === 'tag') return s;
    const i = fk.refColumns.indexOf(s.column);
    return i < 0 ? undefined : col(fk.columns[i]!);
  });
  if (pk.some((s) => s === undefined)) return undefined;
  const rest = child.primaryKey.columns.filter((c) => !fk.columns.includes(c));
  return { pk: pk as KeyDef['pk'], sk: [tag(entityTag(child.name)), ...rest.map(col)] };
}

/** The copy attribute of a parent column on the child: `<reference>_<column>` (`product_title`). */
export function copyAttribute(child: Table, fk: ForeignKey, column: string): string {
  const reference = (fk.columns.filter((c) => c !== TENANT_COLUMN).at(-1) ?? fk.refTable).replace(/_id$/, '');
  let name = `${reference}_${column}`;
  while (child.columns.some((c) => c.name === name)) name = `${name}_copy`;
  return name;
}

/** Adds (or extends) the copy of `columns` of the parent onto the item type, for a pattern. */
export function addCopy(plan: ItemTypePlan, parent: Table, fk: ForeignKey, columns: readonly string[], pattern: string): ItemCopy {
  let copy = plan.copies.find((c) => c.fk.name === fk.name);
  if (!copy) {
    copy = { parent, fk, columns: [], patterns: [] };
    plan.copies.push(copy);
  }
  for (const column of columns) {
    if (copy.columns.some((c) => c.column === column)) continue;
    const type = parent.columns.find((c) => c.name === column)?.type ?? { kind: 'text' };
    copy.columns.push({ column, attribute: copyAttribute(plan.table, fk, column), type });
  }
  if (!copy.patterns.includes(pattern)) copy.patterns.push(pattern);
  return copy;
}

/** Type of an attribute of the item: a column's, or a copied parent column's. */
export function attributeType(plan: ItemTypePlan, attribute: string): LogicalType | undefined {
  return plan.table.columns.find((c) => c.name === attribute)?.type ?? plan.copies.flatMap((c) => c.columns).find((c) => c.attribute === attribute)?.type;
}

/** Every attribute the item type stores besides its keys: its columns and its copies. */
export function dataAttributes(plan: ItemTypePlan): { name: string; type: LogicalType }[] {
  return [
    ...plan.table.columns.map((c) => ({ name: c.name, type: c.type })),
    ...plan.copies.flatMap((c) => c.columns.map((x) => ({ name: x.attribute, type: x.type }))),
  ];
}
