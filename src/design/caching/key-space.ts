import { formatCount } from '../../format.js';
import type { Schema, Table } from '../../model/schema.js';
import type { PatternParameter } from './pattern-parameters.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/** How many different cache keys a pattern's parameters can form, and how that was estimated. */
export interface KeySpace {
  readonly distinctKeys: number;
  /** A parameter bounds a range (`placed_at >= :since`): its values differ per call. */
  readonly unbounded: boolean;
  readonly basis: readonly string[];
}

/** Tables without a volume in the spec are assumed to hold this many rows. */
const ASSUMED_ROWS = 1000;

type Dimension =
  | { readonly kind: 'tenant'; readonly distinct: number; readonly basis: string }
  /** Values that identify rows of one table: when that table is tenant-scoped each value already implies its tenant. */
  | { readonly kind: 'entity'; readonly distinct: number; readonly tenantScoped: boolean; readonly basis: string }
  | { readonly kind: 'value'; readonly distinct: number; readonly basis: string }
  | { readonly kind: 'unbounded'; readonly basis: string };

/**
 * rule:cache-key-space. Distinct keys = product of the distinct values of the parameters' columns,
 * from the spec's volumes: a tenant id has `tenants` values, a reference has as many values as the
 * referenced table has rows, an enum as many as it has values. A tenant-scoped reference (a category
 * of one tenant) already fixes the tenant, so tenants × categories counts the categories once.
 */
export function estimateKeySpace(parameters: readonly PatternParameter[], schema: Schema, tenants: number | undefined): KeySpace {
  const dimensions = parameters.map((p) => dimensionOf(p, schema, tenants));
  const absorbsTenant = dimensions.some((d) => d.kind === 'entity' && d.tenantScoped);
  let distinctKeys = 1;
  const basis: string[] = [];
  for (const [i, d] of dimensions.entries()) {
    const name = parameters[i]!.name;
    if (d.kind === 'unbounded') {
      basis.push(`:${name}: ${d.basis}`);
      continue;
    }
    if (d.kind === 'tenant' && absorbsTenant) {
      basis.push(`:${name}: ${d.basis}, already implied by the tenant-scoped parameter`);
      continue;
    }
    distinctKeys *= d.distinct;
    basis.push(`:${name}: ${d.basis}`);
  }
  return { distinctKeys: Math.max(1, distinctKeys), unbounded: dimensions.some((d) => d.kind === 'unbounded'), basis };
}

function dimensionOf(parameter: PatternParameter, schema: Schema, tenants: number | undefined): Dimension {
  const bound = parameter.column;
  if (!bound) return { kind: 'value', distinct: 1, basis: 'filters no column (a LIMIT or a computed value): assumed one value' };
  if (bound.op === 'range' || bound.op === 'like' || bound.op === 'other')
    return { kind: 'unbounded', basis: `bounds \`${bound.table}.${bound.column}\` (${bound.op}): values are assumed to differ per call` };
  const table = schema.tables.find((t) => t.name === bound.table);
  if (!table) return { kind: 'value', distinct: ASSUMED_ROWS, basis: `unknown table: ${formatCount(ASSUMED_ROWS)} values assumed` };
  const rows = rowsOf(table);
  const column = bound.column;

  if (column === TENANT_COLUMN && table.tenantScoped) {
    const count = tenants ?? (schema.tables.find((t) => t.name === 'tenant')?.volume?.rows || ASSUMED_ROWS);
    return { kind: 'tenant', distinct: count, basis: `${formatCount(count)} tenants` };
  }
  const keys = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)];
  if (keys.some((k) => k.includes(column) && k.every((c) => c === column || c === TENANT_COLUMN)))
    return { kind: 'entity', distinct: rows, tenantScoped: table.tenantScoped, basis: `${formatCount(rows)} \`${table.name}\` rows (unique)` };
  const reference = table.foreignKeys.find((fk) => fk.columns[fk.columns.length - 1] === column);
  if (reference) {
    const target = schema.tables.find((t) => t.name === reference.refTable);
    const count = target ? rowsOf(target) : ASSUMED_ROWS;
    return {
      kind: 'entity',
      distinct: count,
      tenantScoped: Boolean(target?.tenantScoped),
      basis: `${formatCount(count)} \`${reference.refTable}\` rows${target?.tenantScoped ? ' (each belongs to one tenant)' : ''}`,
    };
  }
  const type = table.columns.find((c) => c.name === column)?.type;
  if (type?.kind === 'enum') {
    const values = schema.enums.find((e) => e.name === type.name)?.values.length ?? 10;
    return { kind: 'value', distinct: values, basis: `${values} enum values` };
  }
  if (type?.kind === 'bool') return { kind: 'value', distinct: 2, basis: 'boolean' };
  // Without statistics a plain column may hold as many values as rows: the cautious choice for a hit rate.
  return { kind: 'value', distinct: rows, basis: `\`${table.name}.${column}\`: as many values as rows assumed (${formatCount(rows)})` };
}

const rowsOf = (table: Table): number => table.volume?.rows || ASSUMED_ROWS;
