import type { Analysis } from '../analysis.js';
import { analyzeNormalization } from './analyze-normalization.js';

/** The normal form and each departure from it; the copied attributes it counts are reported by the rule `design/copied-attribute`. */
export const normalizationAnalysis: Analysis = {
  name: 'normalization',
  areas: ['normalization', 'denormalization'],
  needs: [],
  gives: [],
  run: (state) => ({ decisions: analyzeNormalization(state.schema, state.patterns) }),
};
