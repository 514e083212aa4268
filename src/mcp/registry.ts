import type { RegisteredDbarchitectTool } from './tool.js';
import { adviseIndexesTool } from './tools/advise-indexes.js';
import { auditTool } from './tools/audit.js';
import { checkSpecTool } from './tools/check-spec.js';
import { deriveIndexesTool } from './tools/derive-indexes.js';
import { designTool } from './tools/design.js';
import { diffTool } from './tools/diff.js';
import { estimateCapacityTool } from './tools/estimate-capacity.js';
import { explainQueryTool } from './tools/explain-query.js';
import { introspectTool } from './tools/introspect.js';
import { lintMigrationTool } from './tools/lint-migration.js';
import { planMigrationTool } from './tools/plan-migration.js';
import { selectTechnologyTool } from './tools/select-technology.js';
import { verifyTool } from './tools/verify.js';

/**
 * Every tool the server offers, one line each, in the order an assistant meets them: a spec's
 * check and design, the design's parts, verification, then existing databases and migrations.
 * Each is read-only: none changes a database.
 */
export const TOOLS: readonly RegisteredDbarchitectTool[] = [
  checkSpecTool,
  designTool,
  selectTechnologyTool,
  deriveIndexesTool,
  estimateCapacityTool,
  verifyTool,
  explainQueryTool,
  introspectTool,
  auditTool,
  adviseIndexesTool,
  diffTool,
  planMigrationTool,
  lintMigrationTool,
];
