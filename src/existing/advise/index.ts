/**
 * Index advice from a workload (PostgreSQL): workload sources (workload/), what-if costing
 * (whatif/), the budgeted search and drop proposals (select/), and the report.
 */
export * from './workload/index.js';
export * from './whatif/index.js';
export * from './select/index.js';
export { renderAdviceText, adviceJson, type AdviceContext } from './report.js';
