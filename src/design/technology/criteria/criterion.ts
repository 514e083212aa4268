import type { EngineProfile, Level } from '../engine-profile.js';
import type { Hosting } from '../hosting.js';
import type { WorkloadFeatures } from '../workload-features.js';

/** What one criterion says about one engine: a score in [0, 1] and the reason in words. */
export interface Judgement {
  readonly score: number;
  readonly why: string;
}

/** How much a criterion counts for this spec (0 when the spec does not need it), and why. */
export interface Weight {
  readonly weight: number;
  readonly why: string;
}

export interface EngineContext {
  readonly engine: EngineProfile;
  readonly hosting: Hosting;
}

/**
 * One axis of the comparison. The weight comes from the spec (requirements and workload), the
 * score from the catalog: the same weight applies to every engine, so scores are comparable.
 */
export interface Criterion {
  readonly name: string;
  weight(features: WorkloadFeatures): Weight;
  judge(context: EngineContext, features: WorkloadFeatures): Judgement;
}

export const LEVEL_SCORE: Readonly<Record<Level, number>> = { low: 1, medium: 0.6, high: 0.25 };

/** A 0-3 strength as a score. */
export const strengthScore = (strength: number): number => strength / 3;

export const TRANSACTION_WORDS = {
  'multi-row-acid': 'multi-row ACID transactions',
  'multi-item-limited': 'ACID over a bounded set of items only',
  'single-partition': 'atomic within one partition only',
  'single-document': 'atomic per document only',
  none: 'no transactions',
} as const;

export const STRENGTH_WORDS = ['none', 'weak', 'good', 'strong'] as const;

/** `(stated)` or `(default)`: whether the spec said it or the design assumed it. */
export function statedOrDefault(features: WorkloadFeatures, key: string): string {
  return features.requirements.assumed.includes(key) ? '(default)' : '(stated)';
}
