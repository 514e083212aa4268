import type { Table } from '../../../model/schema.js';
import { parentOf, type Row, type RowValue, type SyntheticData } from '../synthetic-rows.js';
import type { CollectionPlan, DocumentModel } from './relationships.js';

export type Document = Record<string, unknown>;

/** A column value as a document holds it: dates of `date` columns as Date (BSON date), the rest as they are. */
function bsonValue(table: Table, column: string, value: RowValue): unknown {
  const type = table.columns.find((c) => c.name === column)?.type;
  if (type?.kind === 'date' && typeof value === 'string') return new Date(`${value}T00:00:00.000Z`);
  return value;
}

function ownFields(table: Table, row: Row, omit: readonly string[] = []): Document {
  return Object.fromEntries(table.columns.filter((c) => !omit.includes(c.name)).map((c) => [c.name, bsonValue(table, c.name, row[c.name] ?? null)]));
}

/** One document of a collection: the row's columns, its embedded children, its link ids and its copies of parent columns. */
export function documentOf(plan: CollectionPlan, row: Row, data: SyntheticData): Document {
  const doc = ownFields(plan.table, row);
  const matches = (child: Row, fk: { columns: readonly string[]; refColumns: readonly string[] }) =>
    fk.columns.every((c, i) => child[c] === row[fk.refColumns[i]!]);
  for (const e of plan.embeds)
    doc[e.field] = (data.rows.get(e.child.name) ?? []).filter((c) => matches(c, e.fk)).map((c) => ownFields(e.child, c, e.fk.columns));
  for (const i of plan.ids) doc[i.field] = (data.rows.get(i.link.name) ?? []).filter((l) => matches(l, i.own)).map((l) => l[i.column]);
  for (const x of plan.extended) {
    const parent = parentOf(data, x.fk, row);
    doc[x.field] = parent
      ? ownFields(
          x.parent,
          parent,
          x.parent.columns.filter((c) => !x.columns.includes(c.name)).map((c) => c.name),
        )
      : null;
  }
  return doc;
}

/** Every collection's synthetic documents. */
export function syntheticDocuments(model: DocumentModel, data: SyntheticData): Map<string, Document[]> {
  const out = new Map<string, Document[]>();
  for (const plan of model.collections.values())
    out.set(
      plan.name,
      (data.rows.get(plan.table.name) ?? []).map((row) => documentOf(plan, row, data)),
    );
  return out;
}
