import type { Introspection } from '../model/introspection.js';

/**
 * PLACEHOLDER, replaced at the merge by helper hA's src/api/introspect.ts (introspection of a live
 * database or a SQL file). It exists only so `audit` can dispatch a URL or a `.sql` file to the
 * function it will call; until then those inputs fail with this message (exit 3 in the CLI).
 */
export interface IntrospectTargetOptions {
  /** The database schemas (namespaces) to read; default: every schema that is not the system's. */
  readonly namespaces?: readonly string[];
}

export async function introspect(_target: string, _options: IntrospectTargetOptions = {}): Promise<Introspection> {
  throw new Error('introspection is not available yet');
}
