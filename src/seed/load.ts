import type { SeedPlan, SeedPlanOptions } from './plan.js';

/** What a dialect's seeder takes and gives (its SQL and load steps live in src/dialects/<d>/). */
export interface SeedProgress {
  readonly table: string;
  /** 1-based position of the table in the plan. */
  readonly index: number;
  readonly total: number;
  /** Rows in the table after its insert. */
  readonly rows: number;
  readonly elapsedMs: number;
}

/**
 * How rows are loaded; either way the database checks every row before commit and the schema ends
 * as it began. `bulk` (default): inside the transaction, keys, foreign keys and plain secondary
 * indexes are dropped, the rows loaded, then keys and indexes built (one sort each) and foreign
 * keys added back (PostgreSQL validates each with one join), as pg_restore does: several times
 * faster on the reference spec (docs/benchmarks.md). `per-row`: everything stays in place; each
 * row pays one lookup per foreign key and one insert per index.
 */
export type SeedLoadMethod = 'bulk' | 'per-row';

export interface SeedOptions extends SeedPlanOptions {
  /** Same seed (and anchor), same rows (default 1). */
  readonly seed?: number;
  /** 0 (default): parents picked uniformly; higher: Zipf-like concentration of children on low ids. */
  readonly skew?: number;
  /** The instant that plays "now"; timestamps lie before it. Default: the start of the current UTC day, so runs on one day agree. */
  readonly anchor?: string | Date;
  readonly load?: SeedLoadMethod;
  readonly onProgress?: (progress: SeedProgress) => void;
}

export interface SeededTable {
  readonly table: string;
  readonly plannedRows: number;
  /** Rows in the table: below plannedRows only where a key could not be guaranteed (ON CONFLICT DO NOTHING). */
  readonly rows: number;
  /** The table's whole step: its insert, then in a per-row load its ANALYZE (see PostgresSeedTable.analyze), and a count if needed. */
  readonly ms: number;
  /** The INSERT alone. */
  readonly insertMs: number;
}

export interface SeedResult {
  readonly plan: SeedPlan;
  readonly tables: readonly SeededTable[];
  readonly totalRows: number;
  /** Everything through commit. */
  readonly ms: number;
  /** Bulk load: adding keys and indexes back, ANALYZE, and validating the foreign keys. */
  readonly finishMs: number;
}

/** The instant that plays "now" as an ISO string: the given one, else the start of the current UTC day. */
export function anchorOf(anchor: string | Date | undefined): string {
  if (anchor !== undefined) {
    const date = new Date(anchor);
    if (Number.isNaN(date.getTime())) throw new Error(`the seed anchor ${String(anchor)} is not a date`);
    return date.toISOString();
  }
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
}
