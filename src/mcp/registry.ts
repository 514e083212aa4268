import type { RegisteredDbarchitectTool } from './tool.js';
import { checkSpecTool } from './tools/check-spec.js';
import { designTool } from './tools/design.js';

/**
 * Every tool the server offers, one line each, in the order an assistant meets them: a spec's
 * check and design, the design's parts, verification, then existing databases and migrations.
 */
export const TOOLS: readonly RegisteredDbarchitectTool[] = [
  checkSpecTool,
  designTool,
  // advise_indexes: tools/advise-indexes.ts over api/advise.ts (issue 13) goes here, one line, when that lands.
];
