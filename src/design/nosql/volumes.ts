import type { Schema, Table } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import { keyDomain } from '../../estimate/key-domain.js';
import { horizonMonths, projectRows } from '../capacity/projection.js';

/** Rows now and at the horizon per table, and the distinct values of a key: what every NoSQL size and rate reads. */
export interface Volumes {
  readonly months: number;
  readonly now: (table: string) => number;
  readonly atHorizon: (table: string) => number;
  /** Distinct values of `columns` at the horizon (a key that includes a unique key has one per row). */
  readonly distinct: (table: Table, columns: readonly string[]) => number;
  readonly tenants?: number;
}

export function volumesOf(spec: Spec, schema: Schema): Volumes {
  const months = horizonMonths(spec);
  const projection = projectRows(schema, months);
  const first = projection[0]!.rows;
  const last = projection.at(-1)!.rows;
  const atHorizon = (table: string) => Math.max(1, last.get(table) ?? 1);
  const tenants = spec.requirements.tenants ?? (schema.tables.find((t) => t.name === 'tenant') ? atHorizon('tenant') : undefined);
  return {
    months,
    now: (table) => Math.max(1, first.get(table) ?? 1),
    atHorizon,
    tenants,
    distinct: (table, columns) => {
      if (!columns.length) return 1;
      const domain = keyDomain(schema, table, columns, atHorizon, tenants);
      // A column the model knows nothing about counts as a unique one: the rows bound it.
      return Math.max(1, Math.min(atHorizon(table.name), Number.isFinite(domain) ? domain : atHorizon(table.name)));
    },
  };
}

/** Children per parent row along a reference, now and at the horizon (averages). */
export function childrenPerParent(volumes: Volumes, child: Table, parent: Table): { now: number; atHorizon: number } {
  const round = (n: number) => Math.round(n * 100) / 100;
  return { now: round(volumes.now(child.name) / volumes.now(parent.name)), atHorizon: round(volumes.atHorizon(child.name) / volumes.atHorizon(parent.name)) };
}
