import { part, type Analysis } from '../analysis.js';
import { TECHNOLOGY_CATALOG } from '../technology/catalog.js';
import { designScaling } from './design-scaling.js';

/** Scaling for the chosen engine, from the one load and the capacity's sizes and hot set. */
export const scalingAnalysis: Analysis = {
  name: 'scaling',
  areas: ['scaling'],
  needs: ['technology', 'load', 'capacity'],
  gives: ['scaling'],
  run(state) {
    const choice = part(state, 'technology').choice;
    const engine = TECHNOLOGY_CATALOG.find((e) => e.id === choice)!;
    const { scaling, decisions } = designScaling({
      spec: state.spec,
      schema: state.schema,
      workload: state.workload,
      load: part(state, 'load'),
      capacity: part(state, 'capacity'),
      engine,
      dialect: state.dialect,
    });
    return { parts: { scaling }, decisions };
  },
};
