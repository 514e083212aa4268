import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { getDialect, introspectorFor } from '../dialects/registry.js';
import type { DataFactsRequest, SourceColumnFacts, TransferSource, TransferTarget } from '../dialects/transfer.js';
import { transferSourceFor, transferTargetFor } from '../dialects/transfers.js';
import type { Engine } from '../engines/engine.js';
import { connectMysql } from '../engines/mysql.js';
import { connectPostgres } from '../engines/postgres.js';
import { redactSecrets, redactUrl } from '../engines/redact.js';
import { type CutoverAssumptions, type CutoverPlan, planCutover } from '../existing/switch/cutover.js';
import { mapToPostgres } from '../existing/switch/map-to-postgres.js';
import type { SwitchMapping } from '../existing/switch/mapping.js';
import type { Schema } from '../model/schema.js';
import { type CopiedTable, type CopyProgress, copyTables, DEFAULT_BATCH_ROWS, type IdentityRestarted } from '../transfer/copy.js';
import { type TableValidation, validateTables } from '../transfer/validate.js';
import type { Artifact } from '../writers/artifacts.js';
import { renderCutoverMarkdown } from '../writers/switch/cutover-markdown.js';
import { writeOutputFolder } from './output-folder.js';

export interface SwitchEngineOptions {
  /** The folder the DDL, mappings and plan are written to; nothing is written when absent. */
  readonly out?: string;
  /** Overwrite files in `out` that are not as dbarchitect wrote them. */
  readonly force?: boolean;
  /** Create the schema on the target (which must not have these tables), copy the rows and validate them. */
  readonly apply?: boolean;
  /** Only validate: the target already holds the copied tables (after a copy, or at a paused GTID). */
  readonly validateOnly?: boolean;
  readonly batchRows?: number;
  readonly onProgress?: (progress: CopyProgress) => void;
  /** Bounds every statement on both sides (default 10 minutes: a VALIDATE of a large foreign key scans its table). */
  readonly statementTimeoutMs?: number;
  readonly connectTimeoutMs?: number;
  /** The target engine to use instead of connecting to the target URL (tests: PGlite). */
  readonly targetEngine?: Engine;
  readonly assumptions?: Partial<CutoverAssumptions>;
}

export interface SwitchEngineReport {
  readonly mapping: SwitchMapping;
  readonly plan: CutoverPlan;
  readonly artifacts: readonly Artifact[];
  /** Files written to `out`. */
  readonly written: readonly string[];
  readonly copied?: readonly CopiedTable[];
  readonly identities?: readonly IdentityRestarted[];
  readonly validations?: readonly TableValidation[];
  /** What the target showed while the schema was made: a collation that does not ignore case there. */
  readonly targetDiagnostics?: readonly Diagnostic[];
}

export type SwitchEngineResult =
  | ({ readonly ok: true } & SwitchEngineReport)
  /**
   * `input`: a URL, the source schema or the target's state is wrong (exit 2); `engine`: a server could
   * not be reached or a statement failed (exit 3); `mismatch`: the copy ran and a table differs (exit 1).
   * The message is safe to print.
   */
  | {
      readonly ok: false;
      readonly failure: 'input' | 'engine' | 'mismatch';
      readonly message: string;
      readonly diagnostics?: readonly Diagnostic[];
      readonly report?: SwitchEngineReport;
    };

const SOURCE_SCHEMES = ['mysql:', 'mariadb:'];
const TARGET_SCHEMES = ['postgres:', 'postgresql:'];
const schemeOf = (url: string) => /^([a-z][a-z0-9+.-]*:)\/\//i.exec(url)?.[1]?.toLowerCase();

/**
 * Switches a MySQL/MariaDB database to PostgreSQL: reads the source (read only), maps its schema
 * (each mapping stated), writes schema.sql, foreign-keys.sql, mappings.json and the cutover plan,
 * and with `apply` creates the schema on the target, copies every table in key batches, restarts
 * the identities and validates every table by counts and checksums.
 */
export async function switchEngine(from: string, to: string, options: SwitchEngineOptions = {}): Promise<SwitchEngineResult> {
  const safe = (error: unknown) => redactSecrets(redactSecrets(((error as Error)?.message ?? String(error)).split('\n')[0]!, from), to);
  const input = (message: string, diagnostics?: readonly Diagnostic[]): SwitchEngineResult => ({
    ok: false,
    failure: 'input',
    message,
    ...(diagnostics ? { diagnostics } : {}),
  });
  if (!SOURCE_SCHEMES.includes(schemeOf(from) ?? '')) return input(`${redactUrl(from)}: the source must be a mysql:// or mariadb:// URL`);
  if (!options.targetEngine && !TARGET_SCHEMES.includes(schemeOf(to) ?? ''))
    return input(`--to ${redactUrl(to)}: the target must be a postgres:// or postgresql:// URL`);
  if (!new URL(from).pathname.replace(/^\//, '')) return input(`${redactUrl(from)}: name the database to switch in the URL (mysql://host/database)`);
  const batchRows = Math.max(1, Math.trunc(options.batchRows ?? DEFAULT_BATCH_ROWS));
  const statementTimeoutMs = options.statementTimeoutMs ?? 600_000;
  const connectTimeoutMs = options.connectTimeoutMs ?? 10_000;
  const sourceRole = transferSourceFor('mysql')!;
  const targetRole = transferTargetFor('postgres')!;
  const dialect = getDialect('postgres')!;
  await dialect.prepare();

  let source: Engine;
  try {
    source = await connectMysql(from, { readOnly: true, statementTimeoutMs, lockTimeoutMs: 5_000, connectTimeoutMs });
  } catch (error) {
    return { ok: false, failure: 'engine', message: safe(error) };
  }
  let target: Engine | undefined;
  try {
    let read: Awaited<ReturnType<typeof readSource>>;
    try {
      read = await readSource(source, sourceRole);
    } catch (error) {
      return { ok: false, failure: 'engine', message: `reading ${redactUrl(from)} failed: ${safe(error)}` };
    }
    const mapping = mapToPostgres(read.schema, read.facts, targetRole);
    const plan = planCutover({
      sourceLocation: redactUrl(from),
      sourceVersion: read.serverVersion,
      targetLocation: options.targetEngine ? options.targetEngine.kind : redactUrl(to),
      tables: mapping.transfer.tables.map((t) => {
        const stats = read.schema.tables.find((x) => x.name === t.name)?.stats;
        return { name: t.name, rows: stats?.rows ?? null, bytes: stats?.tableBytes ?? 0 };
      }),
      settings: read.settings,
      mapping,
      ...(options.assumptions ? { assumptions: options.assumptions } : {}),
    });
    const artifacts = switchArtifacts(mapping, plan, dialect.emitDdl(mapping.schemaBeforeCopy, { comments: true }), targetRole);
    const write = async (extra: readonly Artifact[]) => {
      if (options.out === undefined) return { ok: true as const, written: [] as string[] };
      return writeOutputFolder(
        options.out,
        [...artifacts, ...extra].sort((a, b) => (a.path < b.path ? -1 : 1)),
        options.force === true,
      );
    };
    const first = await write([]);
    if (!first.ok) return input(`${first.diagnostic.message}: ${first.diagnostic.fix}`, [first.diagnostic]);
    const report: SwitchEngineReport = { mapping, plan, artifacts, written: first.written };
    if (!options.apply && !options.validateOnly) return { ok: true, ...report };

    const errors = mapping.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) return input(`the source cannot be switched as it is: ${errors.map((d) => d.message).join('; ')}`, errors);
    try {
      target = options.targetEngine ?? (await connectPostgres(to, { statementTimeoutMs, lockTimeoutMs: 5_000, connectTimeoutMs }));
    } catch (error) {
      return { ok: false, failure: 'engine', message: safe(error) };
    }
    const names = mapping.transfer.tables.map((t) => t.name);
    const sides = { source: { db: source, role: sourceRole }, target: { db: target, role: targetRole } };
    const targetDiagnostics: Diagnostic[] = [];
    let copied: CopiedTable[] | undefined;
    let identities: IdentityRestarted[] | undefined;
    try {
      const present = await targetRole.existingTables(target, names);
      if (options.apply) {
        if (present.length)
          return input(
            `the target already has ${present.join(', ')}: the switch creates its tables and copies into empty ones only; drop them or choose an empty database (or --validate to only compare)`,
          );
        await target.exec(`${targetRole.collationsDdl(mapping.collations)}${dialect.emitDdl(mapping.schemaBeforeCopy, { comments: true })}`);
        for (const collation of mapping.collations) {
          const [probe] = await target.query<{ ok: boolean }>(targetRole.collationProbe(collation.name));
          if (probe?.ok !== true)
            targetDiagnostics.push({
              code: 'switch/collation-not-case-insensitive',
              severity: 'warning',
              message: `the collation ${collation.name} (${collation.locale}) was created but compares case on this server (its ICU has no locale data): the columns under it, and their unique keys, now tell 'A' from 'a'`,
              fix: 'use a PostgreSQL built with ICU and its data (the PGDG and distribution packages are), then run the switch again',
            });
        }
        const estimates = new Map(plan.tables.map((t) => [t.name, t.rows]));
        const done = await copyTables(sides.source, sides.target, mapping.transfer, {
          batchRows,
          estimates,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        });
        copied = done.tables;
        identities = done.identities;
      } else {
        const missing = names.filter((n) => !present.includes(n));
        if (missing.length) return input(`the target has no ${missing.join(', ')}: --validate compares tables already copied (run with --apply first)`);
      }
    } catch (error) {
      return { ok: false, failure: 'engine', message: `the copy to ${options.targetEngine ? target.kind : redactUrl(to)} failed: ${safe(error)}` };
    }
    let validations: TableValidation[];
    try {
      validations = await validateTables(sides.source, sides.target, mapping.transfer.tables, batchRows);
    } catch (error) {
      return { ok: false, failure: 'engine', message: `validating failed: ${safe(error)}` };
    }
    const final = await write([
      { path: 'validation.json', content: `${JSON.stringify({ copied: copied ?? null, identities: identities ?? null, validations }, null, 2)}\n` },
    ]);
    const full: SwitchEngineReport = {
      ...report,
      written: final.ok ? final.written : report.written,
      ...(copied ? { copied } : {}),
      ...(identities ? { identities } : {}),
      validations,
      ...(targetDiagnostics.length ? { targetDiagnostics } : {}),
    };
    const unequal = validations.filter((v) => !v.equal);
    if (unequal.length)
      return {
        ok: false,
        failure: 'mismatch',
        message: `${unequal.length} of ${validations.length} tables differ: ${unequal.map((v) => v.table).join(', ')}`,
        report: full,
      };
    return { ok: true, ...full };
  } finally {
    await source.close().catch(() => undefined);
    if (target && target !== options.targetEngine) await target.close().catch(() => undefined);
  }
}

/** The source's schema, its columns' facts, counts over its rows and its capture settings; reads only. */
async function readSource(engine: Engine, role: TransferSource) {
  const read = await introspectorFor('mysql')!.introspect(engine);
  const columns = await role.columnFacts(engine);
  const data = await role.dataFacts(engine, dataFactsRequests(read.schema, columns));
  const settings = await role.captureSettings(engine);
  return { schema: read.schema, serverVersion: read.serverVersion, facts: { columns, data }, settings };
}

/** Which columns' rows are counted: dates for zero dates, `tinyint(1)` for values other than 0/1, `time` for values outside a day. */
export function dataFactsRequests(schema: Schema, columns: readonly SourceColumnFacts[]): DataFactsRequest[] {
  return schema.tables
    .filter((t) => !t.namespace)
    .map((t) => {
      const of = columns.filter((c) => c.table === t.name);
      return {
        table: t.name,
        dates: of.filter((c) => ['date', 'datetime', 'timestamp'].includes(c.dataType)).map((c) => c.column),
        booleans: of.filter((c) => c.dataType === 'tinyint' && /^tinyint\(1\)/i.test(c.columnType) && !/unsigned/i.test(c.columnType)).map((c) => c.column),
        times: of.filter((c) => c.dataType === 'time').map((c) => c.column),
      };
    });
}

/** The files of a switch: what runs on the target, in order, and what people read. */
function switchArtifacts(mapping: SwitchMapping, plan: CutoverPlan, ddl: string, target: TransferTarget): Artifact[] {
  const collations = target.collationsDdl(mapping.collations);
  const foreignKeys = mapping.transfer.foreignKeys.map((f) => target.addForeignKeys(f.table, f.foreignKeys)).join('');
  return [
    {
      path: 'schema.sql',
      content: `-- Run before the copy: collations, enum types, tables and indexes (foreign keys: foreign-keys.sql, after it).\n${collations}${ddl}`,
    },
    { path: 'foreign-keys.sql', content: `-- Run after the copy: each key added NOT VALID, then validated (a scan that blocks no writes).\n${foreignKeys}` },
    {
      path: 'mappings.json',
      content: `${JSON.stringify({ mappings: mapping.mappings, collations: mapping.collations, transfer: mapping.transfer, diagnostics: mapping.diagnostics }, null, 2)}\n`,
    },
    { path: 'cutover-plan.json', content: `${JSON.stringify(plan, null, 2)}\n` },
    { path: 'cutover-plan.md', content: renderCutoverMarkdown(plan, mapping) },
  ];
}
