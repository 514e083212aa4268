import { part, type Analysis } from '../analysis.js';
import { planAvailability } from './plan-availability.js';

/** Standby, backups and alerts; the connection alert reads the one max_connections the pooling plan sets. */
export const availabilityAnalysis: Analysis = {
  name: 'availability',
  areas: ['availability'],
  needs: ['scaling'],
  gives: ['availability'],
  run(state) {
    const scaling = part(state, 'scaling');
    const { availability, decisions } = planAvailability(state.spec, {
      maxConnections: scaling.pooling?.maxConnections,
      engine: scaling.engine,
      cluster: scaling.cluster,
      healthQueries: state.dialect.catalog.healthQueries,
    });
    return { parts: { availability }, decisions };
  },
};
