import type { Introspection } from '../../../model/introspection.js';
import type { Schema } from '../../../model/schema.js';
import { type AuditContext, type AuditFacts, SIGNED_INTEGER_MAX, type Tenancy } from '../context.js';

export { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';

/** The introspection of a live database holding `schema`, as the audit rules' tests build it. */
export function introspectionOf(schema: Schema, statsSince: string | null = null): Introspection {
  return {
    schema,
    statsSince,
    source: { dialect: 'postgres', kind: 'live', location: 'postgres://localhost/test', serverVersion: 'PostgreSQL 15.0', namespaces: ['public'] },
  };
}

/** An audit context over a hand-made schema: no row estimates unless given, tenancy unknown unless given. */
export function auditContextOf(
  schema: Schema,
  options: { statsSince?: string | null; rowEstimates?: AuditFacts['rowEstimates']; tenancy?: Tenancy; locations?: AuditContext['locations'] } = {},
): AuditContext {
  return {
    introspection: introspectionOf(schema, options.statsSince ?? null),
    facts: { integerMax: SIGNED_INTEGER_MAX, rowEstimates: options.rowEstimates ?? new Map() },
    locations: options.locations ?? new Map(),
    ...(options.tenancy ? { tenancy: options.tenancy } : {}),
  };
}
