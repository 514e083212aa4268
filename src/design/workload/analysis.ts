import type { Load } from '../../model/parts/load.js';
import type { Schema } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import type { Analysis } from '../analysis.js';
import { horizonMonths, projectRows } from '../capacity/projection.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { planLoad, type MeasuredPattern } from './plan-load.js';

/** The load at the horizon's volumes (rows projected by the capacity model's projection). */
export function loadAtHorizon(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[], measured?: ReadonlyMap<string, MeasuredPattern>): Load {
  const months = horizonMonths(spec);
  const rows = projectRows(schema, months)[months]!.rows;
  return planLoad({ spec, schema, workload, rows, rowsAt: `the ${spec.requirements.horizon.text} horizon`, ...(measured ? { measured } : {}) });
}

/** The load of every pattern and table at the horizon's volumes: the one source every sizing reads. */
export const loadAnalysis: Analysis = {
  name: 'load',
  areas: [],
  needs: [],
  gives: ['load'],
  run(state) {
    return { parts: { load: loadAtHorizon(state.spec, state.schema, state.workload, state.measured) }, decisions: [] };
  },
};
