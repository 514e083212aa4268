import type { Analysis } from '../analysis.js';
import { designSecurity } from './design-security.js';

export const securityAnalysis: Analysis = {
  name: 'security',
  areas: ['security'],
  needs: [],
  gives: ['security'],
  run(state) {
    const { security, decisions } = designSecurity(state.spec, state.schema);
    return { parts: { security }, decisions };
  },
};
