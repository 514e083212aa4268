import { createHash } from 'node:crypto';

/** The column that scopes a row to its tenant (shared-schema tenancy): written once, here. */
export const TENANT_COLUMN = 'tenant_id';

/** PostgreSQL keeps 63 bytes of an identifier; MySQL 64. Derived names stay under the smaller. */
const MAX_NAME = 63;

/**
 * A constraint or index name in PostgreSQL's own style (`order_customer_id_fkey`), shortened with a
 * stable hash when too long, so two long names never collide after truncation.
 */
export function derivedName(table: string, columns: readonly string[], suffix: string): string {
  const full = [table, ...columns, suffix].join('_');
  if (Buffer.byteLength(full) <= MAX_NAME) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  return `${full.slice(0, MAX_NAME - suffix.length - 10)}_${hash}_${suffix}`;
}
