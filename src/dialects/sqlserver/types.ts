import type { LogicalType } from '../../model/logical-type.js';

/** nvarchar above this many characters is nvarchar(max) (a page holds 8,000 bytes, two per character). */
const MAX_NVARCHAR = 4000;
/** decimal's precision ends at 38. */
const MAX_PRECISION = 38;

/**
 * Logical type -> SQL Server 2019 type. Text is Unicode (nvarchar); an instant is datetimeoffset;
 * json is nvarchar(max), checked with ISJSON by the DDL; an enum is nvarchar as long as its longest
 * value, checked with IN by the DDL; booleans are bit. `enumLength` gives an enum's longest value.
 */
export function sqlServerColumnType(type: LogicalType, enumLength: (name: string) => number = () => 64): string {
  switch (type.kind) {
    case 'string':
      return type.length <= MAX_NVARCHAR ? `nvarchar(${type.length})` : 'nvarchar(max)';
    case 'text':
    case 'json':
      return 'nvarchar(max)';
    case 'char':
      return `nchar(${Math.min(type.length, MAX_NVARCHAR)})`;
    case 'money':
      return 'money';
    case 'int16':
      return 'smallint';
    case 'int32':
      return 'int';
    case 'int64':
      return 'bigint';
    case 'decimal':
      return `decimal(${Math.min(type.precision, MAX_PRECISION)},${Math.min(type.scale, MAX_PRECISION)})`;
    case 'float':
      return 'float';
    case 'bool':
      return 'bit';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'timestamp':
      return type.withTimeZone ? 'datetimeoffset' : 'datetime2';
    case 'uuid':
      return 'uniqueidentifier';
    case 'bytes':
      return 'varbinary(max)';
    case 'enum':
      return `nvarchar(${Math.max(1, enumLength(type.name))})`;
    case 'native':
      return type.dialect === 'sqlserver' ? type.sql : 'nvarchar(max)';
  }
}

/** Types SQL Server cannot use as an index key (only as INCLUDE columns). */
export function isSqlServerLobType(type: LogicalType): boolean {
  return sqlServerColumnType(type).endsWith('(max)');
}

/** A decimal whose precision SQL Server cannot hold. */
export const exceedsSqlServerPrecision = (type: LogicalType): boolean => type.kind === 'decimal' && type.precision > MAX_PRECISION;
