import type { Analysis } from '../analysis.js';
import { designCaching } from './design-caching.js';

export const cachingAnalysis: Analysis = {
  name: 'caching',
  areas: ['caching'],
  needs: [],
  gives: ['caching'],
  run(state) {
    const { caching, decisions } = designCaching(state.spec, state.schema, state.workload);
    return { parts: { caching }, decisions };
  },
};
