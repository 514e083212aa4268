import type { DialectDiff } from '../../dialects/diff.js';
import { plannerFor } from '../../dialects/registry.js';
import { neutralDiff } from './neutral-diff.js';

/**
 * The comparison for schemas of a dialect (`postgres`, `mysql`): its own hooks, ready to use (the
 * dialect is prepared: PostgreSQL's parser loaded), or SQL compared as written when it has none.
 */
export async function diffHooksFor(dialect: string): Promise<DialectDiff> {
  const found = plannerFor(dialect);
  if (!found?.diff) return neutralDiff;
  await found.prepare();
  return found.diff;
}
