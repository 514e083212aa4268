import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { analyzeNormalization } from '../design/normalize/analyze-normalization.js';
import { deriveForeignKeyIndexes } from '../design/indexes/foreign-key-indexes.js';
import { deriveIndexes } from '../design/indexes/derive-indexes.js';
import { partitionTables } from '../design/partitioning/partition-tables.js';
import { chooseModelingPatterns } from '../design/modeling/modeling-patterns.js';
import { designCaching } from '../design/caching/index.js';
import { designScaling } from '../design/scaling/index.js';
import { planCapacity } from '../design/capacity/plan-capacity.js';
import { selectTechnology } from '../design/technology/index.js';
import { designSecurity } from '../design/security/design-security.js';
import { deriveRetentionIndexes } from '../design/security/retention-indexes.js';
import { planAvailability } from '../design/availability/plan-availability.js';
import type { WorkloadPattern } from '../design/indexes/table-access.js';
import { extractQueryShape } from '../sql/query-shape.js';
import { getDialect } from '../dialects/registry.js';
import type { Engine } from '../engines/engine.js';
import type { Decision } from '../model/decision.js';
import type { DdlCheck, Design } from '../model/design.js';
import { parsePg } from '../sql/pg-parser.js';
import { loadSpecFile, type LoadedSpec } from '../spec/load-spec.js';
import { TOOL_VERSION } from '../version.js';
import { renderArtifacts, type Artifact } from '../writers/artifacts.js';

export interface DesignOptions {
  /** A started engine to run the DDL on (PGlite by default in the CLI); omit to only parse it. */
  readonly engine?: Engine;
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
  const dialect = getDialect('postgres')!;
  await dialect.prepare();
  const decisions: Decision[] = [...loaded.decisions];
  const diagnostics: Diagnostic[] = [...loadDiagnostics];

  const workload = workloadOf(loaded);
  const partitioned = partitionTables(loaded.spec, loaded.schema, workload);
  decisions.push(...partitioned.decisions);
  const fromPatterns = deriveIndexes(partitioned.schema, workload, loaded.spec.requirements.tenants);
  decisions.push(...fromPatterns.decisions);
  const indexed = deriveForeignKeyIndexes(fromPatterns.schema);
  decisions.push(...indexed.decisions);
  const retentionIndexed = deriveRetentionIndexes(indexed.schema);
  decisions.push(...retentionIndexed.decisions);
  const schema = retentionIndexed.schema;

  const technology = selectTechnology(loaded.spec, schema, workload);
  decisions.push(...technology.decisions);
  const caching = designCaching(loaded.spec, schema, workload);
  decisions.push(...caching.decisions);
  const capacity = planCapacity(loaded.spec, schema);
  decisions.push(...capacity.decisions);
  const scaling = designScaling(loaded.spec, schema, workload, { hotSetBytes: capacity.capacity.memory.hotSetBytes });
  decisions.push(...scaling.decisions);

  const modeling = chooseModelingPatterns(loaded.spec, schema, workload);
  decisions.push(...modeling.decisions);
  for (const w of modeling.warnings) diagnostics.push({ code: w.code, severity: 'warning', message: w.message, fix: w.fix });

  const normalization = analyzeNormalization(schema, loaded.patterns);
  decisions.push(...normalization.decisions);
  for (const c of normalization.warnings)
    diagnostics.push({ code: 'design/copied-attribute', severity: 'warning', message: `\`${c.table}.${c.column}\` appears to copy \`${c.source}\` (through \`${c.via}\`), which can drift from it`, fix: `remove it and join through ${c.via}, or keep it if it is a snapshot taken at write time (say so in its description)` });

  const security = designSecurity(loaded.spec, schema);
  decisions.push(...security.decisions);
  const availability = planAvailability(loaded.spec, { maxConnections: capacity.capacity.connections.maxConnections });
  decisions.push(...availability.decisions);

  const ddl = dialect.emitDdl(schema);
  const file = `schema/${dialect.name}.sql`;
  const securityDdl = dialect.emitSecurity(schema, security.security);
  const securityFile = `schema/${dialect.name}-security.sql`;
  const check: DdlCheck = await checkDdl(ddl, file, dialect.name, options.engine, diagnostics);
  // Roles are cluster-wide: run the security script only on an engine of our own (PGlite), never on a user's server.
  const securityCheck: DdlCheck = await checkDdl(securityDdl, securityFile, dialect.name, options.engine?.kind === 'pglite' && check.executedOn ? options.engine : undefined, diagnostics);
  const jobs = dialect.emitJobs(schema, security.security);
  const jobsFile = `schema/${dialect.name}-jobs.sql`;
  // Like the security script, the jobs (routines, schedules) run only on an engine of our own, after it.
  const jobsCheck: DdlCheck | undefined = jobs === undefined ? undefined : await checkDdl(jobs, jobsFile, dialect.name, securityCheck.executedOn ? options.engine : undefined, diagnostics);
  if (check.executedOn) attachExecutedEvidence(decisions, check.executedOn);

  const design: Design = {
    tool: { name: 'dbarchitect', version: TOOL_VERSION },
    spec: loaded.spec,
    technology: { choice: technology.choice, ranking: technology.ranking.map((r) => ({ ...r, criteria: [...r.criteria], disqualifiers: [...r.disqualifiers] })), weights: [...technology.weights], tradeoff: technology.tradeoff, polyglot: [...technology.polyglot] },
    schema,
    decisions: sortDecisions(decisions),
    caching: caching.caching,
    scaling: scaling.scaling,
    capacity: capacity.capacity,
    security: security.security,
    availability: availability.availability,
    ddl: [check, securityCheck, ...(jobsCheck ? [jobsCheck] : [])],
    diagnostics,
  };
  const erasure = dialect.emitErasure(schema, security.security);
  const scripts = { [file]: ddl, [securityFile]: securityDdl, ...(erasure ? { [`schema/${dialect.name}-erasure.sql`]: erasure } : {}), ...(jobs ? { [jobsFile]: jobs } : {}) };
  return { ok: true, design, artifacts: renderArtifacts(design, scripts), diagnostics };
}

async function checkDdl(ddl: string, file: string, dialect: string, engine: Engine | undefined, diagnostics: Diagnostic[]): Promise<DdlCheck> {
  const parsed = parsePg(ddl);
  if (!parsed.ok) {
    diagnostics.push({ code: 'design/ddl-parse', severity: 'error', message: `the generated DDL does not parse: ${parsed.message}`, fix: 'this is a bug in dbarchitect: please report it with the spec' });
    return { dialect, file, statements: 0, parsedBy: 'libpg-query' };
  }
  const check = { dialect, file, statements: parsed.result.stmts?.length ?? 0, parsedBy: `libpg-query (PostgreSQL parser ${parsed.result.version})` };
  if (!engine) return check;
  const version = await engine.version();
  try {
    await engine.exec(ddl);
    return { ...check, executedOn: version };
  } catch (error) {
    diagnostics.push({ code: 'design/ddl-failed', severity: 'error', message: `the generated DDL failed on ${version}: ${(error as Error).message}`, fix: 'this is a bug in dbarchitect: please report it with the spec' });
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

function sortDecisions(decisions: Decision[]): Decision[] {
  const areas: Decision['area'][] = ['technology', 'tenancy', 'keys', 'types', 'constraints', 'normalization', 'denormalization', 'modeling', 'partitioning', 'indexes', 'security', 'availability', 'scaling', 'caching', 'capacity'];
  return decisions
    .map((d, i) => ({ d, i }))
    .sort((a, b) => areas.indexOf(a.d.area) - areas.indexOf(b.d.area) || a.i - b.i)
    .map(({ d }) => d);
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
      shape: extractQueryShape(parsed.statement, (table) => columns.get(table)),
    };
  });
}
