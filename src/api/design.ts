import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { WorkloadPattern } from '../sql/workload-pattern.js';
import { checkConsistency } from '../design/consistency/check-design.js';
import { structuresMissingFromDdl } from '../design/consistency/structures.js';
import { completeParts, runAnalyses, sortDecisions } from '../design/registry.js';
import type { MeasuredPattern } from '../design/workload/plan-load.js';
import { extractQueryShape } from '../sql/query-shape.js';
import type { Dialect } from '../dialects/dialect.js';
import { defaultDialect } from '../dialects/registry.js';
import type { DdlTarget } from '../dialects/ddl-target.js';
import { ddlTargetForEngine } from '../dialects/targets.js';
import type { DdlCheckContext } from '../engines/ddl-checkers/ddl-checker.js';
import { compileTargets } from './design-targets.js';
import type { Engine } from '../engines/engine.js';
import type { Decision } from '../model/decision.js';
import type { DdlCheck, Design } from '../model/design.js';
import { parsePg } from '../sql/pg-parser.js';
import { loadSpecFile, type LoadedSpec } from '../spec/load-spec.js';
import { TOOL_VERSION } from '../version.js';
import type { AdrNumbers } from '../writers/adr/adr-numbers.js';
import { renderArtifacts, type Artifact } from '../writers/artifacts.js';
import { renderOrmArtifacts } from '../writers/orm/index.js';
import { renderMigrationArtifacts } from '../writers/migrations/index.js';
import type { NosqlTarget } from '../model/parts/nosql.js';
import { designNosql, nosqlTargets } from '../design/nosql/design-nosql.js';
import { executeDynamoDesign } from '../engines/dynamodb-local.js';
import { renderNosqlArtifacts } from '../writers/nosql/index.js';

export interface DesignOptions {
  /** The target dialect (the registry's default, PostgreSQL, when omitted). */
  readonly dialect?: Dialect;
  /** A started engine to run the DDL on (PGlite by default in the CLI); omit to only parse it. */
  readonly engine?: Engine;
  /** Execution times verify measured: the load uses them instead of its estimates. */
  readonly measured?: ReadonlyMap<string, MeasuredPattern>;
  /** The ADR numbers an earlier run gave (its `adr/numbers.json`), kept for the same decisions. */
  readonly adrNumbers?: AdrNumbers;
  /** ORM targets (`--orm`, names from writers/orm) whose models are written under `orm/<target>/`. */
  readonly orm?: readonly string[];
  /** Migration tools (`--migrations`, names from writers/migrations) whose files for the initial schema go under `migrations/<tool>/`. */
  readonly migrations?: readonly string[];
  /**
   * Other dialects the finished schema is compiled to, `schema/<name>.sql` each (`--dialect a,b`).
   * Omitted: the target that writes the chosen engine's schema, when the chosen engine is not the design's dialect.
   */
  readonly targets?: readonly DdlTarget[];
  /** Servers the targets' checkers may run their scripts on (`--check-db`). */
  readonly checkContext?: DdlCheckContext;
  /** NoSQL designs to write under `nosql/<target>/` (`--target`); omitted: the chosen engine's family decides. */
  readonly nosql?: readonly NosqlTarget[];
}

export type DesignResult =
  | { readonly ok: true; readonly design: Design; readonly artifacts: readonly Artifact[]; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Spec file -> design and its artifacts. Fails only on a bad spec; the DDL failing on the engine is reported as an error diagnostic. */
export async function designFromFile(file: string, options: DesignOptions = {}): Promise<DesignResult> {
  const result = await loadSpecFile(file);
  if (!result.loaded) return { ok: false, diagnostics: result.diagnostics };
  return designFromSpec(result.loaded, result.diagnostics, options);
}

export async function designFromSpec(loaded: LoadedSpec, loadDiagnostics: readonly Diagnostic[], options: DesignOptions = {}): Promise<DesignResult> {
  const dialect = options.dialect ?? defaultDialect();
  await dialect.prepare();
  const decisions: Decision[] = [...loaded.decisions];
  const diagnostics: Diagnostic[] = [...loadDiagnostics];

  const workload = workloadOf(loaded);
  const analyses = runAnalyses({
    dialect,
    spec: loaded.spec,
    workload,
    patterns: loaded.patterns,
    schema: loaded.schema,
    ...(options.measured ? { measured: options.measured } : {}),
  });
  decisions.push(...analyses.decisions);
  diagnostics.push(...analyses.diagnostics);
  const { schema } = analyses;
  const parts = completeParts(analyses.parts);
  const { technology, security } = parts;

  const ddl = dialect.emitDdl(schema);
  const file = `schema/${dialect.name}.sql`;
  const securityDdl = dialect.emitSecurity(schema, security);
  const securityFile = `schema/${dialect.name}-security.sql`;
  const check: DdlCheck = await checkDdl(ddl, file, dialect.name, options.engine, diagnostics);
  // Roles are cluster-wide: run the security script only on an engine of our own (PGlite), never on a user's server.
  const securityCheck: DdlCheck = await checkDdl(
    securityDdl,
    securityFile,
    dialect.name,
    options.engine?.kind === 'pglite' && check.executedOn ? options.engine : undefined,
    diagnostics,
  );
  const jobs = dialect.emitJobs(schema, security);
  const jobsFile = `schema/${dialect.name}-jobs.sql`;
  // Like the security script, the jobs (routines, schedules) run only on an engine of our own, after it.
  const jobsCheck: DdlCheck | undefined =
    jobs === undefined ? undefined : await checkDdl(jobs, jobsFile, dialect.name, securityCheck.executedOn ? options.engine : undefined, diagnostics);
  if (check.executedOn) attachExecutedEvidence(decisions, check.executedOn);
  const targets = (options.targets ?? defaultTargets(technology.choice)).filter((t) => t.name !== dialect.name);
  const compiled = await compileTargets(schema, targets, options.checkContext ?? {}, diagnostics, technology.choice);
  const nosqlFor = nosqlTargets(options.nosql, technology.choice);
  const nosqlInput = { spec: loaded.spec, schema: loaded.schema, workload, params: new Map(loaded.patterns.map((p) => [p.name, p.params])) };
  const nosql = nosqlFor.targets.length ? await designNosql(nosqlInput, nosqlFor.targets, nosqlFor.reason, diagnostics, executeDynamoDesign) : undefined;

  const design: Design = {
    tool: { name: 'dbarchitect', version: TOOL_VERSION },
    spec: loaded.spec,
    technology: {
      choice: technology.choice,
      ranking: technology.ranking.map((r) => ({ ...r, criteria: [...r.criteria], disqualifiers: [...r.disqualifiers] })),
      weights: [...technology.weights],
      tradeoff: technology.tradeoff,
      polyglot: [...technology.polyglot],
    },
    schema,
    decisions: sortDecisions(decisions),
    load: parts.load,
    caching: parts.caching,
    scaling: parts.scaling,
    capacity: parts.capacity,
    security,
    availability: parts.availability,
    ddl: [check, securityCheck, ...(jobsCheck ? [jobsCheck] : []), ...compiled.checks],
    ...(nosql ? { nosql } : {}),
    diagnostics,
  };
  // The design must agree with itself; a contradiction is a bug in an analysis, reported, never hidden.
  for (const found of checkConsistency(design))
    diagnostics.push({
      code: 'design/inconsistent',
      severity: 'error',
      message: `the design contradicts itself: ${found.message}`,
      fix: 'this is a bug in dbarchitect: please report it with the spec',
    });
  for (const missing of structuresMissingFromDdl(design, ddl))
    diagnostics.push({
      code: 'design/structure-not-built',
      severity: 'error',
      message: `a decision names ${missing}, which ${file} does not build`,
      fix: 'this is a bug in dbarchitect: please report it with the spec',
    });
  const erasure = dialect.emitErasure(schema, security);
  const scripts = {
    [file]: ddl,
    [securityFile]: securityDdl,
    ...(erasure ? { [`schema/${dialect.name}-erasure.sql`]: erasure } : {}),
    ...(jobs ? { [jobsFile]: jobs } : {}),
    ...compiled.scripts,
  };
  const initial = [
    { name: 'init', file, purpose: 'the tables, keys, indexes, triggers and views', sql: ddl },
    { name: 'security', file: securityFile, purpose: 'roles, grants and row-level security', sql: securityDdl },
  ];
  const artifacts = [
    ...renderArtifacts(design, scripts, undefined, options.adrNumbers),
    ...renderOrmArtifacts(schema, options.orm ?? []),
    ...renderMigrationArtifacts(initial, options.migrations ?? []),
    ...renderNosqlArtifacts(design.nosql, loaded.spec.name),
  ];
  return { ok: true, design, artifacts: artifacts.sort((a, b) => (a.path < b.path ? -1 : 1)), diagnostics };
}

/** The chosen engine's own schema, when a target writes it (TiDB's is MySQL's). */
function defaultTargets(choice: string): DdlTarget[] {
  const target = ddlTargetForEngine(choice);
  return target ? [target] : [];
}

async function checkDdl(ddl: string, file: string, dialect: string, engine: Engine | undefined, diagnostics: Diagnostic[]): Promise<DdlCheck> {
  const parsed = parsePg(ddl);
  if (!parsed.ok) {
    diagnostics.push({
      code: 'design/ddl-parse',
      severity: 'error',
      message: `the generated DDL does not parse: ${parsed.message}`,
      fix: 'this is a bug in dbarchitect: please report it with the spec',
    });
    return { dialect, file, statements: 0, parsedBy: 'libpg-query' };
  }
  const check = { dialect, file, statements: parsed.result.stmts?.length ?? 0, parsedBy: `libpg-query (PostgreSQL parser ${parsed.result.version})` };
  if (!engine) return check;
  const version = await engine.version();
  try {
    await engine.exec(ddl);
    return { ...check, executedOn: version };
  } catch (error) {
    diagnostics.push({
      code: 'design/ddl-failed',
      severity: 'error',
      message: `the generated DDL failed on ${version}: ${(error as Error).message}`,
      fix: 'this is a bug in dbarchitect: please report it with the spec',
    });
    return check;
  }
}

/** The schema's structural decisions are proven by the engine accepting the DDL that carries them. */
function attachExecutedEvidence(decisions: Decision[], engine: string): void {
  for (const decision of decisions) {
    if (!['keys', 'tenancy', 'constraints', 'indexes'].includes(decision.area)) continue;
    decision.evidence.push({ tier: 'executed', source: `engine:${engine}`, detail: 'the DDL that carries this decision ran on the engine' });
  }
}

/** The access patterns with their rates and parsed shapes, columns resolved against the model. */
export function workloadOf(loaded: LoadedSpec): WorkloadPattern[] {
  const columns = new Map(loaded.schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  return loaded.patterns.map((parsed) => {
    const spec = loaded.spec.accessPatterns.find((p) => p.name === parsed.name)!;
    return {
      name: parsed.name,
      ratePerSecond: spec.rate.perSecond,
      ...(spec.p99 ? { p99Seconds: spec.p99.seconds } : {}),
      ...(spec.staleness ? { stalenessSeconds: spec.staleness.seconds } : {}),
      ...(spec.window ? { windowSeconds: spec.window.seconds } : {}),
      shape: extractQueryShape(parsed.statement, (table) => columns.get(table)),
    };
  });
}
