import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Engine } from '../engines/engine.js';
import { loadSpecFile, loadSpecText, type LoadResult } from '../spec/load-spec.js';
import type { VerifyOptions } from '../verify/run-verify.js';
import type { AdrNumbers } from '../writers/adr/adr-numbers.js';
import type { Dialect } from '../dialects/dialect.js';
import { designFromSpec, type DesignOptions, type DesignResult } from './design.js';
import { explainQuery as explainOnDesign, type ExplainQueryOptions, type ExplainQueryResult } from './explain-query.js';
import { verifySpec, type VerifyResult } from './verify.js';

/**
 * A spec as a caller holds it: a file path, or its YAML text (`file` names it in diagnostics,
 * `spec.yaml` when omitted).
 */
export type SpecSource = string | { readonly path: string } | { readonly yaml: string; readonly file?: string };

/** Reads and checks a spec: YAML, structure, types, references and the access patterns' SQL, every problem in one run. */
export async function loadSpec(source: SpecSource): Promise<LoadResult> {
  if (typeof source === 'string') return loadSpecFile(source);
  if ('path' in source) return loadSpecFile(source.path);
  return loadSpecText(source.file ?? 'spec.yaml', source.yaml);
}

export interface CheckResult {
  /** No error (warnings may remain). */
  readonly ok: boolean;
  readonly diagnostics: readonly Diagnostic[];
  readonly entities: number;
  readonly tables: number;
  readonly accessPatterns: number;
}

/** `dbarchitect check`: the spec's problems, and what it holds when it loads. */
export async function check(source: SpecSource): Promise<CheckResult> {
  const result = await loadSpec(source);
  const loaded = result.loaded;
  return {
    ok: loaded !== undefined && !result.diagnostics.some((d) => d.severity === 'error'),
    diagnostics: result.diagnostics,
    entities: loaded?.spec.entities.length ?? 0,
    tables: loaded?.schema.tables.length ?? 0,
    accessPatterns: loaded?.patterns.length ?? 0,
  };
}

/** Where the DDL runs: an engine the caller started (and closes), a fresh embedded PostgreSQL (`pglite`, the default), or none (parsed only). */
export type EngineChoice = Engine | 'pglite' | 'none';

export interface DesignRunOptions extends Omit<DesignOptions, 'engine'> {
  readonly engine?: EngineChoice;
}

/**
 * `dbarchitect design` as a function: the design and its artifacts (paths and contents; nothing is
 * written). By default the DDL runs on an embedded PostgreSQL started and closed for the call.
 */
export async function design(source: SpecSource, options: DesignRunOptions = {}): Promise<DesignResult> {
  const loaded = await loadSpec(source);
  if (!loaded.loaded) return { ok: false, diagnostics: loaded.diagnostics };
  const { engine: choice = 'pglite', ...rest } = options;
  return withEngine(choice, (engine) => designFromSpec(loaded.loaded!, loaded.diagnostics, { ...rest, ...(engine ? { engine } : {}) }));
}

export interface VerifyRunOptions extends VerifyOptions {
  /** An empty engine the caller started (and closes); by default an embedded PostgreSQL started and closed for the call. */
  readonly engine?: Engine;
  /** Also measure at three scales and extrapolate each pattern to the spec's horizon. */
  readonly sweep?: boolean;
  readonly dialect?: Dialect;
  readonly adrNumbers?: AdrNumbers;
}

/** `dbarchitect verify` as a function: the design proven on an engine, its report and artifacts (nothing is written). */
export async function verify(source: SpecSource, options: VerifyRunOptions = {}): Promise<VerifyResult> {
  const loaded = await loadSpec(source);
  if (!loaded.loaded) return { ok: false, diagnostics: loaded.diagnostics };
  const { engine, ...rest } = options;
  return withEngine(engine ?? 'pglite', (started) => verifySpec(loaded.loaded!, loaded.diagnostics, started!, rest));
}

/** One query run against the spec's design on a seeded embedded PostgreSQL, without and with the design's indexes. */
export async function explainQuery(source: SpecSource, query: string, options: ExplainQueryOptions = {}): Promise<ExplainQueryResult> {
  const loaded = await loadSpec(source);
  if (!loaded.loaded) return { ok: false, diagnostics: loaded.diagnostics };
  return explainOnDesign(loaded.loaded, loaded.diagnostics, query, options);
}

async function withEngine<T>(choice: EngineChoice, work: (engine: Engine | undefined) => Promise<T>): Promise<T> {
  if (choice === 'none') return work(undefined);
  if (choice !== 'pglite') return work(choice);
  const { startPglite } = await import('../engines/pglite.js');
  const engine = await startPglite();
  try {
    return await work(engine);
  } finally {
    await engine.close().catch(() => undefined);
  }
}
