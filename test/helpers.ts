import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DesignResult } from '../src/api/design.js';
import type { LoadedSpec } from '../src/spec/load-spec.js';
import { loadSpecFile, loadSpecText } from '../src/spec/load-spec.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REFERENCE_SPEC = fileURLToPath(new URL('../examples/saas-shop.yaml', import.meta.url));

/** `line:column code` of every diagnostic, the compact form tests compare. */
export async function problemsOf(yaml: string, file = 'spec.yaml'): Promise<string[]> {
  const result = await loadSpecText(file, yaml);
  return result.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code}`);
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the real CLI from source in a child process (tsx loads it: about a second of CPU each).
 * For what only a process shows: its exit code, stdout and stderr as a shell sees them, closed
 * pipes, a crash's stack trace. Everything else runs the same commands with `runCli`.
 */
export function runCliProcess(args: readonly string[], options: { cwd?: string; input?: string } = {}): CliRun {
  // tsx by absolute URL: `--import tsx` would resolve from the child's working directory.
  const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Runs the CLI's commands in this process, as `dbarchitect ARGS` run in `cwd` would (the same
 * `runCli` that src/cli/main.ts calls), and returns its exit code and what it wrote to stdout and
 * stderr. stdout and stderr are swapped for the run (the CLI and commander write to
 * `process.stdout`/`process.stderr`; the test runner keeps its own handle on the real ones), so
 * runs must not overlap: tests in a file run one after another. Not a terminal, like a pipe.
 */
export async function runCli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliRun> {
  const { runCli: run } = await import('../src/cli/program.js');
  const written = { stdout: '', stderr: '' };
  const fake = (name: 'stdout' | 'stderr') => ({
    isTTY: false,
    write(chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) {
      written[name] += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      const done = typeof encoding === 'function' ? encoding : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    },
    on() {
      return this;
    },
  });
  const saved = { stdout: Object.getOwnPropertyDescriptor(process, 'stdout')!, stderr: Object.getOwnPropertyDescriptor(process, 'stderr')! };
  const cwd = process.cwd();
  const hadNoColor = 'NO_COLOR' in process.env;
  const noColor = process.env.NO_COLOR;
  for (const name of ['stdout', 'stderr'] as const) {
    const stream = fake(name);
    Object.defineProperty(process, name, { configurable: true, enumerable: true, get: () => stream });
  }
  process.env.NO_COLOR = '1';
  try {
    process.chdir(options.cwd ?? ROOT);
    const status = await run(args);
    return { status, ...written };
  } finally {
    process.chdir(cwd);
    if (hadNoColor) process.env.NO_COLOR = noColor;
    else delete process.env.NO_COLOR;
    Object.defineProperty(process, 'stdout', saved.stdout);
    Object.defineProperty(process, 'stderr', saved.stderr);
  }
}

/** A minimal valid spec to vary in tests. */
export const minimalSpec = (entities: string, extra = '') => `version: 1
name: test-spec
${extra}
entities:
${entities}
`;

/** A spec's text loaded for an analysis: its spec, model and workload; fails the test on any error. */
export async function loadForAnalysis(yaml: string) {
  const { workloadOf } = await import('../src/api/design.js');
  const result = await loadSpecText('spec.yaml', yaml);
  if (!result.loaded) throw new Error(`the spec does not load: ${JSON.stringify(result.diagnostics)}`);
  return { spec: result.loaded.spec, schema: result.loaded.schema, workload: workloadOf(result.loaded) };
}

/** A spec's text run through the design's analyses up to and including `through` (design/registry.ts). */
export async function analyzeThrough(yaml: string, through: string) {
  const { analysesThrough, runAnalyses } = await import('../src/design/registry.js');
  const { defaultDialect } = await import('../src/dialects/registry.js');
  const { spec, schema, workload } = await loadForAnalysis(yaml);
  const result = await loadSpecText('spec.yaml', yaml);
  const patterns = result.loaded!.patterns;
  const analyzed = runAnalyses({ dialect: defaultDialect(), spec, schema, workload, patterns }, analysesThrough(through));
  return { spec, workload, ...analyzed };
}

/** The reference spec's text. */
export const referenceYaml = (): string => readFileSync(REFERENCE_SPEC, 'utf8');

let referenceLoading: Promise<Awaited<ReturnType<typeof loadSpecFile>>> | undefined;
let referenceDesigning: Promise<DesignResult> | undefined;

/** The reference spec loaded, once per test process; each caller gets a copy of its own to change. */
export async function referenceLoaded(): Promise<{
  readonly loaded: LoadedSpec;
  readonly diagnostics: Awaited<ReturnType<typeof loadSpecFile>>['diagnostics'];
}> {
  referenceLoading ??= loadSpecFile(REFERENCE_SPEC);
  const result = await referenceLoading;
  if (!result.loaded) throw new Error(`the reference spec does not load: ${JSON.stringify(result.diagnostics)}`);
  return structuredClone({ loaded: result.loaded, diagnostics: result.diagnostics });
}

/**
 * The reference spec designed without an engine, once per test process (`designFromFile`); each
 * caller gets a copy of its own. A test that runs the design on an engine (`{ engine }`) designs
 * it itself: running is what it tests.
 */
export async function referenceDesign(): Promise<Extract<DesignResult, { ok: true }>> {
  referenceDesigning ??= import('../src/api/design.js').then(({ designFromFile }) => designFromFile(REFERENCE_SPEC));
  const result = await referenceDesigning;
  if (!result.ok) throw new Error(`the reference spec does not design: ${JSON.stringify(result.diagnostics)}`);
  return structuredClone(result);
}
