import type { DynamoOperation } from '../../../model/parts/nosql.js';
import type { ValueSource } from '../pattern-access.js';
import type { FilterCondition, KeyCondition, KeyValue, PlannedOperation } from './planned.js';

/** A value as design.json writes it: a parameter `{:tenant}`, a literal as it is, SQL the application evaluates `{=now()}`. */
export function sourceText(source: ValueSource): string {
  if (source.kind === 'param') return `{:${source.name}}`;
  if (source.kind === 'constant') return String(source.value);
  return `{=${source.text}}`;
}

export function keyValueTemplate(value: KeyValue): string {
  return value.parts.map((p) => (p.kind === 'tag' ? p.text : sourceText(p.source))).join('#') + (value.suffix ?? '');
}

/** A planned request as design.json and access-patterns.md state it: the key condition with its placeholders and their templates. */
export function describeOperation(op: PlannedOperation): DynamoOperation {
  const values: Record<string, string> = {};
  const placeholder = (name: string, value: KeyValue) => {
    values[name] = keyValueTemplate(value);
    return name;
  };
  const parts = op.key.map((k, i) => keyConditionText(k, i === 0 ? ':pk' : ':sk', placeholder));
  const filterParts: string[] = [];
  let n = 0;
  const literal = (source: ValueSource) => {
    const name = `:f${n++}`;
    values[name] = sourceText(source);
    return name;
  };
  if (op.filter) {
    if (op.filter.onlyEntities) filterParts.push(`_type IN (${op.filter.onlyEntities.map((e) => literal({ kind: 'constant', value: e })).join(', ')})`);
    const conditions = op.filter.conditions.filter((c) => c.kind !== 'application').map((c) => filterText(c, literal));
    if (conditions.length)
      filterParts.push(
        op.filter.passEntity
          ? `(_type = ${literal({ kind: 'constant', value: op.filter.passEntity })} OR (${conditions.join(' AND ')}))`
          : conditions.join(' AND '),
      );
  }
  return {
    operation: op.operation,
    index: op.index,
    entity: op.entity,
    keyCondition:
      op.forEachItemOf !== undefined
        ? `the key of each item request ${op.forEachItemOf + 1} returned`
        : op.operation === 'PutItem'
          ? 'attribute_not_exists(PK)'
          : parts.join(' AND '),
    values,
    ...(op.scanIndexForward !== undefined ? { scanIndexForward: op.scanIndexForward } : {}),
    ...(op.limit !== undefined ? { limit: op.limit } : {}),
    ...(op.filter ? { filter: { expression: filterParts.join(' AND '), why: filterWhy(op) } } : {}),
    ...(op.perValue
      ? { perValue: { column: op.perValue.column, values: op.perValue.values.map((v) => (v.kind === 'constant' ? v.value : sourceText(v))) } }
      : {}),
    ...(op.sets ? { sets: [...op.sets] } : {}),
  };
}

/** Why the filter exists, and what only the application can apply (no FilterExpression states it). */
function filterWhy(op: PlannedOperation): string {
  const application = op.filter!.conditions.flatMap((c) => (c.kind === 'application' ? [`\`${c.text}\``] : []));
  return application.length ? `${op.filter!.why}; the application applies ${application.join(', ')}` : op.filter!.why;
}

function keyConditionText(k: KeyCondition, name: string, placeholder: (name: string, value: KeyValue) => string): string {
  switch (k.operator) {
    case 'begins_with':
      return `begins_with(${k.attribute}, ${placeholder(name, k.value)})`;
    case 'between':
      return `${k.attribute} BETWEEN ${placeholder(`${name}_low`, k.value)} AND ${placeholder(`${name}_high`, k.high!)}`;
    default:
      return `${k.attribute} ${k.operator} ${placeholder(name, k.value)}`;
  }
}

function filterText(c: FilterCondition, literal: (source: ValueSource) => string): string {
  switch (c.kind) {
    case 'compare':
      return c.operator === 'between'
        ? `${c.attribute} BETWEEN ${literal(c.value)} AND ${literal(c.high!)}`
        : `${c.attribute} ${c.operator} ${literal(c.value)}`;
    case 'in':
      return `${c.attribute} IN (${c.values.map(literal).join(', ')})`;
    case 'begins_with':
    case 'contains':
      return `${c.kind}(${c.attribute}, ${literal(c.value)})`;
    case 'exists':
      return `attribute_exists(${c.attribute})`;
    case 'not_exists':
      return `attribute_not_exists(${c.attribute})`;
    case 'application':
      return '';
  }
}
