import type { LogicalType } from '../../model/logical-type.js';
import type { Check, Column, Schema } from '../../model/schema.js';
import { EMAIL_LENGTH, PHONE_LENGTH } from '../../spec/field-column-type.js';
import type { PlannedField, Scalar } from './planned-spec.js';

/** The spec's enum values (spec/field-type.ts); others cannot be written as `enum(...)`. */
const ENUM_VALUE = /^[A-Za-z0-9_][A-Za-z0-9_ .:-]*$/;
const MAX_STRING = 10_485_760;

export interface SpecType {
  /** The spec's type text: `string(120)`, `timestamp`. */
  readonly text: string;
  /** The enum's values, for checking a default. */
  readonly values?: readonly string[];
  /** What the type says differently from the column's own type (empty when it says it exactly). */
  readonly notes: readonly string[];
}

/** The nearest spec type for a column's logical type, with a note where it is not exact. */
export function specTypeOf(type: LogicalType, schema: Schema, format?: 'email' | 'phone'): SpecType {
  const exact = (text: string): SpecType => ({ text, notes: [] });
  const near = (text: string, note: string): SpecType => ({ text, notes: [note] });
  switch (type.kind) {
    case 'string':
      if (format === 'email' && type.length === EMAIL_LENGTH) return exact('email');
      if (format === 'phone' && type.length === PHONE_LENGTH) return exact('phone');
      return type.length >= 1 && type.length <= MAX_STRING ? exact(`string(${type.length})`) : near('text', `varchar(${type.length}) has no spec length`);
    case 'char':
      return near(`string(${type.length})`, `char(${type.length}) in the database (blank-padded); string(n) is varchar(n)`);
    case 'text':
    case 'float':
    case 'bool':
    case 'date':
    case 'time':
    case 'json':
    case 'uuid':
      return exact(type.kind);
    case 'int16':
      return near('int', 'smallint in the database; the spec has no 16-bit integer');
    case 'int32':
      return exact('int');
    case 'int64':
      return exact('bigint');
    case 'decimal':
      if (type.precision === 19 && type.scale === 4) return exact('money');
      return type.precision >= 1 && type.precision <= 1000 && type.scale >= 0 && type.scale <= type.precision
        ? exact(`decimal(${type.precision},${type.scale})`)
        : near('decimal(1000,0)', `numeric(${type.precision},${type.scale}) is outside the spec's decimal range`);
    case 'money':
      return near('money', "the database's money type (its fraction set by the server's locale); the spec's money is decimal(19,4)");
    case 'timestamp':
      return type.withTimeZone ? exact('timestamp') : near('timestamp', "timestamp WITHOUT time zone in the database; the spec's timestamp is WITH time zone");
    case 'bytes':
      return near('text', 'binary (bytea) in the database; the spec has no binary type');
    case 'native':
      return near('text', `${type.sql} (${type.dialect}) in the database; the spec has no such type`);
    case 'enum': {
      const values = schema.enums.find((e) => e.name === type.name)?.values ?? [];
      const writable = values.length > 0 && values.every((v) => ENUM_VALUE.test(v)) && new Set(values).size === values.length;
      return writable ? { text: `enum(${values.join(', ')})`, values, notes: [] } : near('text', `enum type ${type.name} has values the spec cannot write`);
    }
  }
}

export interface FieldContext {
  readonly schema: Schema;
  /** The table's checks on this column alone (range and format). */
  readonly checks: readonly Check[];
}

/** A scalar column (not a reference) as a spec field. */
export function fieldOfColumn(column: Column, name: string, context: FieldContext): PlannedField {
  const notes: string[] = [];
  const format = context.checks.find((c) => c.rule.kind === 'format')?.rule;
  const type = specTypeOf(column.type, context.schema, format?.kind === 'format' ? format.format : undefined);
  notes.push(...type.notes);
  if (format?.kind === 'format' && !['email', 'phone'].includes(type.text))
    notes.push(`its ${format.format} format check is not kept (the type is not the spec's ${format.format})`);
  const numeric = ['int', 'bigint', 'money', 'float'].includes(type.text) || type.text.startsWith('decimal(');
  const ranges = context.checks.filter((c) => c.rule.kind === 'range');
  const range = numeric ? ranges[0]?.rule : undefined;
  if (ranges.length > (range ? 1 : 0)) notes.push(`range check${ranges.length > 1 ? 's' : ''} ${ranges.map((c) => c.name).join(', ')} not kept`);
  const defaultValue = specDefault(column, type, notes);
  if (column.generated)
    notes.push(`generated as (${column.generated.expression})${column.generated.stored ? ' stored' : ''}: the spec cannot say generated columns`);
  if (column.identity) notes.push(`identity (${column.identity}) in the database: the spec gives identity only to the surrogate id`);
  if (column.domain) notes.push(`declared with the domain ${column.domain}`);
  return {
    name,
    type: type.text,
    required: !column.nullable,
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(column.pii ? { pii: true } : {}),
    ...(range?.kind === 'range' && range.min !== undefined ? { min: range.min } : {}),
    ...(range?.kind === 'range' && range.max !== undefined ? { max: range.max } : {}),
    ...(column.distinct !== undefined ? { distinct: column.distinct } : {}),
    ...(column.comment ? { description: column.comment } : {}),
    notes,
  };
}

/** A column's default when the spec accepts it for the type (normalize-spec's checkDefault), else a note. */
function specDefault(column: Column, type: SpecType, notes: string[]): Scalar | undefined {
  const given = column.default;
  if (!given) return undefined;
  if (given.kind === 'now') return note(notes, 'default now(): the spec cannot give a time default');
  if (given.kind === 'random-uuid') return note(notes, 'default gen_random_uuid(): the spec generates UUIDs only for the surrogate id');
  if (given.kind === 'sequence') return note(notes, `default nextval('${given.sequence}') (serial): the spec gives sequences only to the surrogate id`);
  if (given.kind === 'expression') return note(notes, `default ${given.sql}: the spec takes only literal defaults`);
  const value = given.value;
  const text = type.text;
  const asNumber =
    typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : undefined;
  if (text === 'bool')
    return typeof value === 'boolean'
      ? value
      : value === 'true' || value === 'false'
        ? value === 'true'
        : note(notes, `default ${String(value)} is not a boolean`);
  if (text === 'int' || text === 'bigint')
    return asNumber !== undefined && Number.isInteger(asNumber) ? asNumber : note(notes, `default ${String(value)} is not an integer`);
  if (text === 'money' || text === 'float' || text.startsWith('decimal(')) return asNumber ?? note(notes, `default ${String(value)} is not a number`);
  if (type.values) return type.values.includes(String(value)) ? String(value) : note(notes, `default ${String(value)} is not one of the enum's values`);
  if (['json', 'uuid', 'date', 'time', 'timestamp'].includes(text)) return note(notes, `default ${String(value)}: the spec takes no default for ${text}`);
  const length = /^string\((\d+)\)$/.exec(text)?.[1];
  if (length !== undefined && String(value).length > Number(length)) return note(notes, `default ${String(value)} is longer than the column`);
  return typeof value === 'string' ? value : String(value);
}

function note(notes: string[], text: string): undefined {
  notes.push(text);
  return undefined;
}
