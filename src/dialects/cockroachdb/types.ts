import type { LogicalType } from '../../model/logical-type.js';
import { quoteCockroachIdentifier } from './quote.js';

/**
 * Logical type -> CockroachDB type, in spellings PostgreSQL also reads (INT8 rather than INT, whose
 * width is a CockroachDB session setting; BYTEA rather than BYTES), so the common part of the
 * script also runs on PostgreSQL. CockroachDB has no money type: DECIMAL(19,4).
 */
export function cockroachColumnType(type: LogicalType): string {
  switch (type.kind) {
    case 'string':
      return `VARCHAR(${type.length})`;
    case 'text':
      return 'TEXT';
    case 'char':
      return `CHAR(${type.length})`;
    case 'money':
      return 'DECIMAL(19,4)';
    case 'int16':
      return 'INT2';
    case 'int32':
      return 'INT4';
    case 'int64':
      return 'INT8';
    case 'decimal':
      return `DECIMAL(${type.precision},${type.scale})`;
    case 'float':
      return 'FLOAT8';
    case 'bool':
      return 'BOOL';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME';
    case 'timestamp':
      return type.withTimeZone ? 'TIMESTAMPTZ' : 'TIMESTAMP';
    case 'json':
      return 'JSONB';
    case 'uuid':
      return 'UUID';
    case 'bytes':
      return 'BYTEA';
    case 'enum':
      return quoteCockroachIdentifier(type.name);
    case 'native':
      return ['cockroachdb', 'postgres'].includes(type.dialect) ? type.sql : 'TEXT';
  }
}
