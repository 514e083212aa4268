import type { NosqlTarget } from '../../model/parts/nosql.js';

/** `design --target` names, free of zod and the design code so the CLI can list them at start. */
export const NOSQL_TARGETS: readonly NosqlTarget[] = ['dynamodb', 'mongodb', 'cassandra'];
