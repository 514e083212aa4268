import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { Decision } from '../../model/decision.js';

/**
 * How ADRs get numbers that never move.
 *
 * adr-tools and log4brains give a record its number once, when it is created, and never change or
 * reuse it: a number is a name people cite in reviews and commits. dbarchitect regenerates its
 * records, so it keeps the same promise with a ledger, `adr/numbers.json`, written beside the
 * records (commit it with them): a record already in the ledger keeps its number, a new one takes
 * the next free number, and the number of a record no longer proposed is retired, not reused.
 *
 * Without a ledger (a fresh folder, the library, `--print`), numbers are still derived, not
 * positional: each area owns a block of 100 in the fixed order below (technology 0101–0199,
 * tenancy 0201–0299, …) and its records are numbered in the design's order inside it. A new
 * decision in one area so never renumbers another area's records, and the ledger, read back on the
 * next run, pins the rest. A hash of the decision id would need no ledger, but in a block of 100 it
 * collides often, and a collision moves a number as surely as a position does.
 */

/** The ledger: ADR key (a decision id, or `indexes/*` for a group) → its number. */
export type AdrNumbers = ReadonlyMap<string, number>;

export const ADR_NUMBERS_PATH = 'adr/numbers.json';

/** Append-only: a new area takes the next free block; a block never changes hands. */
const AREA_BLOCKS: Readonly<Record<Decision['area'], number>> = {
  technology: 1,
  tenancy: 2,
  keys: 3,
  constraints: 4,
  normalization: 5,
  denormalization: 6,
  modeling: 7,
  partitioning: 8,
  indexes: 9,
  scaling: 10,
  caching: 11,
  capacity: 12,
  security: 13,
  availability: 14,
  types: 15,
};
const BLOCK = 100;
/** Records past the 99th of an area, or of an area without a block, are numbered from here on. */
const OVERFLOW_START = 5001;

/** The block of numbers an area owns, `[first, last]`; undefined for an area without one. */
export function areaBlock(area: string): readonly [number, number] | undefined {
  const block = (AREA_BLOCKS as Readonly<Record<string, number>>)[area];
  return block === undefined ? undefined : [block * BLOCK + 1, block * BLOCK + BLOCK - 1];
}

/**
 * Numbers for the records, in the order given (the design's order within each area): the ledger's
 * number where it has one, otherwise the next number after every number its block has used, the
 * ledger's retired ones included. Returns the numbers and the ledger to write back.
 */
export function assignAdrNumbers(
  records: readonly { readonly key: string; readonly area: string }[],
  ledger: AdrNumbers = new Map(),
): { numbers: Map<string, number>; ledger: Map<string, number> } {
  const next = new Map<string, number>(ledger);
  const used = new Set(ledger.values());
  const nextFree = (from: number, to: number) => {
    let n = Math.max(from - 1, ...[...used].filter((u) => u >= from && u <= to)) + 1;
    while (used.has(n)) n++;
    return n <= to ? n : undefined;
  };
  for (const { key, area } of records) {
    if (next.has(key)) continue;
    const block = areaBlock(area);
    const number = (block && nextFree(block[0], block[1])) ?? nextFree(OVERFLOW_START, Number.MAX_SAFE_INTEGER)!;
    next.set(key, number);
    used.add(number);
  }
  const numbers = new Map(records.map(({ key }) => [key, next.get(key)!]));
  return { numbers, ledger: next };
}

/** `adr/numbers.json`: ordered by number so a new record shows as one added line in a diff. */
export function renderAdrNumbers(ledger: AdrNumbers): string {
  const entries = [...ledger].sort((a, b) => a[1] - b[1]);
  const numbers = Object.fromEntries(entries);
  return (
    JSON.stringify(
      {
        about: 'ADR numbers dbarchitect has given: kept on every run, never reused. Commit this file with the records; delete it to renumber from scratch.',
        numbers,
      },
      null,
      2,
    ) + '\n'
  );
}

/** Reads a ledger written by `renderAdrNumbers`; a damaged one is an error naming the file and the fix. */
export function parseAdrNumbers(text: string, file: string): { ok: true; ledger: AdrNumbers } | { ok: false; diagnostic: Diagnostic } {
  const fail = (message: string) => ({
    ok: false as const,
    diagnostic: {
      code: 'output/bad-adr-numbers',
      severity: 'error' as const,
      message,
      fix: 'restore the file from version control, or delete it to renumber the ADRs from scratch',
      location: { file, line: 1, column: 1 },
    },
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return fail(`the ADR number ledger is not valid JSON: ${(error as Error).message}`);
  }
  const numbers = (parsed as { numbers?: unknown } | null)?.numbers;
  if (typeof numbers !== 'object' || numbers === null || Array.isArray(numbers)) return fail('the ADR number ledger has no `numbers` object');
  const ledger = new Map<string, number>();
  const owner = new Map<number, string>();
  for (const [key, value] of Object.entries(numbers)) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
      return fail(`\`${key}\` has the number ${JSON.stringify(value)}; ADR numbers are positive integers`);
    const other = owner.get(value);
    if (other !== undefined) return fail(`\`${other}\` and \`${key}\` both have the number ${value}`);
    owner.set(value, key);
    ledger.set(key, value);
  }
  return { ok: true, ledger };
}
