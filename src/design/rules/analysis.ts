import { runRuleSet } from '../../diagnostics/rule.js';
import { designRules } from '../../rules/design/index.js';
import type { Analysis } from '../analysis.js';

/** The design rule set (src/rules/design/) on the model as the spec declares it, before any analysis adds to it: warnings only. */
export const designRulesAnalysis: Analysis = {
  name: 'rules',
  areas: [],
  needs: [],
  gives: [],
  run: (state) => ({ decisions: [], diagnostics: runRuleSet(designRules, { schema: state.schema, workload: state.workload }) }),
};
