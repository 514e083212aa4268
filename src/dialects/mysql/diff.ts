import type { DialectDiff } from '../diff.js';
import type { Check } from '../../model/schema.js';

/**
 * The comparison for MySQL and MariaDB schemas. Both sides of a MySQL diff are read from a server's
 * catalog, which writes an expression one way; what still differs between two databases holding
 * the same definition is quoting and space (a check written with or without backticks, a default
 * as `current_timestamp()` or `CURRENT_TIMESTAMP`), so keys drop backticks, collapse space and
 * ignore case outside string literals.
 */
export function mysqlExpressionKey(sql: string): string {
  return sql
    .split(/('(?:[^']|'')*')/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/`/g, '').replace(/\s+/g, ' ').toLowerCase()))
    .join('')
    .replace(/\bcurrent_timestamp\(\)/g, 'current_timestamp')
    .replace(/\s*([(),=<>+*/-])\s*/g, '$1')
    .trim();
}

const ruleKey = (check: Check): string =>
  check.rule.kind === 'expression' ? mysqlExpressionKey(check.rule.sql) : JSON.stringify(check.rule, Object.keys(check.rule).sort());

export const mysqlDiff: DialectDiff = {
  expressionKey: mysqlExpressionKey,
  checkKey: ruleKey,
  // MySQL has no partial indexes: only a spec's structured condition could give one, compared as data.
  indexPredicateKey: (index) => (index.where.length || index.predicate ? `${JSON.stringify(index.where)}|${mysqlExpressionKey(index.predicate ?? '')}` : ''),
  nativeObjects: (schema) => [...(schema.native ?? [])],
  nativeKey: (object) => mysqlExpressionKey(object.sql),
  isManagedPartition: () => false,
  // "NO ACTION … InnoDB rejects the delete or update … equivalent to RESTRICT" (MySQL's FOREIGN KEY page); MariaDB reports an
  // INPLACE-added RESTRICT as NO ACTION, so the two spellings must compare equal.
  foreignKeyRuleKey: (rule) => (rule === 'restrict' ? 'no-action' : rule),
};
