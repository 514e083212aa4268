import type { SqlSession } from '../dialects/session.js';
import type { TransferSource, TransferTable, TransferTarget } from '../dialects/transfer.js';
import { canonicalValue } from './canonical.js';
import { type TargetValue, toTargetValue } from './convert.js';

/** An engine and its dialect's side of the switch. */
export interface SourceSide {
  readonly db: SqlSession;
  readonly role: TransferSource;
}
export interface TargetSide {
  readonly db: SqlSession;
  readonly role: TargetSideRole;
}
type TargetSideRole = TransferTarget;

/** One row read for a check: its canonical values and its key's canonical values. */
export interface CanonicalRow {
  readonly values: readonly string[];
  readonly key: readonly string[];
}

/** The source's rows of a table in key order, batch by batch, converted as the copy converts them. */
export async function* sourceBatches(
  side: SourceSide,
  table: TransferTable,
  batchRows: number,
): AsyncGenerator<{ raw: unknown[][]; converted: TargetValue[][] }> {
  const keyIndexes = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  let after: unknown[] | undefined;
  for (;;) {
    const statement = side.role.selectBatch(table, after, batchRows);
    const rows = await side.db.query<Record<string, unknown>>(statement.sql, statement.params);
    if (rows.length === 0) return;
    const raw = rows.map((row) => table.columns.map((_, i) => row[`c${i}`]));
    const converted = raw.map((values) => {
      try {
        return table.columns.map((c, i) => toTargetValue(c, values[i]));
      } catch (error) {
        throw new Error(`${table.name}, key (${keyIndexes.map((i) => String(values[i])).join(', ')}): ${(error as Error).message}`);
      }
    });
    yield { raw, converted };
    if (rows.length < batchRows) return;
    const last = raw[raw.length - 1]!;
    after = keyIndexes.map((i) => last[i]);
  }
}

/** The source's rows as canonical rows (for the check), in key order. */
export async function* sourceCanonicalRows(side: SourceSide, table: TransferTable, batchRows: number): AsyncGenerator<CanonicalRow> {
  const keyIndexes = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  for await (const batch of sourceBatches(side, table, batchRows))
    for (const values of batch.converted) {
      const canonical = table.columns.map((c, i) => canonicalValue(c.kind, values[i]));
      yield { values: canonical, key: keyIndexes.map((i) => canonical[i]!) };
    }
}

/** The target's rows as canonical rows, in the same key order. */
export async function* targetCanonicalRows(side: TargetSide, table: TransferTable, batchRows: number): AsyncGenerator<CanonicalRow> {
  const keyIndexes = table.key.map((k) => table.columns.findIndex((c) => c.name === k));
  let after: string[] | undefined;
  for (;;) {
    const statement = side.role.selectBatch(table, after, batchRows);
    const rows = await side.db.query<Record<string, unknown>>(statement.sql, statement.params);
    for (const row of rows) {
      const canonical = table.columns.map((c, i) => canonicalValue(c.kind, row[`c${i}`] as string | null));
      yield { values: canonical, key: keyIndexes.map((i) => canonical[i]!) };
    }
    if (rows.length < batchRows) return;
    const last = rows[rows.length - 1]!;
    after = table.key.map((_, i) => String(last[`k${i}`]));
  }
}
