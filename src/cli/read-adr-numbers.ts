import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { ADR_NUMBERS_PATH, parseAdrNumbers, type AdrNumbers } from '../writers/adr/adr-numbers.js';

/** The ADR number ledger an earlier run left in the output folder; none in a fresh folder. */
export async function readAdrNumbers(folder: string): Promise<{ ok: true; ledger?: AdrNumbers } | { ok: false; diagnostic: Diagnostic }> {
  const file = join(folder, ADR_NUMBERS_PATH);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return { ok: true };
    return {
      ok: false,
      diagnostic: {
        code: 'output/bad-adr-numbers',
        severity: 'error',
        message: `cannot read the ADR number ledger: ${(error as Error).message}`,
        fix: 'make it readable, or delete it to renumber the ADRs from scratch',
        location: { file, line: 1, column: 1 },
      },
    };
  }
  return parseAdrNumbers(text, file);
}
