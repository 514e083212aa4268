import { Command, CommanderError } from 'commander';
import { TOOL_VERSION } from '../version.js';
import { registerAdvise } from './commands/advise.js';
import { registerApply } from './commands/apply.js';
import { registerAudit } from './commands/audit.js';
import { registerCheck } from './commands/check.js';
import { registerDesign } from './commands/design.js';
import { registerDiff } from './commands/diff.js';
import { registerLint } from './commands/lint.js';
import { registerMcp } from './commands/mcp.js';
import { registerNormalize } from './commands/normalize.js';
import { registerIntrospect } from './commands/introspect.js';
import { registerSwitchEngine } from './commands/switch-engine.js';
import { registerVerify } from './commands/verify.js';
import type { CommandContext } from './context.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import { Terminal } from './terminal.js';

/** Runs the CLI on an argument list and resolves to the exit code; never throws. */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command('dbarchitect')
    .description(
      'Turns a requirements spec into a verified database design, with evidence for every decision; reads, audits and normalizes existing databases and lints their migrations.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .option('-q, --quiet', 'print only problems')
    .option('--no-color', 'never colour the output')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExamples:\n  $ dbarchitect design examples/saas-shop.yaml\n  $ dbarchitect verify examples/saas-shop.yaml\n  $ dbarchitect check examples/saas-shop.yaml --format json\n  $ dbarchitect introspect postgres://me@localhost/shop -o shop.yaml\n  $ dbarchitect audit schema.sql --format sarif > audit.sarif\n  $ dbarchitect lint migrations/0042_add_index.sql --db postgres://me@localhost/shop',
  );

  const context: CommandContext = {
    terminal: () => {
      const flags = program.opts<{ quiet?: boolean; color: boolean }>();
      return new Terminal(flags.quiet === true, flags.color);
    },
    exit: (code) => {
      exitCode = code;
    },
  };
  registerDesign(program, context);
  registerVerify(program, context);
  registerCheck(program, context);
  registerAudit(program, context);
  registerLint(program, context);
  registerDiff(program, context);
  registerIntrospect(program, context);
  registerNormalize(program, context);
  registerApply(program, context);
  registerSwitchEngine(program, context);
  registerMcp(program, context);
  registerAdvise(program, context);
  for (const command of program.commands) command.exitOverride();

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    }
    const terminal = new Terminal(false, false);
    terminal.error(`internal error: ${(error as Error)?.message ?? String(error)}. This is a bug in dbarchitect; please report it with the command you ran.`);
    if (process.env.DBARCHITECT_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return EXIT.engine;
  }
}
