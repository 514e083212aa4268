import { existsSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface IntrospectFlags {
  out?: string;
  force?: boolean;
  json?: boolean;
  schema?: string[];
  connectTimeout: string;
}

export function registerIntrospect(program: Command, context: CommandContext): void {
  program
    .command('introspect')
    .description(
      'read an existing database (a live server, read-only) or a SQL file such as a pg_dump into the model: tables, keys, indexes, statistics, and everything else kept as native objects',
    )
    // api/introspect's introspectSchemes(), written out: importing it would load every engine's driver
    // at the CLI's start, for any command. test/cli-startup.test.ts keeps the two equal.
    .argument('<target>', 'a connection URL (postgres://…, postgresql://…, mysql://…, mariadb://…) or a .sql file')
    .option('-o, --out <spec.yaml>', 'write the schema as a spec YAML that `dbarchitect design` accepts; what the spec cannot say is listed in its comments')
    .option('--force', 'with -o: replace the file if it exists')
    .option('--json', 'print the introspection as JSON on stdout')
    .option('--schema <name...>', 'read only these database schemas (default: every schema that is not the system’s)')
    .option('--connect-timeout <seconds>', 'give up on a server that does not answer after this long', '10')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect introspect postgres://me@localhost/shop\n  $ dbarchitect introspect schema.sql --json > shop.json\n  $ dbarchitect introspect postgresql://me@db/shop --schema public billing',
    )
    .action(async (target: string, flags: IntrospectFlags) => {
      const terminal = context.terminal();
      if (flags.out !== undefined && !flags.force && existsSync(flags.out)) {
        terminal.error(`-o ${flags.out}: the file exists; give another name, or --force to replace it`);
        return context.exit(EXIT.badInput);
      }
      const seconds = Number(flags.connectTimeout);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        terminal.error(`--connect-timeout must be a positive number of seconds, not \`${flags.connectTimeout}\``);
        return context.exit(EXIT.badInput);
      }
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { introspect } = await import('../../api/introspect.js');
      const result = await introspect(target, { ...(flags.schema?.length ? { namespaces: flags.schema } : {}), connectTimeoutMs: seconds * 1000 });
      if (!result.ok) {
        if (result.diagnostic) terminal.diagnostics([result.diagnostic]);
        else terminal.error(result.message);
        return context.exit(result.failure === 'input' ? EXIT.badInput : EXIT.engine);
      }
      if (flags.out !== undefined) {
        const { writeSpec } = await import('../../writers/spec/index.js');
        const spec = writeSpec(result.introspection);
        try {
          writeFileSync(flags.out, spec.text);
        } catch (error) {
          terminal.error(`-o ${flags.out}: cannot write the spec: ${(error as Error).message}`);
          return context.exit(EXIT.badInput);
        }
        terminal.info(
          `wrote ${flags.out}: ${result.introspection.schema.tables.length} tables as entities; ${spec.notes.length} things the spec cannot say and ${spec.differences.length} differences from the source, listed at its top`,
        );
        if (!flags.json) return context.exit(EXIT.ok);
      }
      const { renderIntrospectionSummary } = await import('../../writers/introspection-summary.js');
      terminal.output(flags.json ? `${JSON.stringify(result.introspection, null, 2)}\n` : renderIntrospectionSummary(result.introspection));
      return context.exit(EXIT.ok);
    });
}
