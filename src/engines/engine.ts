import type { SqlSession } from '../dialects/session.js';

/** A real database the tool can run SQL on. Effects live here, never in analyses. */
export interface Engine extends SqlSession {
  /** `pglite`, `postgres`, … */
  readonly kind: string;
  /** Engine and version as reported by the engine itself, e.g. `PostgreSQL 18.6 (PGlite 0.5.16)`. */
  version(): Promise<string>;
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}
