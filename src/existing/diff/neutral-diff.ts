import type { DialectDiff } from '../../dialects/diff.js';
import { stableKey } from './stable-key.js';

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/**
 * The comparison for schemas of a dialect without diff hooks (MySQL and MariaDB today): SQL text
 * compared with its white space collapsed, structured rules as they are. The model's triggers,
 * pre-aggregate views and partitioning need a dialect to become SQL, so here they are not compared;
 * the native objects a database was read with are.
 */
export const neutralDiff: DialectDiff = {
  expressionKey: collapse,
  checkKey: (check) => (check.rule.kind === 'expression' ? collapse(check.rule.sql) : stableKey(check.rule)),
  indexPredicateKey: (index) => (index.where.length || index.predicate ? `${stableKey(index.where)}|${collapse(index.predicate ?? '')}` : ''),
  nativeObjects: (schema) => [...(schema.native ?? [])],
  nativeKey: (object) => collapse(object.sql),
  isManagedPartition: () => false,
};
