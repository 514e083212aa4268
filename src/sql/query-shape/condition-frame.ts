/** Where the condition walk is: which block and clause, and under how many NOTs and ORs. */
import type { Scope } from './scope.js';
import type { JoinType } from './types.js';

export interface ConditionFrame {
  readonly scope: Scope;
  readonly clause: 'where' | 'on';
  /** Join type of the ON clause being walked. */
  readonly joinType: JoinType;
  readonly negated: boolean;
  readonly inOr: boolean;
}

export function whereFrame(scope: Scope): ConditionFrame {
  return { scope, clause: 'where', joinType: 'inner', negated: false, inOr: false };
}

export function onFrame(scope: Scope, joinType: JoinType): ConditionFrame {
  return { scope, clause: 'on', joinType, negated: false, inOr: false };
}
