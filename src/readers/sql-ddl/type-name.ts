import type { TypeName } from 'libpg-query';
import type { LogicalType } from '../../model/logical-type.js';
import { PG_BUILTIN_TYPES } from '../../sql/pg-builtin-types.js';
import { printTypeName } from '../../sql/query-shape/print-expr.js';

/** The built-in names, and the SQL spellings a parse tree keeps when a type is written without `pg_catalog.`. */
const FIXED: Readonly<Record<string, LogicalType>> = {
  ...PG_BUILTIN_TYPES,
  smallint: PG_BUILTIN_TYPES.int2!,
  int: PG_BUILTIN_TYPES.int4!,
  integer: PG_BUILTIN_TYPES.int4!,
  bigint: PG_BUILTIN_TYPES.int8!,
  real: PG_BUILTIN_TYPES.float4!,
  boolean: PG_BUILTIN_TYPES.bool!,
};
/** serial types are integers with a sequence: the grammar leaves them as plain names. */
const SERIAL: Readonly<Record<string, LogicalType>> = {
  smallserial: { kind: 'int16' },
  serial2: { kind: 'int16' },
  serial: { kind: 'int32' },
  serial4: { kind: 'int32' },
  bigserial: { kind: 'int64' },
  serial8: { kind: 'int64' },
};

const modifiers = (type: TypeName): number[] =>
  (type.typmods ?? []).map((m) => Number((m as { A_Const?: { ival?: { ival?: number } } }).A_Const?.ival?.ival ?? Number.NaN));

/**
 * A column type as written in a CREATE TABLE the engine could not run, read from the parse tree:
 * the same logical types the catalog reading gives, by the grammar's names (`pg_catalog.varchar`);
 * an enum the file declares is an enum; anything else is `native` with the type as written.
 */
export function logicalTypeOfName(type: TypeName, enums: ReadonlySet<string>): { type: LogicalType; serial: boolean } {
  const names = (type.names ?? []).map((n) => (n as { String?: { sval?: string } }).String?.sval ?? '');
  const builtin = names.length === 2 && names[0] === 'pg_catalog' ? names[1]! : names.length === 1 ? names[0]! : undefined;
  const array = (type.arrayBounds?.length ?? 0) > 0;
  const native = { type: { kind: 'native', dialect: 'postgres', sql: printTypeName(type) } as LogicalType, serial: false };
  if (array) return native;
  if (builtin !== undefined && names.length === 1 && SERIAL[builtin]) return { type: SERIAL[builtin]!, serial: true };
  const qualified = names[0] === 'public' ? names.slice(1).join('.') : names.join('.');
  if (enums.has(qualified)) return { type: { kind: 'enum', name: qualified }, serial: false };
  if (builtin === undefined) return native;
  const mods = modifiers(type);
  if (FIXED[builtin] && mods.length === 0) return { type: FIXED[builtin]!, serial: false };
  if ((builtin === 'timestamp' || builtin === 'timestamptz') && mods.length === 1) return { type: FIXED[builtin]!, serial: false };
  if (builtin === 'varchar') return { type: mods.length === 1 ? { kind: 'string', length: mods[0]! } : { kind: 'text' }, serial: false };
  if (builtin === 'bpchar' && mods.length <= 1) return { type: { kind: 'char', length: mods[0] ?? 1 }, serial: false };
  if (builtin === 'numeric' && mods.length >= 1 && mods.every(Number.isFinite))
    return { type: { kind: 'decimal', precision: mods[0]!, scale: mods[1] ?? 0 }, serial: false };
  return native;
}
