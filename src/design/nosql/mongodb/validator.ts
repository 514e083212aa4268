import type { LogicalType } from '../../../model/logical-type.js';
import type { Column, Schema, Table } from '../../../model/schema.js';
import type { CollectionPlan } from './relationships.js';

/** Patterns a `format` check becomes: `$jsonSchema` has no `format` keyword. */
export const EMAIL_PATTERN = '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$';
export const PHONE_PATTERN = '^\\+[1-9][0-9]{1,14}$';

/** A column's BSON type as MongoDB stores it: 64-bit integers as long, money as Decimal128, instants as date. */
export function bsonType(type: LogicalType): string {
  switch (type.kind) {
    case 'int16':
    case 'int32':
      return 'int';
    case 'int64':
      return 'long';
    case 'decimal':
    case 'money':
      return 'decimal';
    case 'float':
      return 'double';
    case 'bool':
      return 'bool';
    case 'timestamp':
    case 'date':
      return 'date';
    case 'json':
      return 'object';
    case 'bytes':
      return 'binData';
    default:
      return 'string';
  }
}

type JsonSchema = Record<string, unknown>;

function columnSchema(schema: Schema, table: Table, column: Column): JsonSchema {
  const type = bsonType(column.type);
  const out: JsonSchema = { bsonType: column.nullable ? [type, 'null'] : type };
  if (column.comment) out['description'] = column.comment;
  if (column.type.kind === 'enum') {
    const name = column.type.name;
    out['enum'] = [...(schema.enums.find((e) => e.name === name)?.values ?? []), ...(column.nullable ? [null] : [])];
  }
  if ((column.type.kind === 'string' || column.type.kind === 'char') && column.type.length) out['maxLength'] = column.type.length;
  for (const check of table.checks) {
    const rule = check.rule;
    if (rule.kind === 'range' && rule.column === column.name) {
      if (rule.min !== undefined) out['minimum'] = rule.min;
      if (rule.max !== undefined) out['maximum'] = rule.max;
    }
    if (rule.kind === 'format' && rule.column === column.name) out['pattern'] = rule.format === 'email' ? EMAIL_PATTERN : PHONE_PATTERN;
  }
  return out;
}

/** A document's shape: every column, NOT NULL ones required; `omit` drops the columns a parent implies. */
function objectSchema(schema: Schema, table: Table, omit: readonly string[] = []): { properties: Record<string, JsonSchema>; required: string[] } {
  const columns = table.columns.filter((c) => !omit.includes(c.name));
  return {
    properties: Object.fromEntries(columns.map((c) => [c.name, columnSchema(schema, table, c)])),
    required: columns.filter((c) => !c.nullable).map((c) => c.name),
  };
}

/**
 * The collection's `$jsonSchema` validator (validationLevel strict, validationAction error):
 * column types, NOT NULL as `required`, enums, lengths, ranges and formats as patterns; embedded
 * children as arrays of sub-documents, link ids as arrays of the other side's key type, copied
 * parent columns as a sub-document.
 */
export function collectionValidator(schema: Schema, plan: CollectionPlan): JsonSchema {
  const own = objectSchema(schema, plan.table);
  const properties: Record<string, JsonSchema> = { ...own.properties };
  const required = [...own.required];
  for (const e of plan.embeds) {
    const child = objectSchema(schema, e.child, e.fk.columns);
    properties[e.field] = { bsonType: 'array', items: { bsonType: 'object', required: child.required, properties: child.properties } };
    required.push(e.field);
  }
  for (const i of plan.ids) {
    const other = i.link.columns.find((c) => c.name === i.column)!;
    properties[i.field] = { bsonType: 'array', uniqueItems: true, items: { bsonType: bsonType(other.type) } };
    required.push(i.field);
  }
  for (const x of plan.extended) {
    const parent = objectSchema(
      schema,
      x.parent,
      x.parent.columns.filter((c) => !x.columns.includes(c.name)).map((c) => c.name),
    );
    properties[x.field] = { bsonType: 'object', required: parent.required, properties: parent.properties };
    required.push(x.field);
  }
  return {
    $jsonSchema: {
      bsonType: 'object',
      title: plan.table.comment ?? `${plan.name} documents`,
      required,
      properties,
    },
  };
}
