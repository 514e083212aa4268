import { part, type Analysis } from '../analysis.js';
import { sizeInstance } from '../scaling/instance-sizing.js';
import { designCaching } from './design-caching.js';

/**
 * rule:cache-when-the-primary-is-busy. A cache earns its place when the reads it takes off the
 * database matter: below this many vCPU for the whole load (sized without caches), one primary serves
 * every read with room to spare, and a cache would only add a store to run and a staleness to explain.
 * A small team pays more for each part it operates, so its bar is higher.
 */
export const CACHE_MIN_VCPU = { small: 16, other: 8 } as const;

export const cachingAnalysis: Analysis = {
  name: 'caching',
  areas: ['caching'],
  needs: ['load', 'scaling'],
  gives: ['caching'],
  run(state) {
    const scaling = part(state, 'scaling');
    const bar = state.spec.requirements.team === 'small' ? CACHE_MIN_VCPU.small : CACHE_MIN_VCPU.other;
    // The whole load on one node, before replicas or caches take any of it: the instance rule's own vCPU figure.
    const need = scaling.instance && !scaling.sharding ? sizeInstance(part(state, 'load').totals.unitsPerSecond, 0).vcpuNeeded : undefined;
    const primaryHasRoom =
      need !== undefined && need <= bar
        ? `the primary serves it: the whole load needs ${need} vCPU (≤ ${bar}${state.spec.requirements.team === 'small' ? ' for a small team' : ''}), so a cache would add a store to run and a staleness to explain without relieving the database`
        : undefined;
    const { caching, decisions } = designCaching(state.spec, state.schema, state.workload, state.dialect, primaryHasRoom ? { primaryHasRoom } : {});
    return { parts: { caching }, decisions };
  },
};
