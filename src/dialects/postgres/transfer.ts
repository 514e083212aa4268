import type { SqlSession } from '../session.js';
import type { BoundStatement, CollationSpec, TargetNativeType, TransferColumn, TransferTable, TransferTarget, ValueKind } from '../transfer.js';
import { foreignKey } from './ddl.js';
import { quotePgIdentifier as q, quotePgLiteral } from './quote.js';
import { postgresColumnType } from './types.js';

/**
 * Each value kind read back as the canonical text `transfer/canonical.ts` expects, independent of
 * the session's DateStyle and TimeZone: times in UTC with to_char, bytes as hex, a set's array as
 * a JSON list, a duration as seconds.
 */
const READ: Readonly<Record<ValueKind, (column: string) => string>> = {
  integer: (c) => `${c}::text`,
  decimal: (c) => `${c}::text`,
  float: (c) => `${c}::text`,
  bool: (c) => `${c}::text`,
  text: (c) => `${c}::text`,
  enum: (c) => `${c}::text`,
  bits: (c) => `${c}::text`,
  uuid: (c) => `${c}::text`,
  time: (c) => `${c}::text`,
  json: (c) => `${c}::text`,
  bytes: (c) => `encode(${c}, 'hex')`,
  duration: (c) => `extract(epoch from ${c})::text`,
  date: (c) => `to_char(${c}, 'YYYY-MM-DD')`,
  timestamp: (c) => `to_char(${c}, 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
  timestamptz: (c) => `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  set: (c) => `array_to_json(${c})::text`,
};

/**
 * A key column in the order both sides agree on: text as bytes ("C", the order MySQL's BINARY
 * gives), everything else in its type's own order; a key value from the batch before is cast to
 * the column's type so the comparison uses the key's index.
 */
const keyOrder = (column: TransferColumn) => (column.kind === 'text' ? `${q(column.name)} COLLATE "C"` : q(column.name));
const keyParam = (column: TransferColumn, n: number) => (column.kind === 'text' ? `$${n}::text` : `$${n}::text::${column.targetType}`);

function columnOf(table: TransferTable, name: string): TransferColumn {
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`${table.name}: the key column ${name} is not among the columns copied`);
  return column;
}

export function postgresSelectBatch(table: TransferTable, after: readonly string[] | undefined, limit: number): BoundStatement {
  const keys = table.key.map((name) => columnOf(table, name));
  const select = [...table.columns.map((c, i) => `${READ[c.kind](q(c.name))} AS c${i}`), ...keys.map((k, i) => `${q(k.name)}::text AS k${i}`)];
  const left = keys.map(keyOrder);
  const right = keys.map((k, i) => keyParam(k, i + 1));
  const where = after === undefined ? '' : left.length === 1 ? ` WHERE ${left[0]} > ${right[0]}` : ` WHERE (${left.join(', ')}) > (${right.join(', ')})`;
  return {
    sql: `SELECT ${select.join(', ')} FROM ${q(table.name)}${where} ORDER BY ${left.join(', ')} LIMIT ${Math.max(1, Math.trunc(limit))}`,
    params: after ?? [],
  };
}

/** PostgreSQL (15 or later, PGlite included) as the target of an engine switch. */
export const postgresTransferTarget: TransferTarget = {
  dialect: 'postgres',
  quoteIdentifier: q,
  columnType: postgresColumnType,
  nativeType(type: TargetNativeType): string {
    switch (type.kind) {
      case 'float4':
        return 'real';
      case 'interval':
        return 'interval';
      case 'bits':
        return `bit(${type.width})`;
      case 'text-list':
        return 'text[]';
      case 'inet':
        return 'inet';
      case 'collated':
        return `${postgresColumnType(type.base)} COLLATE ${type.collation === 'C' ? '"C"' : q(type.collation)}`;
    }
  },
  conditions: {
    nonNegative: (column) => `${q(column)} >= 0`,
    yearRange: (column) => `${q(column)} = 0 OR ${q(column)} BETWEEN 1901 AND 2155`,
    subsetOf: (column, values) => `${q(column)} <@ ARRAY[${values.map(quotePgLiteral).join(', ')}]::text[]`,
  },
  listDefault: (values) => `${quotePgLiteral(`{${values.map((v) => `"${v.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`)}::text[]`,
  bitsDefault: (bits) => `B${quotePgLiteral(bits)}`,
  collationsDdl: (collations: readonly CollationSpec[]) =>
    collations
      .map((c) => `CREATE COLLATION IF NOT EXISTS ${q(c.name)} (provider = icu, locale = ${quotePgLiteral(c.locale)}, deterministic = false);\n`)
      .join(''),
  collationProbe: (name) => `SELECT 'A' = 'a' COLLATE ${q(name)} AS ok`,
  async existingTables(db: SqlSession, names: readonly string[]): Promise<string[]> {
    if (names.length === 0) return [];
    const rows = await db.query<{ name: string }>(
      `SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name::text IN (${names.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY 1`,
      [...names],
    );
    return rows.map((r) => r.name);
  },
  insertBatch(table: TransferTable): string {
    const columns = table.columns.map((c) => q(c.name)).join(', ');
    // json_populate_recordset reads each value with the column type's own input function, so one text parameter carries a whole batch.
    return `INSERT INTO ${q(table.name)} (${columns}) SELECT ${columns} FROM json_populate_recordset(NULL::${q(table.name)}, $1::json)`;
  },
  selectBatch: postgresSelectBatch,
  countRows: (table) => `SELECT count(*)::text AS n FROM ${q(table)}`,
  maxValue: (table, column) => `SELECT max(${q(column)})::text AS v FROM ${q(table)}`,
  restartIdentity: (table, column, next) => `ALTER TABLE ${q(table)} ALTER COLUMN ${q(column)} RESTART WITH ${next}`,
  addForeignKeys: (table, foreignKeys) =>
    foreignKeys
      .map((fk) => `ALTER TABLE ${q(table)} ADD ${foreignKey({ ...fk, notValid: true })};\nALTER TABLE ${q(table)} VALIDATE CONSTRAINT ${q(fk.name)};\n`)
      .join(''),
};
