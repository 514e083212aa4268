import type { ValueSource } from '../pattern-access.js';
import { evaluateSource, type Params } from '../reference-answer.js';
import type { Row, SyntheticData } from '../synthetic-rows.js';
import { attributeType, type ItemTypePlan } from './item-types.js';
import { itemOf, keyAttributes, marshall, type AttributeValue, type Item } from './items.js';
import { keyValueText, type PlainValue } from './key-template.js';
import type { FilterCondition, KeyCondition, KeyValue, PlannedOperation } from './planned.js';
import { gsiNames } from './serve-pattern.js';

/** One request to send, in the SDK's input shape (plain data; the engine adds nothing but the client). */
export interface DynamoRequest {
  readonly operation: 'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem';
  readonly input: Readonly<Record<string, unknown>>;
}

interface Expression {
  readonly names: Record<string, string>;
  readonly values: Record<string, AttributeValue>;
  name(attribute: string): string;
  value(v: AttributeValue): string;
}

function expression(): Expression {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  return {
    names,
    values,
    name(attribute) {
      const found = Object.entries(names).find(([, a]) => a === attribute);
      if (found) return found[0];
      const key = `#n${Object.keys(names).length}`;
      names[key] = attribute;
      return key;
    },
    value(v) {
      const key = `:v${Object.keys(values).length}`;
      values[key] = v;
      return key;
    },
  };
}

const plain = (v: unknown): PlainValue => (v === undefined ? null : (v as PlainValue));

/** A key value's text, the parameters and the application's SQL evaluated, encoded as the items encode it. */
function keyText(
  plan: ItemTypePlan,
  value: KeyValue,
  inSortKey: boolean,
  resolve: (s: ValueSource) => unknown,
  substitute?: { column: string; source: ValueSource },
): string {
  const text = value.parts
    .map((p) => {
      if (p.kind === 'tag') return p.text;
      const source = substitute && substitute.column === p.column ? substitute.source : p.source;
      return keyValueText(plain(resolve(source)), attributeType(plan, p.column), inSortKey);
    })
    .join('#');
  return text + (value.suffix ?? '');
}

function keyConditionExpression(
  plan: ItemTypePlan,
  conditions: readonly KeyCondition[],
  e: Expression,
  resolve: (s: ValueSource) => unknown,
  substitute?: { column: string; source: ValueSource },
): string {
  return conditions
    .map((k) => {
      const sortKey = k.attribute.endsWith('SK');
      const value = (v: KeyValue) => e.value({ S: keyText(plan, v, sortKey, resolve, substitute) });
      const name = e.name(k.attribute);
      if (k.operator === 'begins_with') return `begins_with(${name}, ${value(k.value)})`;
      if (k.operator === 'between') return `${name} BETWEEN ${value(k.value)} AND ${value(k.high!)}`;
      return `${name} ${k.operator} ${value(k.value)}`;
    })
    .join(' AND ');
}

function filterExpression(op: PlannedOperation, e: Expression, resolve: (s: ValueSource) => unknown): string | undefined {
  if (!op.filter) return undefined;
  const parts: string[] = [];
  const type = () => e.name('_type');
  if (op.filter.onlyEntities) parts.push(`${type()} IN (${op.filter.onlyEntities.map((x) => e.value({ S: x })).join(', ')})`);
  const conditions = op.filter.conditions.flatMap((c) => {
    const text = conditionText(c, e, resolve);
    return text ? [text] : [];
  });
  if (conditions.length)
    parts.push(op.filter.passEntity ? `(${type()} = ${e.value({ S: op.filter.passEntity })} OR (${conditions.join(' AND ')}))` : conditions.join(' AND '));
  return parts.length ? parts.join(' AND ') : undefined;
}

function conditionText(c: FilterCondition, e: Expression, resolve: (s: ValueSource) => unknown): string | undefined {
  const v = (s: ValueSource) => e.value(marshall(resolve(s)));
  switch (c.kind) {
    case 'compare':
      return c.operator === 'between' ? `${e.name(c.attribute)} BETWEEN ${v(c.value)} AND ${v(c.high!)}` : `${e.name(c.attribute)} ${c.operator} ${v(c.value)}`;
    case 'in':
      return `${e.name(c.attribute)} IN (${c.values.map(v).join(', ')})`;
    case 'begins_with':
    case 'contains':
      return `${c.kind}(${e.name(c.attribute)}, ${v(c.value)})`;
    case 'exists':
      return `attribute_exists(${e.name(c.attribute)})`;
    case 'not_exists':
      return `attribute_not_exists(${e.name(c.attribute)})`;
    case 'application':
      return undefined;
  }
}

/** The read requests of one planned operation: one per IN value, each a GetItem or a Query with its exact key condition. */
export function readRequests(tableName: string, plan: ItemTypePlan, op: PlannedOperation, params: Params, now: Date, consistent: boolean): DynamoRequest[] {
  const resolve = (s: ValueSource) => evaluateSource(s, params, now);
  const variants = op.perValue ? op.perValue.values.map((source) => ({ column: op.perValue!.column, source })) : [undefined];
  return variants.map((substitute) => {
    if (op.operation === 'GetItem') {
      const key = Object.fromEntries(op.key.map((k) => [k.attribute, { S: keyText(plan, k.value, k.attribute.endsWith('SK'), resolve, substitute) }]));
      return { operation: 'GetItem', input: { TableName: tableName, Key: key, ...(consistent ? { ConsistentRead: true } : {}) } };
    }
    const e = expression();
    const KeyConditionExpression = keyConditionExpression(plan, op.key, e, resolve, substitute);
    const FilterExpression = filterExpression(op, e, resolve);
    return {
      operation: 'Query',
      input: {
        TableName: tableName,
        ...(op.index !== 'table' ? { IndexName: op.index } : consistent ? { ConsistentRead: true } : {}),
        KeyConditionExpression,
        ...(FilterExpression ? { FilterExpression } : {}),
        ExpressionAttributeNames: e.names,
        ExpressionAttributeValues: e.values,
        ...(op.scanIndexForward !== undefined ? { ScanIndexForward: op.scanIndexForward } : {}),
        ...(op.limit !== undefined ? { Limit: op.limit } : {}),
      },
    };
  });
}

/** The write request of a planned write: the new row's item, or the key (from the parameters or an item read before) with the columns set. */
export function writeRequest(
  tableName: string,
  plan: ItemTypePlan,
  op: PlannedOperation,
  params: Params,
  data: SyntheticData,
  row: Row,
  keyItem?: Item,
): DynamoRequest {
  const resolve = (s: ValueSource) => evaluateSource(s, params, data.now);
  if (op.operation === 'PutItem')
    return { operation: 'PutItem', input: { TableName: tableName, Item: itemOf(plan, row, data), ConditionExpression: 'attribute_not_exists(PK)' } };
  const key: Record<string, AttributeValue> = keyItem
    ? { PK: keyItem['PK']!, SK: keyItem['SK']! }
    : Object.fromEntries(op.key.map((k) => [k.attribute, { S: keyText(plan, k.value, k.attribute.endsWith('SK'), resolve) }]));
  if (op.operation === 'DeleteItem') return { operation: 'DeleteItem', input: { TableName: tableName, Key: key } };
  const e = expression();
  const sets = (op.sets ?? []).map((c) => `${e.name(c)} = ${e.value(marshall(row[c]))}`);
  // A GSI whose key reads a changed column gets its key recomputed from the updated row.
  for (const [index, gsi] of plan.gsis) {
    if (![...gsi.pk, ...gsi.sk].some((s) => s.kind === 'column' && (op.sets ?? []).includes(s.column))) continue;
    for (const [attribute, value] of Object.entries(keyAttributes(plan, gsi, gsiNames(index), row))) sets.push(`${e.name(attribute)} = ${e.value(value)}`);
  }
  return {
    operation: 'UpdateItem',
    input: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}`,
      ExpressionAttributeNames: e.names,
      ExpressionAttributeValues: e.values,
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}
