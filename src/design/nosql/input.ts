import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { patternAccesses, type PatternAccess } from './pattern-access.js';
import { volumesOf, type Volumes } from './volumes.js';

/** What every NoSQL design reads: the spec, the model as the spec declares it, and the workload with its parameter names. */
export interface NosqlInput {
  readonly spec: Spec;
  readonly schema: Schema;
  readonly workload: readonly WorkloadPattern[];
  /** Pattern name -> its parameter names in `$n` order. */
  readonly params: ReadonlyMap<string, readonly string[]>;
}

export interface NosqlContext extends NosqlInput {
  readonly accesses: readonly PatternAccess[];
  readonly volumes: Volumes;
}

export function nosqlContext(input: NosqlInput): NosqlContext {
  return { ...input, accesses: patternAccesses(input.schema, input.workload, input.params), volumes: volumesOf(input.spec, input.schema) };
}
