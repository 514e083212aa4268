import { compareAnswers, type Comparison } from '../compare-answers.js';
import type { NosqlContext } from '../input.js';
import type { PatternAccess } from '../pattern-access.js';
import { chooseParams, referenceAnswer, unknownBounds, type AnswerRow, type Params } from '../reference-answer.js';
import { insertedRow, type Row, type SyntheticData } from '../synthetic-rows.js';
import { updatedRow } from '../written-row.js';
import type { DynamoDesignResult } from './design-dynamodb.js';
import { itemOf, type Item } from './items.js';
import type { PlannedPattern } from './planned.js';

/** What one pattern is checked with on the local server: its parameters and the answer it must give, or the row it writes. */
export interface DynamoCheck {
  readonly pattern: string;
  readonly access: PatternAccess;
  readonly planned: PlannedPattern;
  readonly params: Params;
  /** Reads: the rows the pattern must return (the SQL's meaning on the synthetic rows). */
  readonly expected?: readonly AnswerRow[];
  /** Writes: the row before and after (after is absent for a delete). */
  readonly before?: Row;
  readonly after?: Row;
  /** Why the pattern is not run: no requests, or a bound only the application can compute. */
  readonly skipped?: string;
}

export function dynamoChecks(ctx: NosqlContext, result: DynamoDesignResult, data: SyntheticData): DynamoCheck[] {
  return ctx.accesses.map((access) => {
    const planned = result.planned.get(access.pattern)!;
    const base = { pattern: access.pattern, access, planned };
    if (!planned.operations.length) return { ...base, params: new Map(), skipped: 'no request serves it (see the finding)' };
    const unknown = unknownBounds(access);
    if (unknown.length) return { ...base, params: new Map(), skipped: `its bound \`${unknown[0]}\` is SQL the checks cannot evaluate` };
    if (access.kind === 'insert') return { ...base, params: new Map(), after: insertedRow(ctx.schema, access.table, data) };
    const params = chooseParams(access, data);
    if (access.kind === 'read') return { ...base, params, expected: referenceAnswer(access, data, params) };
    const before = referenceAnswer({ ...access, orderBy: [], limit: undefined } as PatternAccess, data, params)[0]?.row;
    if (!before) return { ...base, params, skipped: 'no synthetic row meets its condition' };
    return { ...base, params, before, ...(access.kind === 'update' ? { after: updatedRow(ctx.schema, access.table, before, access.sets, data) } : {}) };
  });
}

export function judgeRead(ctx: NosqlContext, check: DynamoCheck, actual: readonly AnswerRow[]): Comparison {
  return compareAnswers(ctx.schema, check.access, check.expected ?? [], actual);
}

/**
 * A write is right when the item read back by its key is the item the row makes: every attribute
 * for an insert; the columns set and the GSI keys they feed for an update; nothing for a delete.
 */
export function judgeWrite(ctx: NosqlContext, result: DynamoDesignResult, check: DynamoCheck, data: SyntheticData, found: Item | undefined): Comparison {
  const plan = result.plans.get(check.access.table.name)!;
  if (!check.after)
    return found ? { ok: false, detail: 'the item is still there after the DeleteItem' } : { ok: true, detail: 'the item is gone after the DeleteItem' };
  if (!found) return { ok: false, detail: 'no item under the written key' };
  const want = itemOf(plan, check.after, data);
  const attributes = check.access.kind === 'insert' ? Object.keys(want) : [...check.access.sets, ...Object.keys(want).filter((k) => /^GSI\d+(PK|SK)$/.test(k))];
  const wrong = attributes.filter((a) => JSON.stringify(found[a]) !== JSON.stringify(want[a]));
  return wrong.length
    ? { ok: false, detail: `the item read back differs in ${wrong.join(', ')}` }
    : {
        ok: true,
        detail: `the item read back has ${check.access.kind === 'insert' ? 'every attribute' : `the new ${check.access.sets.join(', ')}`}${attributes.some((a) => a.startsWith('GSI')) ? ' and its GSI keys' : ''}`,
      };
}
