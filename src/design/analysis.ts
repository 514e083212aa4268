import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../dialects/dialect.js';
import type { Decision } from '../model/decision.js';
import type { Load } from '../model/parts/load.js';
import type { Schema } from '../model/schema.js';
import type { ParsedPattern } from '../spec/check-patterns.js';
import type { Spec } from '../model/spec.js';
import type { Availability } from './availability/plan-availability.js';
import type { Caching } from '../model/parts/caching.js';
import type { Capacity } from '../model/parts/capacity.js';
import type { Scaling } from '../model/parts/scaling.js';
import type { Security } from '../model/parts/security.js';
import type { TechnologySelection } from './technology/select-technology.js';
import type { WorkloadPattern } from '../sql/workload-pattern.js';
import type { MeasuredPattern } from './workload/plan-load.js';

/** The parts of a design that analyses produce and later analyses read: each figure is computed once, here. */
export interface DesignParts {
  readonly technology: TechnologySelection;
  readonly load: Load;
  readonly capacity: Capacity;
  readonly availability: Availability;
  readonly scaling: Scaling;
  readonly caching: Caching;
  readonly security: Security;
}
export type PartName = keyof DesignParts;

/** What every analysis reads: the spec, its workload, the schema as the analyses before it left it, and their parts. */
export interface DesignState {
  /** The target dialect: the analyses size storage through it (`dialect.storage`) and never build SQL text of their own. */
  readonly dialect: Dialect;
  readonly spec: Spec;
  readonly workload: readonly WorkloadPattern[];
  /** The parsed access patterns (parse trees), for analyses that read the SQL itself. */
  readonly patterns: readonly ParsedPattern[];
  readonly schema: Schema;
  readonly parts: Partial<DesignParts>;
  /** Execution times verify measured, which replace the load's estimates. */
  readonly measured?: ReadonlyMap<string, MeasuredPattern>;
}

export interface AnalysisOutput {
  /** The schema with what the analysis adds (indexes, partitioning, tables it needs); omitted when unchanged. */
  readonly schema?: Schema;
  readonly parts?: Partial<DesignParts>;
  readonly decisions: readonly Decision[];
  readonly diagnostics?: readonly Diagnostic[];
}

/**
 * One analysis: a pure function of the state before it. `areas` are the decision areas it writes,
 * in the order the report shows them; `needs` and `gives` are the parts it reads and produces, so
 * the registry's order can be checked.
 */
export interface Analysis {
  readonly name: string;
  readonly areas: readonly Decision['area'][];
  readonly needs: readonly PartName[];
  readonly gives: readonly PartName[];
  run(state: DesignState): AnalysisOutput;
}

/** A part an earlier analysis produced; a missing one is a registry-order bug, never a user error. */
export function part<K extends PartName>(state: DesignState, name: K): DesignParts[K] {
  const value = state.parts[name];
  if (value === undefined) throw new Error(`design part \`${name}\` is read before the analysis that produces it ran: fix the order in design/registry.ts`);
  return value as DesignParts[K];
}
