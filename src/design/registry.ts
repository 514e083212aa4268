import type { Decision } from '../model/decision.js';
import type { Analysis, DesignParts, DesignState, PartName } from './analysis.js';
import { availabilityAnalysis } from './availability/analysis.js';
import { cachingAnalysis } from './caching/analysis.js';
import { capacityAnalysis } from './capacity/analysis.js';
import { indexesAnalysis } from './indexes/analysis.js';
import { identityAnalysis } from './keys/analysis.js';
import { modelingAnalysis } from './modeling/analysis.js';
import { structuresAnalysis } from './modeling/structures-analysis.js';
import { normalizationAnalysis } from './normalize/analysis.js';
import { partitioningAnalysis } from './partitioning/analysis.js';
import { designRulesAnalysis } from './rules/analysis.js';
import { scalingAnalysis } from './scaling/analysis.js';
import { securityAnalysis } from './security/analysis.js';
import { technologyAnalysis } from './technology/analysis.js';
import { loadAnalysis } from './workload/analysis.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Schema } from '../model/schema.js';

/**
 * Every analysis `design` runs, in the order it runs them: the design rules on the schema as the
 * spec declares it, then the schema (each step may add to it), then the one load over the finished
 * schema, then what sizes from it. Adding an analysis is a file in its folder and one line here;
 * `checkRegistryOrder` proves each part is made before it is read.
 */
export const ANALYSES: readonly Analysis[] = [
  designRulesAnalysis,
  identityAnalysis,
  normalizationAnalysis,
  modelingAnalysis,
  partitioningAnalysis,
  indexesAnalysis,
  loadAnalysis,
  technologyAnalysis,
  capacityAnalysis,
  scalingAnalysis,
  availabilityAnalysis,
  cachingAnalysis,
  structuresAnalysis,
  securityAnalysis,
];

/**
 * The order decisions are shown in (report, ADRs, design.json): the spec's own structural decisions
 * (made while building the model) first, then each analysis's areas as it writes them.
 */
export const DECISION_AREAS: readonly Decision['area'][] = [
  'technology',
  'tenancy',
  'keys',
  'types',
  'constraints',
  'normalization',
  'denormalization',
  'modeling',
  'partitioning',
  'indexes',
  'capacity',
  'scaling',
  'availability',
  'caching',
  'security',
];

/** Problems with the registry's order: a part read before the analysis that gives it, or given twice. */
export function checkRegistryOrder(analyses: readonly Analysis[] = ANALYSES): string[] {
  const given = new Set<PartName>();
  const problems: string[] = [];
  for (const analysis of analyses) {
    for (const need of analysis.needs) if (!given.has(need)) problems.push(`${analysis.name} reads \`${need}\` before any analysis gives it`);
    for (const gift of analysis.gives) {
      if (given.has(gift)) problems.push(`${analysis.name} gives \`${gift}\`, which an earlier analysis already gave`);
      given.add(gift);
    }
  }
  for (const analysis of analyses)
    for (const area of analysis.areas)
      if (!DECISION_AREAS.includes(area)) problems.push(`${analysis.name} writes area \`${area}\`, which DECISION_AREAS does not list`);
  return problems;
}

export interface AnalysesResult {
  readonly schema: Schema;
  /** Every part when the whole registry ran; `completeParts` checks that. */
  readonly parts: Partial<DesignParts>;
  readonly decisions: Decision[];
  readonly diagnostics: Diagnostic[];
}

/** Runs the analyses in order, each on the state the ones before it left. */
export function runAnalyses(initial: Omit<DesignState, 'parts'>, analyses: readonly Analysis[] = ANALYSES): AnalysesResult {
  let state: DesignState = { ...initial, parts: {} };
  const decisions: Decision[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const analysis of analyses) {
    const output = analysis.run(state);
    decisions.push(...output.decisions);
    diagnostics.push(...(output.diagnostics ?? []));
    state = { ...state, ...(output.schema ? { schema: output.schema } : {}), parts: { ...state.parts, ...output.parts } };
  }
  return { schema: state.schema, parts: state.parts, decisions, diagnostics };
}

const PART_NAMES: readonly PartName[] = ['technology', 'load', 'capacity', 'availability', 'scaling', 'caching', 'security'];

/** All the parts a design holds; a missing one is a registry bug, never a user error. */
export function completeParts(parts: Partial<DesignParts>): DesignParts {
  const missing = PART_NAMES.filter((p) => parts[p] === undefined);
  if (missing.length) throw new Error(`design parts never produced: ${missing.join(', ')}: fix design/registry.ts`);
  return parts as DesignParts;
}

/** The analyses up to and including `name`: for tests and tools that need only the first parts. */
export function analysesThrough(name: string): readonly Analysis[] {
  const index = ANALYSES.findIndex((a) => a.name === name);
  if (index < 0) throw new Error(`no analysis named ${name} in design/registry.ts`);
  return ANALYSES.slice(0, index + 1);
}

/** Decisions in DECISION_AREAS order, stable within an area. */
export function sortDecisions(decisions: readonly Decision[]): Decision[] {
  return decisions
    .map((d, i) => ({ d, i }))
    .sort((a, b) => DECISION_AREAS.indexOf(a.d.area) - DECISION_AREAS.indexOf(b.d.area) || a.i - b.i)
    .map(({ d }) => d);
}
