import type { Command } from 'commander';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import type { Engine } from '../../engines/engine.js';
import type { DdlCheck } from '../../model/design.js';
import type { CommandContext } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { exitForFindings, FAIL_ON_HELP, isFailOn } from '../fail-on.js';
import { readAdrNumbers } from '../read-adr-numbers.js';
import { elapsed, summarizeFiles } from '../terminal.js';
import { DESIGN_DIALECT_HELP, resolveDesignDialects } from '../dialect-flag.js';
import { ormTargets } from '../../writers/orm/index.js';
import { migrationTools } from '../../writers/migrations/index.js';
import { parseNameList } from '../name-list.js';
import { NOSQL_TARGETS } from '../../writers/nosql/targets.js';
import type { NosqlTarget } from '../../model/parts/nosql.js';

interface DesignFlags {
  out?: string;
  force?: boolean;
  engine: boolean;
  print?: string;
  failOn: string;
  dialect?: string;
  checkDb?: string;
  orm?: string;
  migrations?: string;
  target?: string;
}

/** `--print` name -> the artifact's path for the target dialect. */
const PRINTABLE: Record<string, (dialect: string) => string> = {
  sql: (d) => `schema/${d}.sql`,
  json: () => 'design.json',
  erd: () => 'erd.mmd',
  report: () => 'README.md',
};

export function registerDesign(program: Command, context: CommandContext): void {
  program
    .command('design')
    .description('design a PostgreSQL schema from a spec and write it to a folder: DDL, ERD, design.json and a report')
    .argument('<spec>', 'the spec file (YAML)')
    .option('-o, --out <dir>', 'output folder (default: ./<spec name>-design)')
    .option('--force', 'overwrite files in the output folder that dbarchitect did not write or that were changed since')
    .option('--no-engine', 'do not run the DDL on embedded PostgreSQL (PGlite); only parse it')
    .option('--print <artifact>', 'print one artifact to stdout instead of writing files: sql, json, erd or report')
    // No commander default: not naming --dialect lets the chosen engine's schema be written too.
    .option('--dialect <names>', DESIGN_DIALECT_HELP)
    .option('--check-db <url>', 'a MySQL or MariaDB server (mysql://…) the MySQL schema runs on, in a scratch database dropped afterwards')
    .option('--fail-on <severity>', FAIL_ON_HELP, 'never')
    .option('--orm <targets>', `also write ORM models into orm/<target>/, comma-separated: ${ormTargets().join(', ')}`)
    .option('--migrations <tools>', `also write the initial schema as migrations/<tool>/ files, comma-separated: ${migrationTools().join(', ')}`)
    .option(
      '--target <names>',
      `also write NoSQL designs into nosql/<target>/, comma-separated: ${NOSQL_TARGETS.join(', ')} (default: the chosen engine's family)`,
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ dbarchitect design examples/saas-shop.yaml\n  $ dbarchitect design spec.yaml -o build/db --force\n  $ dbarchitect design spec.yaml --print sql > schema.sql\n  $ dbarchitect design spec.yaml --fail-on warning',
    )
    .action(async (file: string, flags: DesignFlags) => {
      const terminal = context.terminal();
      if (flags.print !== undefined && !(flags.print in PRINTABLE)) {
        terminal.error(`unknown --print \`${flags.print}\`; use ${Object.keys(PRINTABLE).join(', ')}`);
        return context.exit(EXIT.badInput);
      }
      const target = resolveDesignDialects(flags.dialect);
      if (!target.ok) {
        terminal.error(target.message);
        return context.exit(EXIT.badInput);
      }
      const orm = parseNameList('--orm', 'target', flags.orm, ormTargets());
      const migrations = parseNameList('--migrations', 'tool', flags.migrations, migrationTools());
      const nosql = parseNameList('--target', '', flags.target, NOSQL_TARGETS);
      for (const list of [orm, migrations, nosql])
        if (!list.ok) {
          terminal.error(list.message);
          return context.exit(EXIT.badInput);
        }
      const failOn = flags.failOn;
      if (!isFailOn(failOn)) {
        terminal.error(`--fail-on must be warning, error or never, not \`${failOn}\``);
        return context.exit(EXIT.badInput);
      }
      // Loaded here, not at the top: the CLI's start then reads only the command that runs.
      const { loadSpecFile } = await import('../../spec/load-spec.js');
      const loaded = await loadSpecFile(file);
      if (!loaded.loaded) {
        terminal.diagnostics(loaded.diagnostics);
        terminal.info(`${file}: ${summarizeDiagnostics(loaded.diagnostics)}; nothing written`);
        return context.exit(EXIT.badInput);
      }
      const folder = flags.out ?? `${loaded.loaded.spec.name}-design`;
      // A folder written before keeps its ADR numbers; --print writes no ADRs.
      const numbers = flags.print === undefined ? await readAdrNumbers(folder) : { ok: true as const };
      if (!numbers.ok) {
        terminal.diagnostics([numbers.diagnostic]);
        return context.exit(EXIT.badInput);
      }

      let engine: Engine | undefined;
      if (flags.engine) {
        const start = performance.now();
        terminal.info('starting embedded PostgreSQL (PGlite) to run the DDL…');
        try {
          const { startPglite } = await import('../../engines/pglite.js');
          engine = await startPglite();
        } catch (error) {
          terminal.error(`could not start embedded PostgreSQL (PGlite): ${(error as Error).message}`);
          return context.exit(EXIT.engine);
        }
        terminal.info(`PGlite ready in ${elapsed(start)}`);
      }
      try {
        const { designFromSpec } = await import('../../api/design.js');
        const result = await designFromSpec(loaded.loaded, loaded.diagnostics, {
          dialect: target.dialect,
          ...(target.targets ? { targets: target.targets } : {}),
          ...(flags.checkDb ? { checkContext: { mysqlUrl: flags.checkDb } } : {}),
          ...(engine ? { engine } : {}),
          ...(numbers.ledger ? { adrNumbers: numbers.ledger } : {}),
          ...(orm.ok && orm.names.length ? { orm: orm.names } : {}),
          ...(migrations.ok && migrations.names.length ? { migrations: migrations.names } : {}),
          ...(nosql.ok && nosql.names.length ? { nosql: nosql.names as NosqlTarget[] } : {}),
        });
        terminal.diagnostics(result.diagnostics.filter((d) => d.severity !== 'info'));
        if (!result.ok) return context.exit(EXIT.badInput);
        if (result.diagnostics.some((d) => d.code === 'design/ddl-failed')) return context.exit(EXIT.engine);

        if (flags.print !== undefined) {
          const artifact = result.artifacts.find((a) => a.path === PRINTABLE[flags.print!]!(target.printed));
          terminal.output(artifact?.content ?? '');
          return context.exit(exitForFindings(terminal, result.diagnostics, failOn));
        }
        const { writeOutputFolder } = await import('../../api/output-folder.js');
        const written = await writeOutputFolder(folder, result.artifacts, flags.force === true);
        if (!written.ok) {
          terminal.diagnostics([written.diagnostic]);
          return context.exit(EXIT.badInput);
        }
        for (const check of result.design.ddl) terminal.info(`${check.file}: ${check.statements} statements, ${describeCheck(check)}`);
        for (const [target, part] of Object.entries(result.design.nosql ?? {}))
          if (typeof part === 'object')
            terminal.info(`nosql/${target}: ${part.evidence.map((e) => `${e.tier} (${e.source.replace(/^\w+:/, '')})`).join(', ')}`);
        terminal.info(`wrote ${folder}/: ${summarizeFiles(written.written)}${written.removed.length ? ` (removed stale ${written.removed.join(', ')})` : ''}`);
        terminal.info(`${result.design.schema.tables.length} tables, ${result.design.decisions.length} decisions; ${summarizeDiagnostics(result.diagnostics)}`);
        return context.exit(exitForFindings(terminal, result.diagnostics, failOn));
      } finally {
        await engine?.close();
      }
    });
}

/** One script's evidence for the terminal: executed, parsed, or why neither. */
function describeCheck(check: DdlCheck): string {
  if (check.notChecked) return `not checked: ${check.notChecked}`;
  const how = `parsed by ${check.parsedBy ?? 'no parser'}${check.executedOn ? `, executed on ${check.executedOn}` : ''}`;
  const substituted = check.substitutions?.length ? `; ${check.substitutions.length} features substituted (see the report)` : '';
  return how + substituted;
}
