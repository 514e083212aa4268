import type { Analysis } from '../analysis.js';
import { analyzeNormalization } from './analyze-normalization.js';

export const normalizationAnalysis: Analysis = {
  name: 'normalization',
  areas: ['normalization', 'denormalization'],
  needs: [],
  gives: [],
  run(state) {
    const result = analyzeNormalization(state.schema, state.patterns);
    return {
      decisions: result.decisions,
      diagnostics: result.warnings.map((c) => ({
        code: 'design/copied-attribute',
        severity: 'warning' as const,
        message: `\`${c.table}.${c.column}\` appears to copy \`${c.source}\` (through \`${c.via}\`), which can drift from it`,
        fix: `remove it and join through ${c.via}, or keep it if it is a snapshot taken at write time (say so in its description)`,
      })),
    };
  },
};
