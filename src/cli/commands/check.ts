import type { Command } from 'commander';
import { hasErrors } from '../../diagnostics/diagnostic.js';
import { renderDiagnosticsJson } from '../../diagnostics/render/json.js';
import { renderDiagnosticsSarif } from '../../diagnostics/render/sarif.js';
import { renderDiagnosticsText, summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { TOOL_VERSION } from '../../version.js';
import { EXIT } from '../exit-codes.js';
import type { CommandContext } from '../context.js';

export function registerCheck(program: Command, context: CommandContext): void {
  program
    .command('check')
    .description('validate a spec: YAML, structure, types, references and access-pattern SQL, all problems in one run')
    .argument('<spec>', 'the spec file (YAML)')
    .option('--format <format>', 'text, json or sarif', 'text')
    .addHelpText('after', '\nExamples:\n  $ dbarchitect check examples/saas-shop.yaml\n  $ dbarchitect check spec.yaml --format sarif > spec.sarif')
    .action(async (file: string, options: { format: string }) => {
      const terminal = context.terminal();
      if (!['text', 'json', 'sarif'].includes(options.format)) {
        terminal.error(`unknown --format \`${options.format}\`; use text, json or sarif`);
        context.exit(EXIT.badInput);
        return;
      }
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { loadSpecFile } = await import('../../spec/load-spec.js');
      const result = await loadSpecFile(file);
      const { diagnostics } = result;
      if (options.format === 'json') terminal.output(renderDiagnosticsJson(diagnostics));
      else if (options.format === 'sarif') terminal.output(renderDiagnosticsSarif(diagnostics, TOOL_VERSION));
      else {
        if (diagnostics.length) terminal.output(renderDiagnosticsText(diagnostics, { color: terminal.color }) + '\n');
        if (result.loaded) {
          const { spec, schema, patterns } = result.loaded;
          terminal.info(
            `${file}: ok: ${spec.entities.length} entities, ${schema.tables.length} tables, ${patterns.length} access patterns (${summarizeDiagnostics(diagnostics)})`,
          );
        } else {
          terminal.info(`${file}: ${summarizeDiagnostics(diagnostics)}`);
        }
      }
      context.exit(hasErrors(diagnostics) ? EXIT.badInput : EXIT.ok);
    });
}
