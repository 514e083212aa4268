import { createHash } from 'node:crypto';
import type { TransferTable } from '../dialects/transfer.js';
import { canonicalLine } from './canonical.js';
import { type CanonicalRow, type SourceSide, sourceCanonicalRows, type TargetSide, targetCanonicalRows } from './sides.js';

/** The first row where the two sides differ, by key. */
export interface RowMismatch {
  /** The key's canonical values on the side that has the row (the source's when both do), column -> value. */
  readonly key: Readonly<Record<string, string>>;
  /** The first column that differs; absent when one side has no row there. */
  readonly column?: string;
  /** The canonical values there; absent for a side without the row. */
  readonly source?: string;
  readonly target?: string;
}

export interface TableValidation {
  readonly table: string;
  readonly sourceRows: number;
  readonly targetRows: number;
  /** sha256 over every row's canonical line and a newline, in key order. */
  readonly sourceChecksum: string;
  readonly targetChecksum: string;
  readonly equal: boolean;
  readonly mismatch?: RowMismatch;
}

/**
 * Checks one table on both sides: row counts (COUNT(*)), then every row read in key order from both
 * engines, each made canonical (canonical.ts) and hashed in Node, and the first differing key
 * named. The source's rows pass through the conversion the copy used, so equal checksums say the
 * target holds exactly what the stated mapping makes of the source.
 */
export async function validateTable(source: SourceSide, target: TargetSide, table: TransferTable, batchRows: number): Promise<TableValidation> {
  const [sourceCount] = await source.db.query<{ n: unknown }>(source.role.countRows(table.name));
  const [targetCount] = await target.db.query<{ n: unknown }>(target.role.countRows(table.name));
  const sourceHash = createHash('sha256');
  const targetHash = createHash('sha256');
  const left = sourceCanonicalRows(source, table, batchRows);
  const right = targetCanonicalRows(target, table, batchRows);
  let mismatch: RowMismatch | undefined;
  const keyOf = (row: CanonicalRow) => Object.fromEntries(table.key.map((k, i) => [k, row.key[i]!]));
  for (;;) {
    const [a, b] = await Promise.all([left.next(), right.next()]);
    if (a.done && b.done) break;
    const sourceRow = a.done ? undefined : a.value;
    const targetRow = b.done ? undefined : b.value;
    if (sourceRow) sourceHash.update(`${canonicalLine(sourceRow.values)}\n`);
    if (targetRow) targetHash.update(`${canonicalLine(targetRow.values)}\n`);
    if (mismatch) continue;
    if (!sourceRow || !targetRow) {
      const present = (sourceRow ?? targetRow)!;
      mismatch = { key: keyOf(present), ...(sourceRow ? { source: canonicalLine(sourceRow.values) } : { target: canonicalLine(targetRow!.values) }) };
      continue;
    }
    const column = table.columns.findIndex((_, i) => sourceRow.values[i] !== targetRow.values[i]);
    if (column >= 0)
      mismatch = { key: keyOf(sourceRow), column: table.columns[column]!.name, source: sourceRow.values[column]!, target: targetRow.values[column]! };
  }
  const sourceRows = Number(sourceCount?.n ?? 0);
  const targetRows = Number(targetCount?.n ?? 0);
  const sourceChecksum = sourceHash.digest('hex');
  const targetChecksum = targetHash.digest('hex');
  return {
    table: table.name,
    sourceRows,
    targetRows,
    sourceChecksum,
    targetChecksum,
    equal: sourceRows === targetRows && sourceChecksum === targetChecksum && mismatch === undefined,
    ...(mismatch ? { mismatch } : {}),
  };
}

/** Every table of the copy, in its order. */
export async function validateTables(source: SourceSide, target: TargetSide, tables: readonly TransferTable[], batchRows: number): Promise<TableValidation[]> {
  const out: TableValidation[] = [];
  for (const table of tables) out.push(await validateTable(source, target, table, batchRows));
  return out;
}

/** A mismatch as a sentence: `events: first difference at id=1001, column labels: source ["a"], target ["b"]`. */
export function describeMismatch(validation: TableValidation): string {
  const m = validation.mismatch;
  const counts =
    validation.sourceRows === validation.targetRows ? '' : ` (${validation.sourceRows} rows on the source, ${validation.targetRows} on the target)`;
  if (!m) return `${validation.table}: checksums differ${counts}`;
  const key = Object.entries(m.key)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  if (m.column) return `${validation.table}: first difference at ${key}, column ${m.column}: source ${m.source}, target ${m.target}${counts}`;
  return `${validation.table}: the row ${key} is only on the ${m.source !== undefined ? 'source' : 'target'}${counts}`;
}
