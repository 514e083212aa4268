import type { DialectDiff } from '../../dialects/diff.js';
import type { Column, ForeignKey, Index, Policy, Table } from '../../model/schema.js';
import { referencedKey } from './rename-hints.js';
import { stableKey } from './stable-key.js';

/**
 * What the database holds of each part, as a string: two parts with the same key are the same
 * to the database. Only what DDL sets is in a key: origins, reasons, comments, PII flags, distinct
 * counts, volumes, statistics, sequences' last values and index usage are not.
 */

/** The column's type and where its values come from (identity, generation, domain): a change is `alter-column-type`. */
export const columnTypeKey = (c: Column, hooks: DialectDiff): string =>
  stableKey({
    type: c.type,
    identity: c.identity,
    generated: c.generated ? { expression: hooks.expressionKey(c.generated.expression), stored: c.generated.stored } : undefined,
    domain: c.domain,
  });

export const columnDefaultKey = (c: Column, hooks: DialectDiff): string =>
  c.default === undefined ? '' : c.default.kind === 'expression' ? `expression:${hooks.expressionKey(c.default.sql)}` : stableKey(c.default);

/**
 * A reference as the database keeps it. Spelled defaults are filled in: no ON UPDATE is NO ACTION,
 * and a deferrable reference the spec made is initially deferred (as the DDL writes it).
 */
export const foreignKeyKey = (table: Table, fk: ForeignKey, hooks?: DialectDiff): string => {
  const rule = hooks?.foreignKeyRuleKey ?? ((r: ForeignKey['onDelete']) => r);
  return stableKey({
    columns: fk.columns,
    refTable: referencedKey(table, fk.refTable),
    refColumns: fk.refColumns,
    onDelete: rule(fk.onDelete),
    onUpdate: rule(fk.onUpdate ?? 'no-action'),
    setNullColumns: fk.onDelete === 'set-null' ? (fk.setNullColumns ?? []) : [],
    deferrable: fk.deferrable,
    initiallyDeferred: fk.deferrable ? (fk.initiallyDeferred ?? true) : false,
  });
};

export const indexKey = (index: Index, hooks: DialectDiff): string =>
  stableKey({
    method: index.method,
    unique: index.unique,
    keys: index.keys.map((k) => ({
      column: k.column,
      expression: k.expression !== undefined ? hooks.expressionKey(k.expression) : undefined,
      order: k.order ?? 'asc',
      opclass: k.opclass,
    })),
    include: index.include,
    predicate: hooks.indexPredicateKey(index),
  });

export const policyKey = (p: Policy, hooks: DialectDiff): string =>
  stableKey({
    command: p.command,
    permissive: p.permissive,
    roles: [...p.roles].sort(),
    using: p.using !== undefined ? hooks.expressionKey(p.using) : undefined,
    withCheck: p.withCheck !== undefined ? hooks.expressionKey(p.withCheck) : undefined,
  });

/** Row security as the database has it; a table read without it, or designed, has it off. */
export const rowSecurityOf = (table: Table): NonNullable<Table['rowSecurity']> => table.rowSecurity ?? { enabled: false, forced: false, policies: [] };
