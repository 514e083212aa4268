import { setFlagsFromString } from 'node:v8';
import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDiagnosticsSarif } from '../../diagnostics/render/sarif.js';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { exitForFindings, FAIL_ON_HELP, isFailOn } from '../fail-on.js';
import { renderLintJson, renderLintText } from './lint-output.js';

export function registerLint(program: Command, context: CommandContext): void {
  program
    .command('lint')
    .description('check hand-written SQL migrations for statements that lock, rewrite or break a live PostgreSQL database')
    .argument('<migration...>', 'the SQL files, linted one by one (each file is one migration)')
    .option(
      '--spec <spec>',
      "a spec whose volumes size the tables (a rewrite of a 10-row table is info, of a 200M-row one an error) and whose enums give the values' order",
    )
    .option('--db <url>', 'a database (postgres:// URL, read only, or a .sql file) whose statistics size the tables; wins over --spec')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--fail-on <severity>', FAIL_ON_HELP, 'warning')
    .addHelpText(
      'after',
      '\nIgnore a finding with a comment before the statement: -- dbarchitect-ignore <rule>[, <rule>] (or all).\n\nExamples:\n  $ dbarchitect lint migrations/*.sql\n  $ dbarchitect lint 0042_add_index.sql --spec spec.yaml --format sarif > lint.sarif',
    )
    .action(async (files: string[], options: { spec?: string; db?: string; format: string; failOn: string }) => {
      const terminal = context.terminal();
      if (!['text', 'json', 'sarif'].includes(options.format)) {
        terminal.error(`unknown --format \`${options.format}\`; use text, json or sarif`);
        context.exit(EXIT.badInput);
        return;
      }
      if (!isFailOn(options.failOn)) {
        terminal.error(`--fail-on must be warning, error or never, not \`${options.failOn}\``);
        context.exit(EXIT.badInput);
        return;
      }
      if (!options.db) baselineWasmOnly();
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { lintFiles } = await import('../../api/lint.js');
      const result = await lintFiles(files, { ...(options.spec ? { spec: options.spec } : {}), ...(options.db ? { db: options.db } : {}) });
      if (result.engineFailure) {
        terminal.error(result.engineFailure);
        context.exit(EXIT.engine);
        return;
      }
      const diagnostics: Diagnostic[] = [...result.badInput, ...result.files.flatMap((f) => f.diagnostics)];
      if (options.format === 'json') terminal.output(renderLintJson(diagnostics));
      else if (options.format === 'sarif') terminal.output(renderDiagnosticsSarif(diagnostics, TOOL_VERSION));
      else {
        const shown = diagnostics.map((d) => renderLintText(d, d.location ? result.texts.get(d.location.file) : undefined, { color: terminal.color }));
        if (shown.length) terminal.output(`${shown.join('\n\n')}\n`);
        terminal.info(`${result.files.length} file${result.files.length === 1 ? '' : 's'} linted: ${summarizeDiagnostics(diagnostics)}`);
      }
      if (result.badInput.length) {
        if (options.format !== 'text')
          for (const d of result.badInput) terminal.error(`${d.location?.file}:${d.location?.line}:${d.location?.column}: ${d.message}`);
        context.exit(EXIT.badInput);
        return;
      }
      context.exit(exitForFindings(terminal, diagnostics, options.failOn));
    });
}

/**
 * Lint's WebAssembly work is libpg-query parsing each file once: V8's optimizing tier, which it
 * starts for the parser's hot functions while they run, costs more CPU than it saves in one parse
 * (the 10,000-statement bench file: first parse 1.2 s → 0.4 s wall, 0.5 s → 0.2 s CPU, on a loaded
 * 2-core machine). So the lint process keeps V8's baseline compiler (Liftoff) for WebAssembly, set
 * before the parser's module is compiled; not with `--db`, whose PGlite runs long enough to gain
 * from the optimizing tier. Only on V8 versions known to have the flag (Node 20 to 24), as an
 * unknown flag prints an error.
 */
function baselineWasmOnly(): void {
  const major = Number(process.versions.v8.split('.')[0]);
  if (major >= 11 && major <= 13) setFlagsFromString('--liftoff-only');
}
