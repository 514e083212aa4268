import { sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.js';
import { buildModel } from './build-model.js';
import type { Decision } from '../model/decision.js';
import type { Schema } from '../model/schema.js';
import { checkAccessPatterns, type ParsedPattern } from './check-patterns.js';
import { loadPgParser } from '../sql/pg-parser.js';
import { normalizeSpec } from './normalize-spec.js';
import { ProblemList, type SpecProblem } from './problem.js';
import { readSourceFile } from './read-source.js';
import type { Spec } from '../model/spec.js';
import { rawSpecSchema } from './spec-schema.js';
import { parseYaml, type ParsedYaml } from './yaml-document.js';
import { reportZodIssues } from './zod-problems.js';

/** A spec that loaded without errors, with its model and its parsed access patterns. */
export interface LoadedSpec {
  readonly file: string;
  readonly spec: Spec;
  readonly schema: Schema;
  readonly decisions: readonly Decision[];
  readonly patterns: readonly ParsedPattern[];
}

export interface LoadResult {
  /** Present when there is no error (warnings may remain). */
  readonly loaded?: LoadedSpec;
  readonly diagnostics: readonly Diagnostic[];
}

export async function loadSpecFile(file: string): Promise<LoadResult> {
  const source = await readSourceFile(file);
  if (!source.ok) return { diagnostics: [source.diagnostic] };
  return loadSpecText(file, source.text);
}

/**
 * YAML with positions -> structure (zod) -> shorthand (normalize) -> model -> SQL parsed and
 * resolved against the model. Every stage runs as far as it can, so one run reports every problem.
 */
export async function loadSpecText(file: string, text: string): Promise<LoadResult> {
  await loadPgParser();
  const yaml = parseYaml(file, text);
  if (yaml.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: sortDiagnostics(yaml.diagnostics) };
  const problems = new ProblemList();
  if (yaml.value === null || typeof yaml.value !== 'object' || Array.isArray(yaml.value)) {
    problems.error(
      [],
      'spec/not-a-map',
      `the spec must be a map of keys (version, name, entities, …), not ${yaml.value === null ? 'empty' : Array.isArray(yaml.value) ? 'a list' : 'a single value'}`,
      'start from examples/saas-shop.yaml, or see docs/spec.md',
    );
    return { diagnostics: toDiagnostics(yaml, problems.items) };
  }
  const structure = rawSpecSchema.safeParse(yaml.value);
  if (!structure.success) reportZodIssues(structure.error.issues, yaml.value, problems);
  const spec = normalizeSpec(yaml.value, problems);
  if (!spec) return { diagnostics: toDiagnostics(yaml, problems.items) };
  if (spec.entities.length === 0 && structure.success)
    problems.error(['entities'], 'spec/no-entities', 'the spec has no entities', 'add at least one entity under `entities:`');
  const model = buildModel(spec, problems);
  const patterns = checkAccessPatterns(spec.accessPatterns, model.schema, problems);
  const diagnostics = toDiagnostics(yaml, problems.items);
  if (problems.hasErrors) return { diagnostics };
  return { loaded: { file, spec, schema: model.schema, decisions: model.decisions, patterns }, diagnostics };
}

function toDiagnostics(yaml: ParsedYaml, problems: readonly SpecProblem[]): Diagnostic[] {
  const converted = problems.map((p) => ({
    code: p.code,
    severity: p.severity,
    message: p.message,
    ...(p.fix ? { fix: p.fix } : {}),
    location: p.offset !== undefined ? yaml.locateInString(p.path, p.offset) : yaml.locate(p.path, p.at),
  }));
  return sortDiagnostics([...yaml.diagnostics, ...converted]);
}
