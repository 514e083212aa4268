import type { Introspection } from '../model/introspection.js';
import type { SqlSession } from './session.js';

export interface IntrospectOptions {
  /** The database schemas (namespaces) to read; default: every schema that is not the system's. */
  readonly namespaces?: readonly string[];
}

/**
 * Reads what a live database holds into the one model, with catalog queries only (never a write).
 * The caller bounds the session's statements with the dialect's timeouts before it calls this.
 */
export interface Introspector {
  /** The dialect name, as in the dialect registry: `postgres`, `mysql`. */
  readonly dialect: string;
  introspect(
    db: SqlSession,
    options?: IntrospectOptions,
  ): Promise<Omit<Introspection, 'source' | 'statements'> & { readonly serverVersion: string; readonly namespaces: readonly string[] }>;
}
