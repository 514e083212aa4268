import type { Check, Column, EnumType, ForeignKey, NativeObject, Table } from '../../../model/schema.js';
import { parseQuotedList, quoteMysqlIdentifier as q, quoteMysqlLiteral } from '../quote.js';
import type { MysqlFlavor } from '../session.js';
import { integerMaximum, mysqlLogicalType } from '../types.js';
import { buildIndexes } from './build-indexes.js';
import { type CheckRow, checkColumns, isJsonValidCheck } from './checks.js';
import type { ColumnRow } from './columns.js';
import { mysqlColumnDefault } from './defaults.js';
import type { IndexPartRow } from './indexes.js';
import { byName, numberOrNull } from './keys.js';
import type { ServerStatistics } from './statistics.js';
import type { TableRow } from './tables.js';

/** Everything read about one table, from the set-based queries. */
export interface TableFacts {
  readonly key: string;
  readonly row: TableRow;
  readonly columns: readonly ColumnRow[];
  readonly indexParts: readonly IndexPartRow[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckRow[];
  readonly partitioning: Omit<NativeObject, 'table'> | undefined;
}

export interface BuiltTable {
  readonly table: Table;
  readonly enums: readonly EnumType[];
  readonly native: readonly NativeObject[];
}

/**
 * One table in the model. A table outside the connection's database (`inDefault` false) names its
 * enum types and native objects with `database.` before them, so two databases never meet.
 */
export function buildTable(facts: TableFacts, flavor: MysqlFlavor, inDefault: boolean, stats: ServerStatistics): BuiltTable {
  const { row } = facts;
  const prefix = inDefault ? '' : `${row.namespace}.`;
  const tableName = row.tableName;
  const native: NativeObject[] = [];
  const nativeOf = (object: Omit<NativeObject, 'table' | 'dialect'>): NativeObject => ({ ...object, table: `${prefix}${tableName}`, dialect: 'mysql' });
  const enums: EnumType[] = [];

  const jsonColumns = new Set(
    facts.columns.filter((c) => c.dataType.toLowerCase() === 'longtext' && facts.checks.some((k) => isJsonValidCheck(k.clause, c.name))).map((c) => c.name),
  );
  const columns = facts.columns.map((c): Column => {
    const enumName = `${prefix}${tableName}_${c.name}`;
    const type = mysqlLogicalType(
      {
        dataType: c.dataType,
        columnType: c.columnType,
        charMaxLength: numberOrNull(c.charMaxLength),
        numericPrecision: numberOrNull(c.numericPrecision),
        numericScale: numberOrNull(c.numericScale),
      },
      enumName,
      jsonColumns.has(c.name),
    );
    if (type.kind === 'enum') enums.push({ name: enumName, values: parseQuotedList(c.columnType) });
    const generated = /\b(VIRTUAL|STORED|PERSISTENT) GENERATED\b/i.exec(c.extra);
    const autoIncrement = /\bauto_increment\b/i.test(c.extra);
    const onUpdate = /\bon update (\S+)/i.exec(c.extra);
    if (onUpdate) {
      native.push(
        nativeOf({
          kind: 'on-update',
          name: `${prefix}${tableName}.${c.name}`,
          sql: `ALTER TABLE ${q(tableName)} MODIFY ${columnDefinition(flavor, c)} ON UPDATE ${onUpdate[1]}`,
          reason: 'the column is set to the time of every update by the server: the model has no on-update value',
        }),
      );
    }
    const columnDefault = generated || autoIncrement ? undefined : mysqlColumnDefault(flavor, c.columnDefault, c.extra, type);
    const next = numberOrNull(row.autoIncrement);
    const maxValue = integerMaximum(c);
    return {
      name: c.name,
      type,
      nullable: c.nullable === 'YES',
      ...(columnDefault ? { default: columnDefault } : {}),
      // AUTO_INCREMENT takes a value given in the INSERT, so the column is an identity BY DEFAULT.
      ...(autoIncrement ? { identity: 'by-default' as const } : {}),
      pii: false,
      ...(c.comment ? { comment: c.comment } : {}),
      ...(generated ? { generated: { expression: c.generationExpression ?? '', stored: !/^VIRTUAL$/i.test(generated[1]!) } } : {}),
      ...(autoIncrement && maxValue !== undefined
        ? { sequence: { name: `${prefix}${tableName}.AUTO_INCREMENT`, lastValue: next === null || next <= 1 ? null : next - 1, maxValue } }
        : {}),
      origin: 'introspected',
    };
  });

  const names = columns.map((c) => c.name);
  const checks = facts.checks
    .filter((k) => !facts.columns.some((c) => jsonColumns.has(c.name) && isJsonValidCheck(k.clause, c.name)))
    .map((k): Check => ({ name: k.name, rule: { kind: 'expression', sql: k.clause, columns: checkColumns(k.clause, names) } }))
    .sort((a, b) => byName(a.name, b.name));

  const { primaryKey, uniques, indexes, indexNative } = buildIndexes(facts.key, facts.indexParts, tableName, flavor, stats);
  native.push(...indexNative.map(nativeOf));
  if (facts.partitioning) native.push(nativeOf(facts.partitioning));
  if (row.engine && row.engine.toLowerCase() !== 'innodb') {
    native.push(
      nativeOf({
        kind: 'storage-engine',
        name: `${prefix}${tableName}`,
        sql: `ALTER TABLE ${q(tableName)} ENGINE=${row.engine}`,
        reason: `stored by ${row.engine}, not InnoDB: the model assumes transactions, row locks and enforced foreign keys`,
      }),
    );
  }
  if (row.type === 'SYSTEM VERSIONED') {
    native.push(
      nativeOf({
        kind: 'system-versioning',
        name: `${prefix}${tableName}`,
        sql: `ALTER TABLE ${q(tableName)} ADD SYSTEM VERSIONING`,
        reason: 'the server keeps every past version of each row: the model has no system-versioned tables',
      }),
    );
  }

  const fkColumns = new Set(facts.foreignKeys.flatMap((f) => f.columns));
  const table: Table = {
    name: tableName,
    ...(inDefault ? {} : { namespace: row.namespace }),
    // A key made only of references is a link between rows of other tables.
    kind: primaryKey.columns.length >= 2 && primaryKey.columns.every((c) => fkColumns.has(c)) ? 'relation' : 'entity',
    columns,
    primaryKey,
    uniques,
    foreignKeys: [...facts.foreignKeys],
    checks,
    indexes,
    ...(row.comment ? { comment: row.comment } : {}),
    // Shared-schema tenancy shows as a tenant column; nothing else in the catalog says it.
    tenantScoped: names.includes('tenant_id'),
    stats: {
      rows: numberOrNull(row.tableRows),
      tableBytes: numberOrNull(row.dataBytes) ?? 0,
      indexBytes: numberOrNull(row.indexBytes) ?? 0,
      // InnoDB keeps long values off-page inside the table's own data: DATA_LENGTH counts them.
      toastBytes: 0,
      analyzedAt: stats.analyzedAt?.get(facts.key) ?? null,
      // MySQL counts rows read per index, not scans: no scan counts.
      seqScans: null,
      indexScans: null,
      writes: stats.writes ? (stats.writes.get(facts.key) ?? 0) : null,
    },
    origin: 'introspected',
  };
  return { table, enums, native };
}

/** A column's definition as MODIFY takes it, with its default and comment (MODIFY replaces them all). */
function columnDefinition(flavor: MysqlFlavor, c: ColumnRow): string {
  // MariaDB writes a default as SQL already; MySQL writes a literal's bare value, an expression marked DEFAULT_GENERATED.
  const expression = flavor === 'mariadb' || /\bDEFAULT_GENERATED\b/i.test(c.extra) || /^current_timestamp(\(\d*\))?$/i.test(c.columnDefault ?? '');
  const value = c.columnDefault === null ? '' : ` DEFAULT ${expression ? c.columnDefault : quoteMysqlLiteral(c.columnDefault)}`;
  const comment = c.comment ? ` COMMENT ${quoteMysqlLiteral(c.comment)}` : '';
  return `${q(c.name)} ${c.columnType}${c.nullable === 'YES' ? ' NULL' : ' NOT NULL'}${value}${comment}`;
}
