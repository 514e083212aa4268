import type { Dialect } from './dialect.js';
import type { Introspector } from './introspection.js';
import { mysqlIntrospector } from './mysql/index.js';
import { mysqlPlanning } from './mysql/migrate/planning.js';
import { type PlanningDialect, planningOf } from './planning.js';
import { postgresDialect } from './postgres/index.js';
import { postgresIntrospector } from './postgres/introspect/index.js';

/** Explicit name -> dialect. Adding a dialect is adding its folder and one line here. */
const DIALECTS: Readonly<Record<string, Dialect>> = {
  postgres: postgresDialect,
};

export const dialectNames = (): string[] => Object.keys(DIALECTS);

export function getDialect(name: string): Dialect | undefined {
  return Object.hasOwn(DIALECTS, name) ? DIALECTS[name] : undefined;
}

/** The dialect `design` and `verify` target when none is named (`--dialect`). */
export const DEFAULT_DIALECT = 'postgres';

export const defaultDialect = (): Dialect => DIALECTS[DEFAULT_DIALECT]!;

/**
 * Dialect name -> the reader of its live databases. A separate list from DIALECTS: a dialect can be
 * read before the tool can design for it (MySQL/MariaDB today).
 */
const INTROSPECTORS: Readonly<Record<string, Introspector>> = {
  mysql: mysqlIntrospector,
  postgres: postgresIntrospector,
};

export const introspectorDialects = (): string[] => Object.keys(INTROSPECTORS);

export function introspectorFor(dialect: string): Introspector | undefined {
  return Object.hasOwn(INTROSPECTORS, dialect) ? INTROSPECTORS[dialect] : undefined;
}

/**
 * Dialect name -> what `diff` and `apply` need of it: every full dialect that can plan, plus those
 * the tool only reads and migrates (MySQL/MariaDB), so those are never made to pretend to be full.
 */
const PLANNERS: Readonly<Record<string, PlanningDialect>> = {
  ...Object.fromEntries(Object.values(DIALECTS).flatMap((d) => (planningOf(d) ? [[d.name, planningOf(d)!]] : []))),
  mysql: mysqlPlanning,
};

export const plannerNames = (): string[] => Object.keys(PLANNERS);

export function plannerFor(dialect: string): PlanningDialect | undefined {
  return Object.hasOwn(PLANNERS, dialect) ? PLANNERS[dialect] : undefined;
}
