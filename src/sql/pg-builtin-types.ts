import type { LogicalType } from '../model/logical-type.js';

/**
 * PostgreSQL's built-in types that map to a logical type with no modifier, by their catalog names
 * (`pg_type.typname`, which the parser also gives for `pg_catalog.int4`): one table for both ways
 * of reading an existing schema, the catalog (dialects/postgres/introspect) and the parse tree of
 * a statement the engine could not run (readers/sql-ddl). varchar, bpchar and numeric carry their
 * length or precision in a modifier, so each reader decodes them from its own form.
 */
export const PG_BUILTIN_TYPES: Readonly<Record<string, LogicalType>> = {
  text: { kind: 'text' },
  int2: { kind: 'int16' },
  int4: { kind: 'int32' },
  int8: { kind: 'int64' },
  float4: { kind: 'float' },
  float8: { kind: 'float' },
  money: { kind: 'money' },
  bool: { kind: 'bool' },
  date: { kind: 'date' },
  time: { kind: 'time' },
  timestamp: { kind: 'timestamp', withTimeZone: false },
  timestamptz: { kind: 'timestamp', withTimeZone: true },
  json: { kind: 'json' },
  jsonb: { kind: 'json' },
  uuid: { kind: 'uuid' },
  bytea: { kind: 'bytes' },
};
