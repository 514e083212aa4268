import type { LogicalType } from '../../model/logical-type.js';
import type { EnumType } from '../../model/schema.js';
import { quoteMysqlLiteral } from './quote.js';

/**
 * The forward type mapping: a logical type to the MySQL 8 / MariaDB 10.11 column type the schema
 * script declares (`types.ts` is the reverse, for introspection). One spelling serves both servers.
 */

/** The longest VARCHAR whose utf8mb4 bytes (4 a character) fit the 65,535-byte row limit with room to spare. */
export const MAX_VARCHAR = 16_383;
/** A TEXT or BLOB column that must be a whole key (primary, unique, foreign) becomes VARCHAR/VARBINARY of this length: 1,020 bytes, three fit InnoDB's 3,072-byte key. */
export const KEY_TEXT_LENGTH = 255;
/** The prefix a non-unique index takes of a TEXT or BLOB column (InnoDB cannot index the whole value). */
export const INDEX_PREFIX_LENGTH = 255;
const MAX_DECIMAL_PRECISION = 65;
const MAX_DECIMAL_SCALE = 30;

/** Values MySQL stores out of row and cannot index whole: a key needs a prefix length or another type. */
export function isLob(type: LogicalType): boolean {
  return type.kind === 'text' || type.kind === 'bytes' || (type.kind === 'string' && type.length > MAX_VARCHAR);
}

/**
 * The column type. `enums` gives an enum column its values (MySQL's ENUM is declared per column);
 * `asKey` turns a TEXT/BLOB that must be a whole key into VARCHAR/VARBINARY(255).
 */
export function mysqlColumnType(type: LogicalType, enums: readonly EnumType[] = [], asKey = false): string {
  switch (type.kind) {
    case 'string':
      if (type.length > MAX_VARCHAR) return asKey ? `VARCHAR(${KEY_TEXT_LENGTH})` : 'LONGTEXT';
      return `VARCHAR(${type.length})`;
    case 'text':
      return asKey ? `VARCHAR(${KEY_TEXT_LENGTH})` : 'LONGTEXT';
    case 'char':
      return type.length <= 255 ? `CHAR(${type.length})` : `VARCHAR(${type.length})`;
    case 'int16':
      return 'SMALLINT';
    case 'int32':
      return 'INT';
    case 'int64':
      return 'BIGINT';
    case 'decimal':
      return `DECIMAL(${Math.min(type.precision, MAX_DECIMAL_PRECISION)},${Math.min(type.scale, MAX_DECIMAL_SCALE)})`;
    case 'float':
      return 'DOUBLE';
    case 'money':
      // PostgreSQL's money keeps two fraction digits in the usual locales.
      return 'DECIMAL(19,2)';
    case 'bool':
      return 'BOOLEAN';
    case 'date':
      return 'DATE';
    case 'time':
      return 'TIME(6)';
    case 'timestamp':
      // Both kinds: DATETIME(6) keeps microseconds and runs to year 9999; TIMESTAMP ends in 2038. timestamptz is a substitution (UTC by convention).
      return 'DATETIME(6)';
    case 'json':
      // MySQL's binary JSON; on MariaDB an alias of LONGTEXT with a json_valid check.
      return 'JSON';
    case 'uuid':
      // CHAR(36): the same text on both servers and every client, UUID() fills it on both; BINARY(16) would need UUID_TO_BIN (MySQL only) or MariaDB's UUID type.
      return 'CHAR(36)';
    case 'bytes':
      return asKey ? `VARBINARY(${KEY_TEXT_LENGTH})` : 'LONGBLOB';
    case 'enum': {
      const values = enums.find((e) => e.name === type.name)?.values;
      return values ? `ENUM(${values.map(quoteMysqlLiteral).join(', ')})` : 'ENUM';
    }
    case 'native':
      // A type of another dialect has no MySQL spelling here; the emitter states the substitution.
      return type.dialect === 'mysql' ? type.sql : 'LONGTEXT';
  }
}

/** What the mapping loses for a type, when it loses anything (the emitter states it as a substitution). */
export function typeLoss(type: LogicalType): { feature: string; alternative: string } | undefined {
  if (type.kind === 'string' && type.length > MAX_VARCHAR)
    return { feature: `varchar(${type.length})`, alternative: `LONGTEXT: the ${type.length}-character limit is not enforced by the database` };
  if (type.kind === 'decimal' && (type.precision > MAX_DECIMAL_PRECISION || type.scale > MAX_DECIMAL_SCALE))
    return {
      feature: `numeric(${type.precision},${type.scale})`,
      alternative: `DECIMAL(${Math.min(type.precision, MAX_DECIMAL_PRECISION)},${Math.min(type.scale, MAX_DECIMAL_SCALE)}), the largest MySQL has`,
    };
  if (type.kind === 'native' && type.dialect !== 'mysql')
    return { feature: `${type.dialect} type ${type.sql}`, alternative: 'LONGTEXT holding its text form; the application parses it' };
  return undefined;
}
