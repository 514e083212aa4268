import type { Schema } from '../../model/schema.js';
import type { PatternAccess } from './pattern-access.js';
import { rowIdentity, type AnswerRow } from './reference-answer.js';

export interface Comparison {
  readonly ok: boolean;
  /** `6 rows, as expected` or what differs. */
  readonly detail: string;
}

/**
 * Whether a target returned the pattern's answer: the same rows (by entity and key); in the same
 * order when the pattern orders them. Rows tied on the order may come in any order, and where LIMIT
 * cuts through a tie any of the tied rows may be kept.
 */
export function compareAnswers(schema: Schema, access: PatternAccess, expected: readonly AnswerRow[], actual: readonly AnswerRow[]): Comparison {
  const id = (a: AnswerRow) => rowIdentity(schema.tables.find((t) => t.name === a.entity)!, a.row);
  const want = expected.map(id);
  const got = actual.map(id);
  const ordered = access.orderBy.length > 0 && !access.sortedByApplication && !access.children;
  const describe = `${expected.length} row${expected.length === 1 ? '' : 's'}`;
  if (want.length !== got.length)
    return {
      ok: false,
      detail: `returned ${got.length} rows, expected ${describe}: missing ${
        want
          .filter((w) => !got.includes(w))
          .slice(0, 5)
          .join(', ') || 'none'
      }; extra ${
        got
          .filter((g) => !want.includes(g))
          .slice(0, 5)
          .join(', ') || 'none'
      }`,
    };
  if (!ordered) {
    const a = [...want].sort();
    const b = [...got].sort();
    return a.every((w, i) => w === b[i])
      ? { ok: true, detail: `${describe}, as expected` }
      : {
          ok: false,
          detail: `returned other rows than expected: ${got
            .filter((g) => !want.includes(g))
            .slice(0, 5)
            .join(', ')}`,
        };
  }
  if (want.every((w, i) => w === got[i])) return { ok: true, detail: `${describe} in the expected order` };
  // Ties: the order values must agree position by position, and the rows before the last tie too.
  const wantKeys = expected.map((a) => a.orderKey ?? '');
  const gotKeys = actual.map((a) => a.orderKey ?? '');
  if (wantKeys.some((k, i) => k !== gotKeys[i]))
    return {
      ok: false,
      detail: `returned the rows in another order than the pattern's ORDER BY (first difference at position ${wantKeys.findIndex((k, i) => k !== gotKeys[i]) + 1})`,
    };
  const last = wantKeys.at(-1);
  const before = (keys: string[], ids: string[]) => ids.filter((_, i) => keys[i] !== last).sort();
  const a = before(wantKeys, want);
  const b = before(gotKeys, got);
  return a.every((w, i) => w === b[i])
    ? { ok: true, detail: `${describe} in the expected order (ties in any order)` }
    : { ok: false, detail: 'returned other rows than expected among those ordered before the last tie' };
}
