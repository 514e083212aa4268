import { z } from 'zod';
import { diff } from '../../api/diff.js';
import { getDialect } from '../../dialects/registry.js';
import { planMarkdown } from '../../writers/plan/markdown.js';
import { isDiagnostic, readFailure } from '../inputs.js';
import { renamesField, sidesFields, withSides } from '../sides.js';
import { defineTool, failure, inputProblem } from '../tool.js';

const validationRun = z.object({
  reached: z.boolean().describe('the run reached the schema it aims at (the diff after it is empty)'),
  residual: z.array(z.record(z.string(), z.unknown())).describe('what still differs after the run'),
  failure: z.object({ step: z.string(), statement: z.string(), message: z.string() }).optional(),
});

/**
 * `dbarchitect diff`'s plan: prepared and tested on a scratch copy, returned, never applied. The
 * person applies it with `dbarchitect apply` (the prepare-then-confirm shape of database MCP servers).
 */
export const planMigrationTool = defineTool({
  name: 'plan_migration',
  title: 'Plan a zero-downtime migration',
  description:
    "Plan the migration from one schema to another (each a spec, a SQL file or a live database, read only) in expand → migrate → contract steps in the safe forms (NOT VALID then VALIDATE, CREATE INDEX CONCURRENTLY, dual-write columns with batched backfills, a view for a renamed table): each step's SQL, the lock it takes and what that blocks, its work, estimated duration from the table's size, risk, hazards and reverse. The plan and its reverse are run on a scratch copy of the source on embedded PostgreSQL and checked to reach the target and come back. Nothing is applied: save `planJson` as plan.json and run `dbarchitect apply plan.json --db <url>` (a dry run), then with `--apply`.",
  input: {
    ...sidesFields,
    renames: renamesField,
    batchRows: z.number().int().positive().optional().describe('rows per backfill batch (default 10000)'),
    validate: z
      .boolean()
      .optional()
      .describe('run the plan and its reverse on a scratch copy of the source (embedded PostgreSQL) and diff the results; default true'),
    lockTimeoutMs: z.number().int().positive().optional().describe('lock_timeout of each step in the SQL script (default 2000)'),
    statementTimeoutMs: z.number().int().positive().optional().describe('statement_timeout of each step in the SQL script (default 600000)'),
  },
  output: {
    steps: z.array(
      z.object({
        id: z.string(),
        phase: z.enum(['expand', 'migrate', 'contract']),
        title: z.string(),
        sql: z.array(z.string()),
        lock: z.string().describe('the strongest lock its statements take, and what it blocks'),
        risk: z.enum(['low', 'medium', 'high']),
        estimatedSeconds: z.number().nullable(),
        hazards: z.array(z.string()),
        dataLoss: z.string().optional(),
        reversible: z.boolean(),
      }),
    ),
    dataLoss: z.boolean().describe('some step loses data: `apply` runs it only with --allow-data-loss'),
    validation: z
      .object({
        engine: z.string(),
        forward: validationRun,
        reverse: validationRun.extend({ irreversible: z.array(z.string()) }).optional(),
        notes: z.array(z.string()),
      })
      .optional()
      .describe('the plan run on a scratch copy of the source, and its reverse'),
    script: z.string().describe('the statements in order with their timeouts, as `diff --format sql` prints them'),
    markdown: z.string().describe('the plan for people, as `diff` prints it'),
    planJson: z.string().describe('plan.json, the file `dbarchitect apply` runs'),
    apply: z.string().describe('how a person applies it; no tool does'),
  },
  async run(args, context) {
    context.progress(
      args.validate === false ? 'reading both schemas and planning' : 'reading both schemas, planning, then checking the plan on a scratch copy',
    );
    const outcome = await withSides(args, context, (from, to) =>
      diff(from, to, {
        renames: args.renames ?? [],
        validate: args.validate !== false,
        ...(args.batchRows !== undefined ? { batchRows: args.batchRows } : {}),
      }),
    );
    if (isDiagnostic(outcome)) return failure([outcome]);
    if (!outcome.ok)
      return failure(
        [
          outcome.failure === 'input' && !outcome.diagnostic && outcome.message.startsWith('--rename')
            ? inputProblem('input/rename', outcome.message, 'write renames as old=new')
            : readFailure(outcome),
        ],
        'nothing planned',
      );
    const { plan, validation } = outcome;
    const migration = getDialect(plan.dialect)!.migration!;
    const order = ['nothing', 'schema changes', 'writes', 'reads and writes'];
    const failed =
      validation && (!validation.forward.reached || (validation.reverse && !validation.reverse.reached && !validation.reverse.irreversible.length));
    return {
      ok: true,
      summary:
        `${plan.from.location} → ${plan.to.location}: ${plan.changes.length} changes in ${plan.steps.length} steps` +
        (plan.steps.some((s) => s.risk === 'high')
          ? `, high risk: ${plan.steps
              .filter((s) => s.risk === 'high')
              .map((s) => s.id)
              .join(', ')}`
          : '') +
        (plan.dataLoss ? '; some steps lose data' : '') +
        (validation
          ? failed
            ? '; the plan did NOT check out on the scratch copy (a bug in the planner: see validation)'
            : `; checked on a scratch copy (${validation.engine})`
          : '; not checked') +
        '. Nothing was applied.',
      result: {
        steps: plan.steps.map((s) => {
          const worst = s.locks.reduce<(typeof s.locks)[number] | undefined>(
            (a, b) => (!a || order.indexOf(b.blocks) > order.indexOf(a.blocks) ? b : a),
            undefined,
          );
          return {
            id: s.id,
            phase: s.phase,
            title: s.title,
            sql: [...s.sql, ...(s.batch ? [s.batch.sql] : [])],
            lock: worst ? `${worst.mode} on ${worst.relation} (blocks ${worst.blocks})` : 'none beyond row locks',
            risk: s.risk,
            estimatedSeconds: s.estimate?.seconds ?? null,
            hazards: [...s.hazards],
            ...(s.dataLoss ? { dataLoss: s.dataLoss } : {}),
            reversible: !('irreversible' in s.reverse),
          };
        }),
        dataLoss: plan.dataLoss,
        ...(validation ? { validation: validation as never } : {}),
        script: migration.script(plan.steps, { lockMs: args.lockTimeoutMs ?? 2000, statementMs: args.statementTimeoutMs ?? 600_000 }),
        markdown: planMarkdown(plan, validation),
        planJson: `${JSON.stringify({ ...plan, ...(validation ? { validation } : {}) }, null, 2)}\n`,
        apply: `save planJson as plan.json, then: dbarchitect apply plan.json --db <url> (prints what would run, runs nothing), and dbarchitect apply plan.json --db <url> --apply${plan.dataLoss ? ' --allow-data-loss' : ''}`,
      },
    };
  },
});
