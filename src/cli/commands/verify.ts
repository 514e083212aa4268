import { formatCount } from '../../format.js';
import type { Command } from 'commander';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import type { Engine } from '../../engines/engine.js';
import { redactSecrets, redactUrl } from '../../engines/redact.js';
import type { VerifyProgress } from '../../verify/run-verify.js';
import type { VerifyReport } from '../../model/parts/verify-report.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { exitForFindings, FAIL_ON_HELP, isFailOn, type FailOn } from '../fail-on.js';
import { readAdrNumbers } from '../read-adr-numbers.js';
import { elapsed, summarizeFiles, type Terminal } from '../terminal.js';
import { DIALECT_HELP, resolveDialect } from '../dialect-flag.js';
import { DEFAULT_DIALECT } from '../../dialects/registry.js';

interface VerifyFlags {
  out?: string;
  force?: boolean;
  db?: string;
  rows?: string;
  scale?: string;
  seed: string;
  runs: string;
  failOn: string;
  sweep?: boolean;
  dialect: string;
}

export function registerVerify(program: Command, context: CommandContext): void {
  program
    .command('verify')
    .description(
      'design the spec, then prove it on a real engine: apply the DDL, seed data at scale, EXPLAIN ANALYZE every access pattern with and without the derived indexes',
    )
    .argument('<spec>', 'the spec file (YAML)')
    .option('-o, --out <dir>', 'output folder (default: ./<spec name>-design)')
    .option('--force', 'overwrite files in the output folder that dbarchitect did not write or that were changed since')
    .option('--db <url>', 'a PostgreSQL server (postgres://…) to verify on, in a new schema that is dropped afterwards; default: embedded PGlite')
    .option('--rows <n>', "rows in the largest table (default 200000); other tables keep the spec's ratios")
    .option('--scale <factor>', "multiply every table's spec rows by this factor instead of --rows")
    .option('--seed <n>', 'seed for the synthetic data: same seed, same data', '1')
    .option('--runs <n>', 'EXPLAIN ANALYZE runs per parameter set', '3')
    .option('--sweep', "also measure at three scales, fit how each pattern's latency grows and extrapolate to the spec's volume at its horizon")
    // error by default: a pattern the engine would not run fails the run (exit 1), the other patterns still measured
    .option('--dialect <name>', DIALECT_HELP, DEFAULT_DIALECT)
    .option('--fail-on <severity>', FAIL_ON_HELP, 'error')
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect verify examples/saas-shop.yaml\n  $ dbarchitect verify spec.yaml --rows 50000 --fail-on warning\n  $ dbarchitect verify spec.yaml --db postgres://me@localhost/scratch',
    )
    .action(async (file: string, flags: VerifyFlags) => {
      const terminal = context.terminal();
      const numbers = parseNumbers(flags, terminal);
      if (!numbers) return context.exit(EXIT.badInput);
      const target = resolveDialect(flags.dialect);
      if (!target.ok) {
        terminal.error(target.message);
        return context.exit(EXIT.badInput);
      }
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { loadSpecFile } = await import('../../spec/load-spec.js');
      const loaded = await loadSpecFile(file);
      if (!loaded.loaded) {
        terminal.diagnostics(loaded.diagnostics);
        terminal.info(`${file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing verified`);
        return context.exit(EXIT.badInput);
      }
      const folder = flags.out ?? `${loaded.loaded.spec.name}-design`;
      const adrNumbers = await readAdrNumbers(folder);
      if (!adrNumbers.ok) {
        terminal.diagnostics([adrNumbers.diagnostic]);
        return context.exit(EXIT.badInput);
      }

      const started = performance.now();
      let engine: Engine;
      try {
        terminal.info(flags.db ? `connecting to ${redactUrl(flags.db)}…` : 'starting embedded PostgreSQL (PGlite)…');
        engine = flags.db
          ? await (await import('../../engines/postgres.js')).connectPostgres(flags.db)
          : await (await import('../../engines/pglite.js')).startPglite();
      } catch (error) {
        terminal.error(flags.db ? redactSecrets((error as Error).message, flags.db) : `could not start PGlite: ${(error as Error).message}`);
        return context.exit(EXIT.engine);
      }
      try {
        const { verifySpec } = await import('../../api/verify.js');
        const { inScratchSchema } = await import('../../engines/scratch-schema.js');
        const { writeOutputFolder } = await import('../../api/output-folder.js');
        const work = () =>
          verifySpec(loaded.loaded!, loaded.diagnostics, engine, {
            ...numbers,
            dialect: target.dialect,
            sweep: flags.sweep === true,
            onProgress: progressPrinter(terminal, started),
            ...(adrNumbers.ledger ? { adrNumbers: adrNumbers.ledger } : {}),
          });
        const result = flags.db ? await inScratchSchema(engine, target.dialect, work) : await work();
        if (!result.ok) {
          terminal.diagnostics(result.diagnostics);
          return context.exit(EXIT.badInput);
        }
        printSummary(terminal, result.report);
        // The design's own warnings as well as verify's findings: the list design.json holds.
        terminal.diagnostics(result.diagnostics.filter((f) => f.severity !== 'info'));
        const written = await writeOutputFolder(folder, result.artifacts, flags.force === true);
        if (!written.ok) {
          terminal.diagnostics([written.diagnostic]);
          return context.exit(EXIT.badInput);
        }
        terminal.info(`wrote ${folder}/: ${summarizeFiles(written.written)} in ${elapsed(started)}`);
        return context.exit(exitForFindings(terminal, result.diagnostics, flags.failOn as FailOn));
      } catch (error) {
        const message = flags.db ? redactSecrets((error as Error).message, flags.db) : (error as Error).message;
        terminal.error(`verification failed on the engine: ${message}`);
        // The stack of a tool bug, for a bug report; a URL's secret never reaches it (the message was redacted above, the stack is not printed by default).
        if (process.env.DBARCHITECT_DEBUG && !flags.db) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
        return context.exit(EXIT.engine);
      } finally {
        await engine.close().catch(() => undefined);
      }
    });
}

function parseNumbers(flags: VerifyFlags, terminal: Terminal) {
  const positive = (name: string, value: string | undefined, integer: boolean) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
      terminal.error(`--${name} must be a positive ${integer ? 'integer' : 'number'}, not \`${value}\``);
      return null;
    }
    return n;
  };
  const rows = positive('rows', flags.rows, true);
  const scale = positive('scale', flags.scale, false);
  const seed = positive('seed', flags.seed, true);
  const runs = positive('runs', flags.runs, true);
  if (!isFailOn(flags.failOn)) {
    terminal.error(`--fail-on must be warning, error or never, not \`${flags.failOn}\``);
    return undefined;
  }
  if (rows === null || scale === null || seed === null || runs === null) return undefined;
  if (rows !== undefined && scale !== undefined) {
    terminal.error('give --rows or --scale, not both');
    return undefined;
  }
  return { ...(rows !== undefined ? { largestRows: rows } : {}), ...(scale !== undefined ? { scale } : {}), seed: seed ?? 1, runs: runs ?? 3 };
}

/** One line per step on stderr: counts and elapsed time, nothing with --quiet. */
function progressPrinter(terminal: Terminal, started: number) {
  return (event: VerifyProgress) => {
    const at = `[${elapsed(started)}]`;
    switch (event.phase) {
      case 'ddl':
        return terminal.info(`${at} applying the DDL without secondary indexes`);
      case 'seed':
        return terminal.info(`${at} seeded ${event.index}/${event.total} ${event.table}: ${formatCount(event.rows)} rows`);
      case 'analyze':
        return terminal.info(`${at} ${event.statement}`);
      case 'indexes':
        return terminal.info(`${at} creating ${event.count} indexes`);
      case 'explain':
        return terminal.info(`${at} ${event.withIndexes ? 'with' : 'without'} indexes ${event.index}/${event.total}: ${event.pattern}`);
    }
  };
}

function printSummary(terminal: Terminal, report: VerifyReport): void {
  terminal.info(`\n${report.engine}, ${formatCount(report.seed.totalRows)} rows seeded:`);
  for (const p of report.patterns) {
    const via = p.indexesUsed.length
      ? p.indexesUsed.join(', ')
      : p.seqScans.length
        ? `seq scan of ${p.seqScans.map((s) => s.table).join(', ')}`
        : p.nodeTypes.join(' → ');
    terminal.info(
      `  ${p.name}: ${p.medianMs} ms via ${via}; without the indexes ${p.without.medianMs} ms (${p.speedup}×)${p.exceedsP99 ? `, over its p99 of ${p.p99TargetMs} ms` : ''}`,
    );
  }
  if (!report.sweep) return;
  terminal.info(
    `\nAt the spec's volume in ${report.sweep.horizon} (fitted over ${report.sweep.scales.map((s) => formatCount(s.largestRows)).join(', ')} rows):`,
  );
  for (const p of report.sweep.patterns) {
    const verdict = p.holds === undefined ? 'no p99 target' : p.holds ? `holds its p99 of ${p.p99TargetMs} ms` : `MISSES its p99 of ${p.p99TargetMs} ms`;
    terminal.info(
      `  ${p.name}: ${p.model} in ${p.xLabel}; predicted median ${p.predictedMedianMs} ms, p99 ${p.predictedP99Ms} ms at ${formatCount(p.xAtHorizon)}: ${verdict}`,
    );
  }
}
