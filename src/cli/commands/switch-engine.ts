import type { Command } from 'commander';
import { redactUrl } from '../../engines/redact.js';
import { describeMismatch, type TableValidation } from '../../transfer/validate.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { summarizeFiles } from '../terminal.js';

interface SwitchFlags {
  to: string;
  out?: string;
  force?: boolean;
  apply?: boolean;
  validate?: boolean;
  batchRows: string;
}

/** The per-table validation as a fixed-width table: rows on each side, the checksum's first 16 hex digits, equal or not. */
export function renderValidationTable(validations: readonly TableValidation[]): string {
  const rows = validations.map((v) => [
    v.table,
    String(v.sourceRows),
    String(v.targetRows),
    v.sourceChecksum.slice(0, 16),
    v.targetChecksum.slice(0, 16),
    v.equal ? 'equal' : 'DIFFERS',
  ]);
  const header = ['table', 'source rows', 'target rows', 'source sha256', 'target sha256', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const mismatches = validations.filter((v) => !v.equal).map(describeMismatch);
  return [line(header), ...rows.map(line), ...mismatches.map((m) => `\n${m}`)].join('\n') + '\n';
}

export function registerSwitchEngine(program: Command, context: CommandContext): void {
  program
    .command('switch-engine')
    .description(
      'move a MySQL/MariaDB database to PostgreSQL: the mapped schema (each mapping stated), the cutover plan with change capture and rollback, and with --apply the copy in key batches, validated by counts and checksums',
    )
    .argument('<mysql-url>', 'the source: mysql://user@host:3306/database or mariadb://… (read only)')
    .requiredOption('--to <postgres-url>', 'the target: postgres://user@host/database')
    .option('-o, --out <dir>', 'output folder (default: ./<database>-switch)')
    .option('--force', 'overwrite files in the output folder that dbarchitect did not write or that were changed')
    .option('--apply', 'create the schema on the target (which must not have these tables), copy the rows and validate them')
    .option('--validate', 'only compare: counts and checksums of every table already copied')
    .option('--batch-rows <n>', 'rows per copy and checksum batch', '5000')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect switch-engine mariadb://me@db/shop --to postgres://me@pg/shop\n  $ dbarchitect switch-engine mysql://me@db/shop --to postgres://me@pg/shop --apply --batch-rows 10000',
    )
    .action(async (from: string, flags: SwitchFlags) => {
      const terminal = context.terminal();
      const batchRows = Number(flags.batchRows);
      if (!Number.isSafeInteger(batchRows) || batchRows < 1) {
        terminal.error(`--batch-rows must be a whole number of rows, 1 or more, not \`${flags.batchRows}\``);
        return context.exit(EXIT.badInput);
      }
      if (flags.apply && flags.validate) {
        terminal.error('--apply already validates: give --apply or --validate, not both');
        return context.exit(EXIT.badInput);
      }
      let database = '';
      try {
        database = decodeURIComponent(new URL(from).pathname.replace(/^\//, ''));
      } catch {
        terminal.error(`${redactUrl(from)}: not a URL; give one such as mysql://user@host:3306/database`);
        return context.exit(EXIT.badInput);
      }
      const out = flags.out ?? `${database || 'mysql'}-switch`;
      // Loaded when the command runs, so other commands do not pay for the engines (test/cli-startup.test.ts).
      const { switchEngine } = await import('../../api/switch-engine.js');
      const result = await switchEngine(from, flags.to, {
        out,
        batchRows,
        ...(flags.force ? { force: true } : {}),
        ...(flags.apply ? { apply: true } : {}),
        ...(flags.validate ? { validateOnly: true } : {}),
        onProgress: (p) =>
          terminal.info(`${p.table}: batch ${p.batch}, ${p.copied}${p.estimate !== null ? ` of about ${Math.max(p.estimate, p.copied)}` : ''} rows copied`),
      });
      const report = result.ok ? result : result.report;
      if (report) {
        terminal.info(`wrote ${out}: ${summarizeFiles(report.written)}`);
        const errors = report.mapping.diagnostics.filter((d) => d.severity !== 'info');
        if (errors.length) terminal.diagnostics(errors);
        if (report.targetDiagnostics?.length) terminal.diagnostics(report.targetDiagnostics);
        terminal.info(
          `${report.mapping.transfer.tables.length} tables, ${report.mapping.mappings.length} stated mappings; writes stop for about ${report.plan.writeFreeze.seconds} s at the write switch (cutover-plan.md)`,
        );
        for (const identity of report.identities ?? []) terminal.info(`${identity.table}.${identity.column}: the identity restarts at ${identity.next}`);
        if (report.validations) terminal.output(renderValidationTable(report.validations));
      }
      if (!result.ok) {
        if (result.diagnostics?.length && !report) terminal.diagnostics(result.diagnostics);
        terminal.error(result.message);
        return context.exit(result.failure === 'input' ? EXIT.badInput : result.failure === 'engine' ? EXIT.engine : EXIT.findings);
      }
      return context.exit(EXIT.ok);
    });
}
