import type { LogicalType } from '../../model/logical-type.js';

/** VARCHAR2 holds 4,000 bytes unless MAX_STRING_SIZE = EXTENDED: longer strings are CLOB. */
const MAX_VARCHAR2 = 4000;
const MAX_PRECISION = 38;

/**
 * Logical type -> Oracle 19c type. Lengths count characters (`CHAR` semantics); integers are
 * NUMBER with the digits their range needs; booleans are NUMBER(1) checked IN (0, 1) by the DDL
 * (BOOLEAN needs 23ai); json is CLOB; an instant is TIMESTAMP WITH TIME ZONE, except in a key
 * (`inKey`), where Oracle refuses that type (ORA-02329) and the column is a TIMESTAMP in UTC;
 * Oracle has no time-of-day type, so time is text `HH24:MI:SS.FF6`.
 */
export function oracleColumnType(type: LogicalType, options: { readonly enumLength?: number; readonly inKey?: boolean } = {}): string {
  switch (type.kind) {
    case 'string':
      return type.length <= MAX_VARCHAR2 ? `VARCHAR2(${type.length} CHAR)` : 'CLOB';
    case 'text':
    case 'json':
      return 'CLOB';
    case 'char':
      return `CHAR(${Math.min(type.length, 2000)} CHAR)`;
    case 'money':
      return 'NUMBER(19,4)';
    case 'int16':
      return 'NUMBER(5)';
    case 'int32':
      return 'NUMBER(10)';
    case 'int64':
      return 'NUMBER(19)';
    case 'decimal':
      return `NUMBER(${Math.min(type.precision, MAX_PRECISION)},${Math.min(type.scale, MAX_PRECISION)})`;
    case 'float':
      return 'BINARY_DOUBLE';
    case 'bool':
      return 'NUMBER(1)';
    case 'date':
      return 'DATE';
    case 'time':
      return 'VARCHAR2(15 CHAR)';
    case 'timestamp':
      return type.withTimeZone && !options.inKey ? 'TIMESTAMP WITH TIME ZONE' : 'TIMESTAMP';
    case 'uuid':
      return 'RAW(16)';
    case 'bytes':
      return 'BLOB';
    case 'enum':
      return `VARCHAR2(${Math.max(1, options.enumLength ?? 64)} CHAR)`;
    case 'native':
      return type.dialect === 'oracle' ? type.sql : 'CLOB';
  }
}

/** Types Oracle cannot index or put in a key (LOBs). */
export const isOracleLobType = (type: LogicalType): boolean => ['CLOB', 'BLOB'].includes(oracleColumnType(type));
