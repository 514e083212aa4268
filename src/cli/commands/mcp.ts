import type { Command } from 'commander';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';

export function registerMcp(program: Command, context: CommandContext): void {
  program
    .command('mcp')
    .description(
      'serve the tools (check_spec, design, verify, audit, diff, plan_migration, lint_migration, …) to an AI assistant over the Model Context Protocol on stdin/stdout; read-only: no tool changes a database',
    )
    .addHelpText('after', '\nConfiguration for an assistant: docs/mcp.md\n\nExample:\n  $ dbarchitect mcp')
    .action(async () => {
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { serveStdio } = await import('../../mcp/server.js');
      await serveStdio();
      context.exit(EXIT.ok);
    });
}
