import type { LogicalType } from '../../../model/logical-type.js';

/** CQL's reserved keywords (Apache Cassandra's CQL reference, appendix A): quoted wherever a name is one. */
const RESERVED = new Set(
  (
    'add aggregate allow alter and apply asc authorize batch begin by columnfamily create default delete desc describe drop entries execute from full grant ' +
    'if in index infinity insert into is keyspace limit materialized mbean mbeans modify nan norecursive not null of on or order primary rename replace revoke ' +
    'schema select set table to token truncate unlogged unset update use using view where with'
  ).split(' '),
);

/** A name as CQL reads it: bare when lower-case and not reserved, else double-quoted. */
export function cqlName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** A keyspace name from the spec's slug: letters, digits and underscores. */
export const keyspaceName = (spec: string): string => spec.replace(/[^a-zA-Z0-9_]/g, '_').slice(0, 48);

/** A column's CQL type. Enums are text (CQL has none); JSON is text holding the document. */
export function cqlType(type: LogicalType): string {
  switch (type.kind) {
    case 'int16':
      return 'smallint';
    case 'int32':
      return 'int';
    case 'int64':
      return 'bigint';
    case 'decimal':
    case 'money':
      return 'decimal';
    case 'float':
      return 'double';
    case 'bool':
      return 'boolean';
    case 'timestamp':
      return 'timestamp';
    case 'date':
      return 'date';
    case 'time':
      return 'time';
    case 'uuid':
      return 'uuid';
    case 'bytes':
      return 'blob';
    default:
      return 'text';
  }
}

/** A literal in CQL: text single-quoted, numbers and booleans as they are. */
export function cqlLiteral(value: string | number | boolean): string {
  return typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value);
}
