import type { RangeOperator, ValueSource } from '../pattern-access.js';
import { keyColumns, type KeyDef } from './key-template.js';
import type { KeyCondition, KeyValue, ValuePart } from './planned.js';

/** What a single-entity request needs from a key, in attribute names of the item. */
export interface KeyNeeds {
  readonly eq: ReadonlyMap<string, ValueSource>;
  readonly ins: ReadonlyMap<string, readonly ValueSource[]>;
  readonly range?: { readonly attribute: string; readonly operator: RangeOperator; readonly value: ValueSource; readonly high?: ValueSource };
  readonly order: readonly { readonly attribute: string; readonly direction: 'asc' | 'desc' }[];
}

export interface KeyMatch {
  readonly conditions: KeyCondition[];
  /** Every key column bound by equality: at most one item (GetItem on the base table). */
  readonly fullyBound: boolean;
  readonly rangeOnKey: boolean;
  readonly scanIndexForward?: boolean;
  /** The IN column whose values the key takes one request at a time. */
  readonly perValue?: string;
}

/**
 * Whether a key serves the needs without reading items it then drops: the partition key bound by
 * equality (or one IN value per request), the sort key's leading columns bound, then the range and
 * the ORDER BY on the next sort-key columns. A range on another column than the order's first is
 * left for the filter (one sort key holds one order).
 */
export function matchKey(key: KeyDef, needs: KeyNeeds, names: { pk: string; sk: string }): KeyMatch | undefined {
  const bound = (c: string) => needs.eq.has(c) || needs.ins.has(c);
  const pkColumns = keyColumns(key.pk);
  if (!pkColumns.every(bound)) return undefined;
  const prefix: ValuePart[] = [];
  let i = 0;
  for (; i < key.sk.length; i++) {
    const s = key.sk[i]!;
    if (s.kind === 'tag') prefix.push({ kind: 'tag', text: s.text });
    else if (bound(s.column) && !pkColumns.includes(s.column)) prefix.push(part(s.column, needs));
    else break;
  }
  const boundColumns = new Set([...pkColumns, ...keyColumns(key.sk.slice(0, i))]);
  if ([...needs.eq.keys(), ...needs.ins.keys()].some((c) => !boundColumns.has(c))) return undefined;
  const inKey = [...boundColumns].filter((c) => needs.ins.has(c));
  if (inKey.length > 1) return undefined;
  const rest = keyColumns(key.sk.slice(i));
  const fullyBound = rest.length === 0;

  let scanIndexForward: boolean | undefined;
  if (needs.order.length && !fullyBound) {
    const directions = new Set(needs.order.map((o) => o.direction));
    if (directions.size > 1 || needs.order.some((o, k) => rest[k] !== o.attribute)) return undefined;
    scanIndexForward = needs.order[0]!.direction === 'asc';
  }
  const range = needs.range;
  const rangeOnKey = range !== undefined && rest[0] === range.attribute;
  if (range && !rangeOnKey && !(needs.order.length && needs.order[0]!.attribute !== range.attribute)) return undefined;

  const conditions: KeyCondition[] = [
    { attribute: names.pk, operator: '=', value: { parts: key.pk.map((s) => (s.kind === 'tag' ? { kind: 'tag', text: s.text } : part(s.column, needs))) } },
  ];
  const more = rest.length > 1;
  if (rangeOnKey) conditions.push(rangeCondition(names.sk, prefix, range!.attribute, range!.operator, range!.value, range!.high, more));
  else if (fullyBound) conditions.push({ attribute: names.sk, operator: '=', value: { parts: prefix } });
  else if (prefix.length) conditions.push({ attribute: names.sk, operator: 'begins_with', value: { parts: prefix, suffix: '#' } });
  return { conditions, fullyBound, rangeOnKey, ...(scanIndexForward !== undefined ? { scanIndexForward } : {}), ...(inKey[0] ? { perValue: inKey[0] } : {}) };
}

function part(column: string, needs: KeyNeeds): ValuePart {
  // An IN column's value is substituted per request; its first value stands in the template.
  const source = needs.eq.get(column) ?? needs.ins.get(column)![0]!;
  return { kind: 'value', column, source };
}

/**
 * A range on the sort-key column after a bound prefix. With more segments after the column, a
 * bound is extended by `#~` (above every longer key with that prefix); under a prefix the other
 * side is the prefix itself, so no key outside it is read.
 */
function rangeCondition(
  attribute: string,
  prefix: readonly ValuePart[],
  column: string,
  operator: RangeOperator,
  value: ValueSource,
  high: ValueSource | undefined,
  more: boolean,
): KeyCondition {
  const at = (source: ValueSource, suffix?: KeyValue['suffix']): KeyValue => ({
    parts: [...prefix, { kind: 'value', column, source }],
    ...(suffix ? { suffix } : {}),
  });
  const upperOf = (source: ValueSource) => at(source, more ? '#~' : undefined);
  if (!prefix.length) {
    switch (operator) {
      case '>=':
        return { attribute, operator: '>=', value: at(value) };
      case '>':
        return { attribute, operator: '>', value: upperOf(value) };
      case '<':
        return { attribute, operator: '<', value: at(value) };
      case '<=':
        return { attribute, operator: '<=', value: upperOf(value) };
      case 'between':
        return { attribute, operator: 'between', value: at(value), high: upperOf(high!) };
    }
  }
  const floor: KeyValue = { parts: prefix, suffix: '#' };
  const ceiling: KeyValue = { parts: prefix, suffix: '#~' };
  switch (operator) {
    case '>=':
      return { attribute, operator: 'between', value: at(value), high: ceiling };
    case '>':
      return { attribute, operator: 'between', value: upperOf(value), high: ceiling };
    case '<':
      return { attribute, operator: 'between', value: floor, high: at(value) };
    case '<=':
      return { attribute, operator: 'between', value: floor, high: upperOf(value) };
    case 'between':
      return { attribute, operator: 'between', value: at(value), high: upperOf(high!) };
  }
}
