import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadSpecText } from '../src/spec/load-spec.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const REFERENCE_SPEC = fileURLToPath(new URL('../examples/saas-shop.yaml', import.meta.url));

/** `line:column code` of every diagnostic, the compact form tests compare. */
export async function problemsOf(yaml: string, file = 'spec.yaml'): Promise<string[]> {
  const result = await loadSpecText(file, yaml);
  return result.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code}`);
}

/** Runs the real CLI from source in a child process. */
export function runCliProcess(args: readonly string[], options: { cwd?: string; input?: string } = {}) {
  // tsx by absolute URL: `--import tsx` would resolve from the child's working directory.
  const result = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)), ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    input: options.input ?? '',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
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
