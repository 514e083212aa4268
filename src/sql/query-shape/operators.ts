/** Operator spellings: how libpg_query names them, and what they mean for a predicate. */
import type { PredicateOp } from './types.js';

/** LIKE and ILIKE arrive as their operator names. */
export const LIKE_OPERATORS: Readonly<Record<string, string>> = {
  '~~': 'LIKE',
  '!~~': 'NOT LIKE',
  '~~*': 'ILIKE',
  '!~~*': 'NOT ILIKE',
};

/** The operator as seen with the sides swapped; absent when there is no such operator. */
export const FLIPPED_OPERATORS: Readonly<Record<string, string>> = {
  '=': '=',
  '<>': '<>',
  '!=': '!=',
  '<': '>',
  '>': '<',
  '<=': '>=',
  '>=': '<=',
  'IS DISTINCT FROM': 'IS DISTINCT FROM',
  'IS NOT DISTINCT FROM': 'IS NOT DISTINCT FROM',
  '@>': '<@',
  '<@': '@>',
  '&&': '&&',
};

export function comparisonOp(operator: string): PredicateOp {
  if (operator === '=' || operator === 'IS NOT DISTINCT FROM') return 'eq';
  if (operator === '<>' || operator === '!=' || operator === 'IS DISTINCT FROM') return 'neq';
  if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') return 'range';
  return 'other';
}
