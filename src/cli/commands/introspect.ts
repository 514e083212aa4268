import type { Command } from 'commander';
import { introspect, introspectSchemes } from '../../api/introspect.js';
import { renderIntrospectionSummary } from '../../writers/introspection-summary.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

interface IntrospectFlags {
  out?: string;
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
    .argument(
      '<target>',
      `a connection URL (${introspectSchemes()
        .map((s) => `${s}://…`)
        .join(', ')}) or a .sql file`,
    )
    .option('-o, --out <spec.yaml>', 'write the schema as a spec YAML (not in this build yet)')
    .option('--json', 'print the introspection as JSON on stdout')
    .option('--schema <name...>', 'read only these database schemas (default: every schema that is not the system’s)')
    .option('--connect-timeout <seconds>', 'give up on a server that does not answer after this long', '10')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect introspect postgres://me@localhost/shop\n  $ dbarchitect introspect schema.sql --json > shop.json\n  $ dbarchitect introspect postgresql://me@db/shop --schema public billing',
    )
    .action(async (target: string, flags: IntrospectFlags) => {
      const terminal = context.terminal();
      if (flags.out !== undefined) {
        terminal.error(
          `-o ${flags.out}: writing a spec YAML is not in this build yet (it comes with the round trip to a spec); use --json for the introspection as data`,
        );
        return context.exit(EXIT.badInput);
      }
      const seconds = Number(flags.connectTimeout);
      if (!Number.isFinite(seconds) || seconds <= 0) {
        terminal.error(`--connect-timeout must be a positive number of seconds, not \`${flags.connectTimeout}\``);
        return context.exit(EXIT.badInput);
      }
      const result = await introspect(target, { ...(flags.schema?.length ? { namespaces: flags.schema } : {}), connectTimeoutMs: seconds * 1000 });
      if (!result.ok) {
        if (result.diagnostic) terminal.diagnostics([result.diagnostic]);
        else terminal.error(result.message);
        return context.exit(result.failure === 'input' ? EXIT.badInput : EXIT.engine);
      }
      terminal.output(flags.json ? `${JSON.stringify(result.introspection, null, 2)}\n` : renderIntrospectionSummary(result.introspection));
      return context.exit(EXIT.ok);
    });
}
