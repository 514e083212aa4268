import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { parseDuration } from '../../spec/quantities.js';
import { redactUrl } from '../../engines/redact.js';

interface DiffFlags {
  format: string;
  rename?: string[];
  out?: string;
  force?: boolean;
  validate: boolean;
  validateDb?: string;
  batchRows: string;
  lockTimeout: string;
  statementTimeout: string;
}

const FORMATS = ['text', 'json', 'sql'] as const;

/** `2s`, `500ms`, `10m` → milliseconds (the spec's duration syntax); undefined when it is not a positive duration. */
function durationMs(text: string): number | undefined {
  const parsed = parseDuration(text);
  return parsed.ok && parsed.value.seconds > 0 ? Math.round(parsed.value.seconds * 1000) : undefined;
}

export function registerDiff(program: Command, context: CommandContext): void {
  program
    .command('diff')
    .description(
      'compare two schemas (specs, SQL files or live databases, read only) and plan the migration between them in expand, migrate and contract steps, each with its lock, duration, risk and reverse; the plan is checked on a copy',
    )
    .argument('<from>', 'the schema as it is: a spec (.yaml), a .sql file or a connection URL')
    .argument('<to>', 'the schema as it should be, in any of the same forms')
    .option('--format <format>', 'text (the plan for people), json (plan.json, what `apply` runs) or sql (the statements in order; nothing when equal)', 'text')
    .option('--rename <old=new...>', 'confirm a rename instead of a drop and an add: orders=purchases, orders.total=orders.amount')
    .option('-o, --out <plan.json>', 'also write plan.json for `dbarchitect apply`')
    .option('--force', 'with -o: replace the file if it exists')
    .option('--no-validate', 'skip applying the plan and its reverse to a copy of the source on embedded PostgreSQL')
    .option(
      '--validate-db <url>',
      "check the plan on this server instead, in a scratch database created and dropped there (PostgreSQL: needs CREATEDB; MySQL/MariaDB plans use the source's own server when this is left out)",
    )
    .option('--batch-rows <n>', 'rows per backfill batch', '10000')
    .option('--lock-timeout <duration>', 'lock_timeout of each step in the sql output', '2s')
    .option('--statement-timeout <duration>', 'statement_timeout of each step in the sql output', '10m')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect diff postgres://me@db/shop spec.yaml\n  $ dbarchitect diff old.sql new.sql --rename orders.total=orders.amount\n  $ dbarchitect diff postgres://me@db/shop spec.yaml -o plan.json --format sql > migration.sql',
    )
    .action(async (from: string, to: string, flags: DiffFlags) => {
      const terminal = context.terminal();
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        terminal.error(`unknown --format \`${flags.format}\`; use ${FORMATS.join(', ')}`);
        return context.exit(EXIT.badInput);
      }
      const batchRows = Number(flags.batchRows);
      if (!Number.isInteger(batchRows) || batchRows <= 0) {
        terminal.error(`--batch-rows must be a positive whole number, not \`${flags.batchRows}\``);
        return context.exit(EXIT.badInput);
      }
      const lockMs = durationMs(flags.lockTimeout);
      const statementMs = durationMs(flags.statementTimeout);
      if (lockMs === undefined || statementMs === undefined) {
        terminal.error(`--lock-timeout and --statement-timeout take a duration such as 2s, 500ms or 10m`);
        return context.exit(EXIT.badInput);
      }
      if (flags.out !== undefined && !flags.force && existsSync(flags.out)) {
        terminal.error(`-o ${flags.out}: the file exists; give another name, or --force to replace it`);
        return context.exit(EXIT.badInput);
      }
      const [{ diff }, { planMarkdown }, { plannerFor }] = await Promise.all([
        import('../../api/diff.js'),
        import('../../writers/plan/markdown.js'),
        import('../../dialects/registry.js'),
      ]);
      if (flags.validateDb !== undefined && !/^(postgres(ql)?|mysql|mariadb):\/\//.test(flags.validateDb)) {
        terminal.error("--validate-db takes a server URL of the plan's engine (postgres://user@host/db, mysql://user@host/db)");
        return context.exit(EXIT.badInput);
      }
      if (flags.validate)
        terminal.info(
          `reading both schemas, planning, then checking the plan on a copy of the source (${flags.validateDb ? `a scratch database on ${redactUrl(flags.validateDb)}` : /^(mysql|mariadb):\/\//.test(from) ? `a scratch database on ${redactUrl(from)}` : 'embedded PostgreSQL'})…`,
        );
      const result = await diff(from, to, {
        renames: flags.rename ?? [],
        batchRows,
        validate: flags.validate,
        ...(flags.validateDb !== undefined ? { validateDb: flags.validateDb } : {}),
      });
      if (!result.ok) {
        if (result.diagnostic) terminal.diagnostics([result.diagnostic]);
        else terminal.error(result.message);
        return context.exit(result.failure === 'input' ? EXIT.badInput : EXIT.engine);
      }
      const { plan, validation } = result;
      const json = `${JSON.stringify({ ...plan, ...(validation ? { validation } : {}) }, null, 2)}\n`;
      if (flags.out !== undefined) {
        try {
          writeFileSync(flags.out, json);
        } catch (error) {
          terminal.error(`-o ${flags.out}: cannot write the plan: ${(error as Error).message}`);
          return context.exit(EXIT.badInput);
        }
        terminal.info(`wrote ${flags.out}: ${plan.steps.length} steps; run them with \`dbarchitect apply ${flags.out} --db <url>\``);
      }
      if (flags.format === 'json') terminal.output(json);
      else if (flags.format === 'sql') terminal.output(plannerFor(plan.dialect)!.migration.script(plan.steps, { lockMs, statementMs }));
      else terminal.output(`${planMarkdown(plan, validation)}\n`);
      if (validation && (!validation.forward.reached || (validation.reverse && !validation.reverse.reached && !validation.reverse.irreversible.length))) {
        terminal.error(
          'the plan did not check out on the copy of the source: ' +
            (validation.forward.failure
              ? `step ${validation.forward.failure.step} failed: ${validation.forward.failure.message}`
              : validation.forward.residual.length
                ? `${validation.forward.residual.length} differences remain after it (${validation.forward.residual.map((c: { kind: string }) => c.kind).join(', ')})`
                : `its reverse ${validation.reverse?.failure ? `failed at step ${validation.reverse.failure.step}: ${validation.reverse.failure.message}` : `left ${validation.reverse?.residual.length} differences`}`) +
            ". This is a bug in dbarchitect's planner; please report it with both schemas.",
        );
        return context.exit(EXIT.findings);
      }
      return context.exit(EXIT.ok);
    });
}
