import { z } from 'zod';
import { LineCounter, parseDocument, isNode } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { MIGRATION_PHASES } from '../dialects/migration.js';

/**
 * The part of plan.json (`MigrationPlan`, existing/plan/plan.ts) that apply runs: what each step
 * executes and how. The rest (locks, estimates, the changes) is for people and stays unchecked, so
 * a `MigrationPlan` the planner returns is a `RunnablePlan` as it is.
 */
const strings = z.array(z.string({ error: 'expected a string' }), { error: 'expected an array of strings' });

const reverseSchema = z.union([z.object({ sql: strings, transactional: z.boolean() }), z.object({ irreversible: z.string() })], {
  error: 'expected `{ "sql": [...], "transactional": true|false }` or `{ "irreversible": "why" }`',
});

const stepSchema = z.object({
  id: z.string().min(1, { error: 'expected a non-empty string' }),
  phase: z.enum(MIGRATION_PHASES, { error: `expected one of ${MIGRATION_PHASES.map((p) => `"${p}"`).join(', ')}` }),
  title: z.string(),
  table: z.string().optional(),
  sql: strings,
  transactional: z.boolean(),
  batch: z
    .object({
      table: z.string(),
      sql: z.string().min(1, { error: 'expected the batch statement' }),
      rowsPerBatch: z.number().int().positive({ error: 'expected a positive whole number' }),
    })
    .optional(),
  reverse: reverseSchema,
  dataLoss: z.string().optional(),
});

const planSchema = z.object({
  format: z.literal('dbarchitect-migration-plan', { error: 'expected "dbarchitect-migration-plan": is this a plan written by `dbarchitect diff`?' }),
  version: z.literal(1, { error: 'expected 1 (the only plan version this dbarchitect reads)' }),
  dialect: z.string(),
  changes: z.array(z.unknown()).optional(),
  steps: z.array(stepSchema),
});

/** Read-only throughout, so the planner's `MigrationPlan` (readonly arrays) is one as it is. */
type DeepReadonly<T> = T extends (infer E)[] ? readonly DeepReadonly<E>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

export type RunnablePlan = DeepReadonly<z.infer<typeof planSchema>>;
export type RunnableStep = RunnablePlan['steps'][number];

export type ReadPlan = { readonly ok: true; readonly plan: RunnablePlan } | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const FIX = 'write the plan with `dbarchitect diff <from> <to> --format json`, or correct the field (see the MigrationPlan type, src/existing/plan/plan.ts)';

/** `steps[3].sql`: the JSON path as a reader writes it. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('') || '(the top level)';
}

/** Reads plan.json's text; every problem names the file, the JSON path, and where it is in the file. */
export function readPlan(file: string, text: string): ReadPlan {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    const at = /at position (\d+)/.exec(message);
    const place = at ? positionAt(text, Number(at[1])) : { line: 1, column: 1 };
    return {
      ok: false,
      diagnostics: [{ code: 'plan/not-json', severity: 'error', message: `not valid JSON: ${message}`, fix: FIX, location: { file, ...place } }],
    };
  }
  const parsed = planSchema.safeParse(json);
  if (!parsed.success) {
    const locate = locator(text);
    return {
      ok: false,
      diagnostics: parsed.error.issues.map((issue) => {
        const path = issue.path as PropertyKey[];
        const missing = issue.code === 'invalid_type' && valueAt(json, path) === undefined;
        const message = missing
          ? `${jsonPath(path.slice(0, -1))}: missing the key \`${String(path[path.length - 1])}\``
          : `${jsonPath(path)}: ${issue.message}`;
        return {
          code: 'plan/invalid',
          severity: 'error',
          message,
          fix: FIX,
          location: { file, ...locate(missing ? path.slice(0, -1) : path), path: jsonPath(path) },
        };
      }),
    };
  }
  const problems = stepProblems(parsed.data);
  if (problems.length) {
    const locate = locator(text);
    return {
      ok: false,
      diagnostics: problems.map(({ path, message, fix }) => ({
        code: 'plan/invalid',
        severity: 'error',
        message: `${jsonPath(path)}: ${message}`,
        fix,
        location: { file, ...locate(path), path: jsonPath(path) },
      })),
    };
  }
  return { ok: true, plan: parsed.data };
}

/** What the shape allows but a run cannot do: two steps with one id (progress is kept by id), a step with nothing to run. */
function stepProblems(plan: RunnablePlan): { path: PropertyKey[]; message: string; fix: string }[] {
  const seen = new Map<string, number>();
  return plan.steps.flatMap((step, i) => {
    const out: { path: PropertyKey[]; message: string; fix: string }[] = [];
    const first = seen.get(step.id);
    if (first !== undefined)
      out.push({
        path: ['steps', i, 'id'],
        message: `the id "${step.id}" is also steps[${first}]'s`,
        fix: 'give every step its own id: apply records progress by it',
      });
    else seen.set(step.id, i);
    if (!step.sql.length && !step.batch)
      out.push({ path: ['steps', i], message: 'the step has no statement and no batch', fix: 'give it `sql` statements or a `batch`, or remove it' });
    return out;
  });
}

const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined), root);

function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/**
 * The line and column of a JSON path. JSON.parse keeps no positions; the YAML parser (JSON is YAML)
 * does, and reads a file JSON.parse accepted.
 */
function locator(text: string): (path: readonly PropertyKey[]) => { line: number; column: number } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  return (path) => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth) as (string | number)[], true);
      if (isNode(node) && node.range) {
        const { line, col } = lines.linePos(node.range[0]);
        return { line, column: col };
      }
    }
    return { line: 1, column: 1 };
  };
}
