import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDiagnosticsJson } from '../../diagnostics/render/json.js';
import { renderDiagnosticsSarif } from '../../diagnostics/render/sarif.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { redactSecrets, redactUrl } from '../../engines/redact.js';
import type { Introspection } from '../../model/introspection.js';
import { TOOL_VERSION } from '../../version.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { AUDIT_FAIL_ON_LEVELS, exitForFindings, isFailOn } from '../fail-on.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

/** `3 errors, 12 warnings, 4 infos`. */
function countBySeverity(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity'], word: string) => {
    const n = diagnostics.filter((d) => d.severity === s).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  return `${count('error', 'error')}, ${count('warning', 'warning')}, ${count('info', 'info')}`;
}

/** What was audited, and the statistics window the usage findings rest on. */
function statsWindow(introspection: Introspection): string {
  if (introspection.statsSince) return `usage statistics since ${introspection.statsSince}`;
  return introspection.source.kind === 'live'
    ? 'the database does not say since when it counts usage, so no index is reported unused'
    : 'no usage statistics (a file or a spec), so no index is reported unused';
}

export function registerAudit(program: Command, context: CommandContext): void {
  program
    .command('audit')
    .description('audit an existing database, a SQL schema file or a spec with the audit rules (docs/rules/audit.md); reads only, never writes')
    .argument('<target>', 'a connection URL (postgres://…, mysql://…), a SQL file (.sql) or a spec (.yaml)')
    .option('--format <format>', 'text, json or sarif', 'text')
    .option('--fail-on <severity>', 'exit 1 when a finding is at least this severe: info, warning, error or never', 'error')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect audit examples/saas-shop.yaml\n  $ dbarchitect audit schema.sql --format sarif > audit.sarif\n  $ dbarchitect audit postgres://me@localhost/shop --fail-on warning',
    )
    .action(async (target: string, flags: { format: string; failOn: string }) => {
      const terminal = context.terminal();
      const shown = redactUrl(target);
      if (!(FORMATS as readonly string[]).includes(flags.format)) {
        terminal.error(`unknown --format \`${flags.format}\`; use ${FORMATS.join(', ')}`);
        return context.exit(EXIT.badInput);
      }
      const failOn = flags.failOn;
      if (!isFailOn(failOn, AUDIT_FAIL_ON_LEVELS)) {
        terminal.error(`--fail-on must be ${AUDIT_FAIL_ON_LEVELS.join(', ')}, not \`${failOn}\``);
        return context.exit(EXIT.badInput);
      }
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { AuditInputError, AuditReadError, audit } = await import('../../api/audit.js');
      let result: Awaited<ReturnType<typeof audit>>;
      try {
        result = await audit(target);
      } catch (error) {
        if (error instanceof AuditInputError) {
          terminal.error(`${redactUrl(error.target)} is not a spec (.yaml), a SQL file (.sql) or a connection URL (postgres://…, mysql://…)`);
          return context.exit(EXIT.badInput);
        }
        if (error instanceof AuditReadError) {
          terminal.error(error.message);
          return context.exit(error.failure === 'input' ? EXIT.badInput : EXIT.engine);
        }
        terminal.error(`could not read ${shown}: ${redactSecrets((error as Error)?.message ?? String(error), target)}`);
        return context.exit(EXIT.engine);
      }
      if (!result.ok) {
        terminal.diagnostics(result.diagnostics);
        terminal.info(`${shown}: the spec has errors; nothing audited`);
        return context.exit(EXIT.badInput);
      }
      const { diagnostics, introspection } = result;
      if (flags.format === 'json') terminal.output(renderDiagnosticsJson(diagnostics));
      else if (flags.format === 'sarif') {
        const { auditRules } = await import('../../rules/audit/index.js');
        terminal.output(
          renderDiagnosticsSarif(
            diagnostics,
            TOOL_VERSION,
            auditRules.rules.map((r) => r.meta),
          ),
        );
      } else if (diagnostics.length) terminal.output(`${renderDiagnosticsText(diagnostics, { color: terminal.color })}\n`);
      terminal.info(
        `audited ${introspection.source.location} (${introspection.schema.tables.length} tables; ${statsWindow(introspection)}): ${countBySeverity(diagnostics)}`,
      );
      return context.exit(exitForFindings(terminal, diagnostics, failOn));
    });
}
