import type { Analysis } from '../analysis.js';
import { chooseModelingPatterns } from './modeling-patterns.js';

/** Modeling patterns, with the tables they need (history, snapshots) added before they are partitioned, indexed and sized. */
export const modelingAnalysis: Analysis = {
  name: 'modeling',
  areas: ['modeling'],
  needs: [],
  gives: [],
  run(state) {
    const result = chooseModelingPatterns(state.spec, state.schema, state.workload);
    return { schema: result.schema, decisions: result.decisions };
  },
};
