import type { IndexCondition, Schema, Table } from '../model/schema.js';
import { TENANT_COLUMN } from '../model/naming.js';

/** The column that carries the tenant under shared-schema tenancy (model/build-model.ts). */

/** Rows each table holds at the moment being estimated. */
export type RowsOf = (table: string) => number;

/** Distinct values the index derivation assumes for a column it knows nothing about (design/indexes/statistics.ts). */
const UNKNOWN_DISTINCT = 10;

/**
 * How many values a set of key columns can take, from the model at the given row counts: a key
 * that contains a primary key or unique is unique; each reference wholly inside the set contributes
 * its parent's rows (a composite tenant-carrying reference counts the pair once); the tenant column
 * the tenants; an enum its values; a boolean 2. Any other column makes the key as good as unique
 * (Infinity): deduplication is then not counted, which errs towards the larger size.
 */
export function keyDomain(schema: Schema, table: Table, columns: readonly string[], rowsOf: RowsOf, tenants?: number): number {
  const rows = rowsOf(table.name);
  const keys = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)];
  if (keys.some((key) => key.length > 0 && key.every((c) => columns.includes(c)))) return rows;

  const uncovered = new Set(columns);
  let domain = 1;
  const references = [...table.foreignKeys]
    .filter((fk) => fk.columns.every((c) => columns.includes(c)))
    .sort((a, b) => b.columns.length - a.columns.length || a.name.localeCompare(b.name));
  for (const fk of references) {
    if (!fk.columns.some((c) => uncovered.has(c))) continue;
    domain *= Math.max(1, rowsOf(fk.refTable));
    for (const c of fk.columns) uncovered.delete(c);
  }
  for (const name of uncovered) {
    const values = enumeratedValues(schema, table, name);
    if (values !== undefined) domain *= values;
    else if (name === TENANT_COLUMN && table.tenantScoped && tenants) domain *= tenants;
    else return Number.POSITIVE_INFINITY;
  }
  return domain;
}

/** Distinct values of one column, as the index derivation weighs a partial index's condition. */
export function columnDistinct(schema: Schema, table: Table, column: string, rowsOf: RowsOf, tenants?: number): number {
  const domain = keyDomain(schema, table, [column], rowsOf, tenants);
  if (Number.isFinite(domain)) return Math.max(1, Math.min(domain, rowsOf(table.name)));
  const fk = table.foreignKeys.find((f) => f.columns[f.columns.length - 1] === column);
  if (fk) return Math.max(1, Math.min(rowsOf(table.name), rowsOf(fk.refTable)));
  return UNKNOWN_DISTINCT;
}

/**
 * Share of rows a partial index covers, its conditions ANDed as the index derivation weighs them:
 * `=` 1/distinct, `IN` values/distinct, their negations the rest; IS [NOT] NULL from the measured null
 * fraction when there is one, else one half.
 */
export function conditionShare(
  schema: Schema,
  table: Table,
  where: readonly IndexCondition[],
  rowsOf: RowsOf,
  nullFraction: (column: string) => number | undefined,
  tenants?: number,
): number {
  let share = 1;
  for (const c of where) {
    const distinct = () => columnDistinct(schema, table, c.column, rowsOf, tenants);
    switch (c.op) {
      case 'eq':
        share *= 1 / distinct();
        break;
      case 'in':
        share *= Math.min(1, c.values.length / distinct());
        break;
      case 'neq':
        share *= 1 - 1 / distinct();
        break;
      case 'not-in':
        share *= Math.max(0, 1 - c.values.length / distinct());
        break;
      case 'is-null':
        share *= nullFraction(c.column) ?? 0.5;
        break;
      case 'is-not-null':
        share *= 1 - (nullFraction(c.column) ?? 0.5);
        break;
    }
  }
  return share;
}

function enumeratedValues(schema: Schema, table: Table, column: string): number | undefined {
  const type = table.columns.find((c) => c.name === column)?.type;
  if (type?.kind === 'bool') return 2;
  if (type?.kind === 'enum') return schema.enums.find((e) => e.name === type.name)?.values.length;
  return undefined;
}
