import type { LogicalType } from '../../model/logical-type.js';
import type { Column, Schema } from '../../model/schema.js';
import type { RecordSize } from '../../model/parts/nosql.js';

/**
 * How many bytes one value takes in each target's encoding, typical and at most. Typical text fills
 * about half its declared length, capped at 40 characters (as the PostgreSQL sizing assumes); text
 * and JSON without a declared length are unbounded: their typical size counts, and they are named.
 */
export type Encoding = 'dynamodb' | 'bson' | 'cql';

interface Width {
  readonly typical: number;
  /** Undefined: no declared bound. */
  readonly max?: number;
}

/** Characters of a value, before the encoding's own overhead. */
function characters(type: LogicalType, schema: Schema): Width {
  switch (type.kind) {
    case 'string':
    case 'char':
      return { typical: Math.min(Math.ceil(type.length / 2), 40), max: type.length };
    case 'text':
    case 'bytes':
      return { typical: 40 };
    case 'json':
      return { typical: 120 };
    case 'enum': {
      const values = schema.enums.find((e) => e.name === type.name)?.values ?? ['value'];
      return { typical: Math.ceil(values.reduce((n, v) => n + v.length, 0) / values.length), max: Math.max(...values.map((v) => v.length)) };
    }
    case 'uuid':
      return { typical: 36, max: 36 };
    case 'timestamp':
      return { typical: 24, max: 24 }; // ISO 8601 with milliseconds, UTC: sorts as text
    case 'date':
      return { typical: 10, max: 10 };
    case 'time':
      return { typical: 8, max: 15 };
    case 'native':
      return { typical: 16 };
    default:
      return { typical: 8, max: 8 };
  }
}

/** DynamoDB: a string is its UTF-8 bytes, a number about one byte per two significant digits plus one. */
function dynamoBytes(type: LogicalType, schema: Schema): Width {
  switch (type.kind) {
    case 'int16':
    case 'int32':
      return { typical: 4, max: 6 };
    case 'int64':
      return { typical: 6, max: 11 };
    case 'float':
      return { typical: 9, max: 21 };
    case 'decimal':
    case 'money':
      return { typical: 5, max: 21 };
    case 'bool':
      return { typical: 1, max: 1 };
    default:
      return characters(type, schema);
  }
}

/** BSON: the type byte and the name are counted per field (fieldBytes); here the value only. */
function bsonBytes(type: LogicalType, schema: Schema): Width {
  switch (type.kind) {
    case 'int16':
    case 'int32':
      return { typical: 4, max: 4 };
    case 'int64':
    case 'float':
    case 'timestamp':
    case 'date':
      return { typical: 8, max: 8 };
    case 'decimal':
    case 'money':
      return { typical: 16, max: 16 }; // Decimal128
    case 'bool':
      return { typical: 1, max: 1 };
    default: {
      const c = characters(type, schema);
      // int32 length + bytes + NUL
      return { typical: c.typical + 5, ...(c.max !== undefined ? { max: c.max + 5 } : {}) };
    }
  }
}

/** CQL: fixed-size types by their width, text by its bytes. */
function cqlBytes(type: LogicalType, schema: Schema): Width {
  switch (type.kind) {
    case 'int16':
      return { typical: 2, max: 2 };
    case 'int32':
    case 'date':
      return { typical: 4, max: 4 };
    case 'int64':
    case 'float':
    case 'timestamp':
    case 'time':
      return { typical: 8, max: 8 };
    case 'decimal':
    case 'money':
      return { typical: 9, max: 17 };
    case 'bool':
      return { typical: 1, max: 1 };
    case 'uuid':
      return { typical: 16, max: 16 };
    default:
      return characters(type, schema);
  }
}

export function valueWidth(encoding: Encoding, type: LogicalType, schema: Schema): Width {
  return encoding === 'dynamodb' ? dynamoBytes(type, schema) : encoding === 'bson' ? bsonBytes(type, schema) : cqlBytes(type, schema);
}

/** One named value: DynamoDB and BSON store the name with every value (BSON adds a type byte and a NUL). */
export function fieldWidth(encoding: Encoding, name: string, column: Pick<Column, 'type'>, schema: Schema): Width {
  const value = valueWidth(encoding, column.type, schema);
  const overhead = encoding === 'dynamodb' ? Buffer.byteLength(name) : encoding === 'bson' ? Buffer.byteLength(name) + 2 : 0;
  return { typical: value.typical + overhead, ...(value.max !== undefined ? { max: value.max + overhead } : {}) };
}

/** Sums widths into a record size, naming the unbounded columns. */
export function recordSize(fields: readonly { readonly name: string; readonly width: Width }[], fixedBytes = 0): RecordSize {
  let typical = fixedBytes;
  let max = fixedBytes;
  const unbounded: string[] = [];
  for (const f of fields) {
    typical += f.width.typical;
    if (f.width.max === undefined) {
      unbounded.push(f.name);
      max += f.width.typical;
    } else max += f.width.max;
  }
  return { typicalBytes: Math.round(typical), maxBytes: Math.round(max), unbounded };
}

export const KB = 1024;
export const MB = 1024 * 1024;
