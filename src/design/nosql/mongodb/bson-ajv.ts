import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
export const AJV_VERSION = (require('ajv/package.json') as { version: string }).version;

const INT32 = 2 ** 31;

/**
 * A BSON type tested on the value the synthetic documents hold: `int` an integer within 32 bits,
 * `long` a safe integer, `double` and `decimal` a finite number (Decimal128 held as a JavaScript
 * number), `date` a Date, `object` a plain object, `array` an array.
 */
export function hasBsonType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'int':
      return Number.isInteger(value) && Math.abs(value as number) < INT32;
    case 'long':
      return Number.isSafeInteger(value);
    case 'double':
    case 'decimal':
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'bool':
      return typeof value === 'boolean';
    case 'date':
      return value instanceof Date && !Number.isNaN(value.getTime());
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
    case 'binData':
      return value instanceof Uint8Array;
    default:
      return false;
  }
}

/**
 * Ajv compiling `$jsonSchema` validators as MongoDB writes them. Every keyword the validators use
 * is a JSON Schema keyword Ajv checks as MongoDB does (required, properties, items, enum,
 * minimum, maximum, maxLength, pattern, uniqueItems, title, description), except `bsonType`, which
 * JSON Schema lacks: it is a keyword added here that tests the BSON type (hasBsonType).
 */
export function bsonAjv(): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addKeyword({
    keyword: 'bsonType',
    schemaType: ['string', 'array'],
    errors: false,
    validate: (schema: string | string[], data: unknown) => (Array.isArray(schema) ? schema : [schema]).some((t) => hasBsonType(data, t)),
  });
  return ajv;
}

/** The collection validator's `$jsonSchema`, compiled. */
export function compileValidator(ajv: Ajv, validator: Record<string, unknown>): ValidateFunction {
  return ajv.compile(validator['$jsonSchema'] as object);
}
