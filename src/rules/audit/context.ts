import type { SourceLocation } from '../../diagnostics/diagnostic.js';
import type { Introspection } from '../../model/introspection.js';

/** How tenants share the database, when it is known (a spec states it; a live database does not). */
export type Tenancy = 'none' | 'shared-schema' | 'schema-per-tenant' | 'database-per-tenant';

/** One table's typical row as the dialect's storage model estimates it. */
export interface RowEstimate {
  /** Average stored bytes of a row, header included. */
  readonly bytes: number;
  /** Columns the storage model moves out of line (TOAST) because the row passes the engine's threshold. */
  readonly outOfLine: readonly string[];
}

/**
 * What the rules need to know about the database engine, as plain values: the use case
 * (src/api/audit.ts) reads them from the dialect, so the rules stay pure and name no dialect.
 */
export interface AuditFacts {
  /** The largest value each integer type holds. */
  readonly integerMax: { readonly int16: number; readonly int32: number; readonly int64: number };
  /** Table name -> its estimated row; empty when no storage model knows the engine. */
  readonly rowEstimates: ReadonlyMap<string, RowEstimate>;
}

/**
 * What every audit rule reads: the database as introspected (for a spec, the designed schema in the
 * same shape, with no statistics and `source.kind` 'spec'), the engine's facts, the tenancy when
 * it is known, and where the tables are declared when the input is a file. `audit` (src/api/audit.ts) builds it once and runs the set.
 */
export interface AuditContext {
  readonly introspection: Introspection;
  readonly facts: AuditFacts;
  readonly tenancy?: Tenancy;
  /**
   * Where each table is declared (by `namespace.name`, or the name in the default namespace): its
   * entity in a spec, its CREATE TABLE in a SQL file; empty for a live database. Findings about a
   * table point there, so text output and SARIF name a place in the file.
   */
  readonly locations: ReadonlyMap<string, SourceLocation>;
}

/**
 * The signed two's-complement range every dialect the model reads gives int16, int32 and int64 (an
 * unsigned or wider type is read as a wider logical type or as native). Doubles: the ratio to the
 * maximum is what the overflow rules compare, and 2^63 - 1 rounds without changing it.
 */
export const SIGNED_INTEGER_MAX = { int16: 32_767, int32: 2_147_483_647, int64: 9_223_372_036_854_775_807 } as const;
