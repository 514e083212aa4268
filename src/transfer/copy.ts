import type { TransferPlan } from '../existing/switch/mapping.js';
import { batchJson } from './convert.js';
import type { SourceSide, TargetSide } from './sides.js';
import { sourceBatches } from './sides.js';

export interface CopyProgress {
  readonly table: string;
  /** 1-based. */
  readonly batch: number;
  readonly rows: number;
  /** Rows of the table copied so far. */
  readonly copied: number;
  /** The source's estimate of the table's rows (its statistics), when it has one. */
  readonly estimate: number | null;
}

export interface CopyOptions {
  /** Rows per batch (default 5,000): one read and one insert statement each. */
  readonly batchRows?: number;
  readonly onProgress?: (progress: CopyProgress) => void;
  /** The source's row estimate per table, for progress. */
  readonly estimates?: ReadonlyMap<string, number | null>;
}

export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
  readonly batches: number;
}

export interface IdentityRestarted {
  readonly table: string;
  readonly column: string;
  /** The value the identity hands out next. */
  readonly next: string;
}

export const DEFAULT_BATCH_ROWS = 5_000;

/**
 * Copies every table of the plan, parents first, in keyset batches by primary key: each batch one
 * read on the source (read only) and one insert on the target, so a failure leaves whole batches
 * and names the table. Then the identities restart past the copied maximum and the source's
 * counter, and the foreign keys are added (NOT VALID, then validated).
 */
export async function copyTables(
  source: SourceSide,
  target: TargetSide,
  plan: TransferPlan,
  options: CopyOptions = {},
): Promise<{ tables: CopiedTable[]; identities: IdentityRestarted[] }> {
  const batchRows = Math.max(1, Math.trunc(options.batchRows ?? DEFAULT_BATCH_ROWS));
  const tables: CopiedTable[] = [];
  for (const table of plan.tables) {
    const insert = target.role.insertBatch(table);
    let copied = 0;
    let batch = 0;
    for await (const rows of sourceBatches(source, table, batchRows)) {
      batch++;
      try {
        await target.db.query(insert, [batchJson(table.columns, rows.converted)]);
      } catch (error) {
        throw new Error(`copying ${table.name}, batch ${batch} (rows ${copied + 1} to ${copied + rows.converted.length}): ${(error as Error).message}`);
      }
      copied += rows.converted.length;
      options.onProgress?.({ table: table.name, batch, rows: rows.converted.length, copied, estimate: options.estimates?.get(table.name) ?? null });
    }
    tables.push({ table: table.name, rows: copied, batches: batch });
  }
  const identities: IdentityRestarted[] = [];
  for (const identity of plan.identities) {
    const [row] = await target.db.query<{ v: string | null }>(target.role.maxValue(identity.table, identity.column));
    const pastMax = row?.v === null || row?.v === undefined ? 1n : BigInt(row.v) + 1n;
    const next = pastMax > BigInt(identity.sourceNext) ? pastMax : BigInt(identity.sourceNext);
    await target.db.exec(target.role.restartIdentity(identity.table, identity.column, next));
    identities.push({ table: identity.table, column: identity.column, next: String(next) });
  }
  for (const { table, foreignKeys } of plan.foreignKeys) await target.db.exec(target.role.addForeignKeys(table, foreignKeys));
  return { tables, identities };
}
