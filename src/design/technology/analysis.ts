import { part, type Analysis } from '../analysis.js';
import { selectTechnology } from './select-technology.js';

export const technologyAnalysis: Analysis = {
  name: 'technology',
  areas: ['technology'],
  needs: ['load'],
  gives: ['technology'],
  run(state) {
    const technology = selectTechnology(state.spec, state.schema, state.workload, part(state, 'load'), state.dialect.storage);
    return { parts: { technology }, decisions: technology.decisions };
  },
};
