import type { FieldSpec } from '../model/spec.js';
import type { LogicalType } from '../model/logical-type.js';

/** RFC 5321 caps an address at 254 characters; E.164 numbers have at most 15 digits plus `+`. */
export const EMAIL_LENGTH = 254;
export const PHONE_LENGTH = 16;
/** Money: exact, 15 integer digits and 4 decimals covers every currency's minor units and rates. */
export const MONEY_TYPE = { kind: 'decimal', precision: 19, scale: 4 } as const satisfies LogicalType;

/** The column type of a scalar field (not ref or many, which depend on the referenced entity). */
export function scalarColumnType(field: FieldSpec, enumName: string): LogicalType {
  const { type } = field;
  switch (type.kind) {
    case 'string':
      return { kind: 'string', length: type.length };
    case 'decimal':
      return { kind: 'decimal', precision: type.precision, scale: type.scale };
    case 'money':
      return MONEY_TYPE;
    case 'enum':
      return { kind: 'enum', name: enumName };
    case 'int':
      return { kind: 'int32' };
    case 'bigint':
      return { kind: 'int64' };
    case 'timestamp':
      return { kind: 'timestamp', withTimeZone: true };
    case 'email':
      return { kind: 'string', length: EMAIL_LENGTH };
    case 'phone':
      return { kind: 'string', length: PHONE_LENGTH };
    case 'text':
    case 'float':
    case 'bool':
    case 'date':
    case 'time':
    case 'json':
    case 'uuid':
      return { kind: type.kind };
    case 'ref':
    case 'many':
      throw new Error(`scalarColumnType called for a ${type.kind} field`);
  }
}
