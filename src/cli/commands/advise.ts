import type { Command } from 'commander';
import { parseBytes } from '../../spec/quantities.js';
import { redactSecrets, redactUrl } from '../../engines/redact.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface AdviseFlags {
  workload?: string;
  statStatements?: boolean;
  log?: string;
  budget?: string;
  maxIndexes?: string;
  minImprovement: string;
  exact?: boolean;
  rows?: string;
  schema?: string[];
  format: string;
}

export function registerAdvise(program: Command, context: CommandContext): void {
  program
    .command('advise')
    .description(
      'index advice from a workload: the best indexes within a storage budget, what each query costs before and after, and the indexes worth dropping; read-only (hypothetical indexes on a server, builds rolled back on PGlite)',
    )
    .argument('<target>', 'a postgres:// URL (needs hypopg), a SQL schema file (.sql) or a spec (.yaml)')
    .option('--workload <file>', 'the queries, one statement each, `-- rate: 40/s` above a statement (default 1/s)')
    .option('--stat-statements', "the server's pg_stat_statements (the default for a URL)")
    .option('--log <file>', 'a PostgreSQL log (stderr or csvlog) written with log_min_duration_statement')
    .option('--budget <size>', 'storage the new indexes may take together, e.g. 2GB or 500MB (default: no limit)')
    .option('--max-indexes <n>', 'at most this many new indexes')
    .option('--min-improvement <percent>', 'an index must lower the workload cost by this much to be recommended', '1%')
    .option('--exact', 'search exactly over per-query option tables instead of greedy with swaps (more what-if calls)')
    .option('--rows <n>', 'rows to seed each table with when a SQL file leaves them empty, or the largest table of a spec')
    .option('--schema <name...>', 'advise on these database schemas only')
    .option('--format <format>', 'text or json', 'text')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect advise postgres://me@localhost/shop --budget 2GB\n  $ dbarchitect advise schema.sql --workload queries.sql --format json\n  $ dbarchitect advise examples/saas-shop.yaml --max-indexes 5\n  $ dbarchitect advise postgres://me@localhost/shop --log /var/log/postgresql/postgresql-15-main.log',
    )
    .action(async (target: string, flags: AdviseFlags) => {
      const terminal = context.terminal();
      const bad = (message: string) => {
        terminal.error(message);
        context.exit(EXIT.badInput);
      };
      if (!['text', 'json'].includes(flags.format)) return bad(`unknown --format \`${flags.format}\`; use text or json`);
      const sources = [flags.workload !== undefined, flags.statStatements === true, flags.log !== undefined].filter(Boolean).length;
      if (sources > 1) return bad('give one workload: --workload FILE, --stat-statements or --log FILE');
      const budget = flags.budget !== undefined ? parseBytes(flags.budget) : undefined;
      if (flags.budget !== undefined && budget === undefined) return bad(`--budget must be a size such as 2GB, 500MB or 1048576, not \`${flags.budget}\``);
      const maxIndexes = flags.maxIndexes !== undefined ? Number(flags.maxIndexes) : undefined;
      if (maxIndexes !== undefined && !(Number.isInteger(maxIndexes) && maxIndexes >= 0))
        return bad(`--max-indexes must be a whole number, not \`${flags.maxIndexes}\``);
      const share = /^(\d+(?:\.\d+)?)\s*%$/.exec(flags.minImprovement.trim());
      if (!share) return bad(`--min-improvement must be a percentage such as 1% or 0.5%, not \`${flags.minImprovement}\``);
      const rows = flags.rows !== undefined ? Number(flags.rows) : undefined;
      if (rows !== undefined && !(Number.isInteger(rows) && rows > 0)) return bad(`--rows must be a positive whole number, not \`${flags.rows}\``);

      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { advise } = await import('../../api/advise.js');
      const { adviceJson, renderAdviceText } = await import('../../existing/advise/report.js');
      const started = performance.now();
      const result = await advise(target, {
        ...(flags.workload !== undefined ? { workload: { kind: 'file', path: flags.workload } } : {}),
        ...(flags.statStatements ? { workload: { kind: 'stat-statements' } } : {}),
        ...(flags.log !== undefined ? { workload: { kind: 'log', path: flags.log } } : {}),
        ...(budget !== undefined ? { budgetBytes: budget } : {}),
        ...(maxIndexes !== undefined ? { maxIndexes } : {}),
        ...(rows !== undefined ? { rows } : {}),
        ...(flags.schema?.length ? { namespaces: flags.schema } : {}),
        minImprovementShare: Number(share[1]) / 100,
        search: flags.exact ? 'exact' : 'greedy',
        onProgress: (line) => terminal.info(`advise: ${redactSecrets(line, target)} (${((performance.now() - started) / 1000).toFixed(1)} s)`),
      });
      if (!result.ok) {
        terminal.diagnostics(result.diagnostics);
        terminal.error(result.message);
        return context.exit(result.failure === 'input' ? EXIT.badInput : EXIT.engine);
      }
      terminal.diagnostics(result.diagnostics);
      const about = { target: result.target, engine: result.engine, data: result.data };
      if (flags.format === 'json') terminal.output(`${JSON.stringify(adviceJson(result.advice, result.workload, about), null, 2)}\n`);
      else terminal.output(renderAdviceText(result.advice, result.workload, about));
      terminal.info(
        `advised on ${redactUrl(target)}: ${result.advice.recommendations.length} to create, ${result.advice.drops.length} to drop, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      return context.exit(EXIT.ok);
    });
}
