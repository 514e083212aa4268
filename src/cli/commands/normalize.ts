import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { DependencyDiscovery } from '../../api/dependencies.js';
import { redactSecrets } from '../../engines/redact.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface NormalizeFlags {
  sample: string;
  maxLhs: string;
  table?: string[];
  out?: string;
  force?: boolean;
}

/**
 * api/dependencies' DEFAULT_SAMPLE_ROWS, written out: importing it would load the sampler and every
 * engine's driver at the CLI's start, for any command. test/cli-startup.test.ts keeps the two equal.
 */
const DEFAULT_SAMPLE_ROWS = 10_000;

const positiveInteger = (text: string): number | undefined => (/^[1-9][0-9]*$/.test(text) ? Number(text) : undefined);

export function registerNormalize(program: Command, context: CommandContext): void {
  program
    .command('normalize')
    .description(
      'find the functional dependencies that hold on a sample of each table of an existing PostgreSQL database (or a SQL file with its data) and report 2NF, 3NF and BCNF violations with the decomposition that removes each, as spec YAML',
    )
    .argument('<target>', 'a postgres:// URL (read only) or a .sql file with its rows (loaded into embedded PostgreSQL)')
    .option('--sample <rows>', 'rows sampled per table', String(DEFAULT_SAMPLE_ROWS))
    .option('--max-lhs <columns>', 'the widest determinant searched, in columns', '3')
    .option('--table <name...>', 'only these tables (default: every table in the public schema)')
    .option('-o, --out <report.md>', 'write the report to a file instead of stdout')
    .option('--force', 'with -o: replace the file if it exists')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect normalize dump-with-data.sql\n  $ dbarchitect normalize postgres://me@localhost/shop --table orders --sample 50000',
    )
    .action(async (target: string, flags: NormalizeFlags) => {
      const terminal = context.terminal();
      const sampleRows = positiveInteger(flags.sample);
      const maxLhs = positiveInteger(flags.maxLhs);
      if (sampleRows === undefined || sampleRows < 2) {
        terminal.error(`--sample must be a whole number of rows, at least 2, not \`${flags.sample}\``);
        return context.exit(EXIT.badInput);
      }
      if (maxLhs === undefined || maxLhs > 6) {
        terminal.error(`--max-lhs must be a whole number of columns from 1 to 6, not \`${flags.maxLhs}\``);
        return context.exit(EXIT.badInput);
      }
      if (/^(mysql|mariadb):\/\//i.test(target)) {
        // The sampling statements come from a full dialect; MySQL/MariaDB can be read but not yet sampled.
        terminal.error('normalize samples PostgreSQL databases and SQL files only, for now; dump the rows to a .sql file, or audit the MySQL database instead');
        return context.exit(EXIT.badInput);
      }
      if (flags.out !== undefined && !flags.force && existsSync(flags.out)) {
        terminal.error(`-o ${flags.out}: the file exists; give another name, or --force to replace it`);
        return context.exit(EXIT.badInput);
      }
      let discovery: DependencyDiscovery | undefined;
      let skipped: string[] = [];
      terminal.info(`reading ${target.includes('://') ? 'the database' : target} and sampling up to ${sampleRows} rows per table…`);
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { introspectAndUse } = await import('../../api/introspect.js');
      const { discoverDependencies } = await import('../../api/dependencies.js');
      const read = await introspectAndUse(target, {}, async (engine, introspection) => {
        // Sampling names tables bare, so it reads the default schema's; the others are listed, not guessed at.
        const inPublic = introspection.schema.tables.filter((t) => t.namespace === undefined).map((t) => t.name);
        skipped = introspection.schema.tables.filter((t) => t.namespace !== undefined).map((t) => `${t.namespace}.${t.name}`);
        const unknown = (flags.table ?? []).filter((name) => !inPublic.includes(name));
        if (unknown.length) throw new UnknownTables(unknown, inPublic);
        discovery = await discoverDependencies(engine, introspection.schema, { sampleRows, maxLhs, tables: flags.table?.length ? flags.table : inPublic });
      });
      if (!read.ok) {
        if (read.diagnostic) terminal.diagnostics([read.diagnostic]);
        else terminal.error(read.message);
        const unknownTables = /no table named/.test(read.message);
        return context.exit(read.failure === 'input' || unknownTables ? EXIT.badInput : EXIT.engine);
      }
      const report = `${discovery!.markdown}${skipped.length ? `\nNot sampled (outside the public schema): ${skipped.join(', ')}.\n` : ''}`;
      if (flags.out !== undefined) {
        try {
          writeFileSync(flags.out, report);
        } catch (error) {
          terminal.error(`-o ${flags.out}: cannot write the report: ${redactSecrets((error as Error).message, target)}`);
          return context.exit(EXIT.badInput);
        }
        terminal.info(`wrote ${flags.out}`);
      } else terminal.output(report);
      const violations = discovery!.results.reduce((n, r) => n + r.analysis.findings.length, 0);
      const tables = discovery!.results.length;
      terminal.info(
        `${tables} ${tables === 1 ? 'table' : 'tables'} sampled; ${violations} ${violations === 1 ? 'dependency breaks' : 'dependencies break'} a normal form`,
      );
      return context.exit(EXIT.ok);
    });
}

class UnknownTables extends Error {
  constructor(names: readonly string[], known: readonly string[]) {
    super(`no table named ${names.join(', ')} in the public schema; the tables are: ${known.join(', ') || 'none'}`);
  }
}
