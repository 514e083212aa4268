import type { Schema } from '../model/schema.js';
import type { ApplyDialect } from './apply.js';
import type { Dialect, DialectSession } from './dialect.js';
import type { DialectDiff } from './diff.js';
import type { Introspector } from './introspection.js';
import type { DialectMigration } from './migration.js';
import type { SqlSession } from './session.js';

/**
 * What `diff` and `apply` need of a dialect: its half of the planner, its comparison, its runner,
 * and how a plan's check builds a copy of the source. A full `Dialect` provides it (see
 * `planningOf`); a dialect the tool only reads and migrates (MySQL/MariaDB) provides just this, so
 * it is never made to pretend it can design.
 */
export interface PlanningDialect {
  readonly name: string;
  readonly displayName: string;
  /** Must be awaited once before the synchronous methods. */
  prepare(): Promise<void>;
  readonly migration: DialectMigration;
  /** Absent: SQL compared as written (`neutralDiff`). */
  readonly diff?: DialectDiff;
  /** Absent: plans are written but cannot be run or checked. */
  readonly apply?: ApplyDialect;
  readonly session: Pick<DialectSession, 'timeouts' | 'rollback'>;
  /** Said once in every plan of the dialect (MySQL: no transactional DDL). */
  readonly planNotes?: readonly string[];
  /** The statements that build a schema's structure in an empty database, for a plan's check; `optional` ones may fail (their reason is noted). */
  structure(schema: Schema): { readonly sql: string; readonly optional?: string }[];
  /** Reads the copy back as the dialect's introspector reads a database, without the runner's own bookkeeping. */
  readBack(introspector: Introspector, db: SqlSession): Promise<Schema>;
}

/** A full dialect as a planning one, when it can plan (PostgreSQL). */
export function planningOf(dialect: Dialect): PlanningDialect | undefined {
  const { migration } = dialect;
  if (!migration) return undefined;
  return {
    name: dialect.name,
    displayName: dialect.displayName,
    prepare: () => dialect.prepare(),
    migration,
    ...(dialect.diff ? { diff: dialect.diff } : {}),
    ...(dialect.apply ? { apply: dialect.apply } : {}),
    session: dialect.session,
    structure: (schema) => [
      { sql: dialect.emitDdl(schema, { comments: false }) },
      // A partitioning is part of its table's CREATE, which the model cannot say.
      ...(schema.native ?? []).filter((o) => o.kind !== 'partitioning').map((o) => ({ sql: o.sql, optional: `${o.kind} ${o.name}` })),
    ],
    readBack: async (introspector, db) => (await introspector.introspect(db, { namespaces: ['public'] })).schema,
  };
}
