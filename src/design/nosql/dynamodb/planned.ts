import type { RangeOperator, ValueSource } from '../pattern-access.js';

/**
 * A pattern's requests while the design is built, structured so the same plan is both written into
 * design.json (as text) and turned into real requests for the local server (requests.ts).
 */

/** Part of a key value: a fixed tag, or a column's value taken from a parameter, a literal or the application. */
export type ValuePart = { readonly kind: 'tag'; readonly text: string } | { readonly kind: 'value'; readonly column: string; readonly source: ValueSource };

export interface KeyValue {
  readonly parts: readonly ValuePart[];
  /** Appended after the parts: `#` to stop a prefix at a segment boundary, `#~` to pass every longer key with that prefix. */
  readonly suffix?: '#' | '#~';
}

export type KeyOperator = '=' | '<' | '<=' | '>' | '>=' | 'between' | 'begins_with';

export interface KeyCondition {
  /** `PK`, `SK`, `GSI1PK`, … */
  readonly attribute: string;
  readonly operator: KeyOperator;
  readonly value: KeyValue;
  readonly high?: KeyValue;
}

export type FilterCondition =
  | {
      readonly kind: 'compare';
      readonly attribute: string;
      readonly operator: '=' | '<>' | RangeOperator;
      readonly value: ValueSource;
      readonly high?: ValueSource;
    }
  | { readonly kind: 'in'; readonly attribute: string; readonly values: readonly ValueSource[] }
  | { readonly kind: 'begins_with' | 'contains'; readonly attribute: string; readonly value: ValueSource }
  | { readonly kind: 'exists' | 'not_exists'; readonly attribute: string }
  /** A condition no FilterExpression can state: the application applies it to the items returned. */
  | { readonly kind: 'application'; readonly text: string };

export interface PlannedFilter {
  readonly conditions: readonly FilterCondition[];
  /** Children filtered inside a collection: items of this entity (the parent) always pass. */
  readonly passEntity?: string;
  /** Only items of these entities (a partition shared with others). */
  readonly onlyEntities?: readonly string[];
  readonly why: string;
}

export interface PlannedOperation {
  readonly operation: 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem';
  /** `table` or a GSI name. */
  readonly index: string;
  readonly entity: string;
  readonly key: readonly KeyCondition[];
  readonly scanIndexForward?: boolean;
  readonly limit?: number;
  readonly filter?: PlannedFilter;
  /** The request runs once per value of this IN list; the key's parts for `column` take each value in turn. */
  readonly perValue?: { readonly column: string; readonly values: readonly ValueSource[] };
  /** Columns a write sets. */
  readonly sets?: readonly string[];
  /** The keys of a write come from the items an earlier Query of the same pattern returned. */
  readonly forEachItemOf?: number;
  readonly why: string;
}

export interface PlannedPattern {
  readonly pattern: string;
  readonly kind: 'read' | 'write';
  readonly operations: PlannedOperation[];
  readonly notes: string[];
}
