import type { Check, Column, EnumType, ForeignKey, Index, NativeObject, Table } from '../../../model/schema.js';
import { parseQuotedList, quoteMysqlIdentifier as q } from '../quote.js';
import type { MysqlFlavor } from '../session.js';
import { integerMaximum, mysqlLogicalType } from '../types.js';
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
 * One table in the model. `prefix` is `database.` for a table outside the connection's database
 * (empty inside it): enum types and native objects are named with it, so two databases never meet.
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
          sql: `ALTER TABLE ${q(tableName)} MODIFY ${q(c.name)} ${c.columnType}${c.nullable === 'YES' ? ' NULL' : ' NOT NULL'}${c.columnDefault === null ? '' : ` DEFAULT ${c.columnDefault}`} ON UPDATE ${onUpdate[1]}`,
          reason: 'the column is set to the time of every update by the server: the model has no on-update value',
        }),
      );
    }
    const fallback = generated || autoIncrement ? undefined : mysqlColumnDefault(flavor, c.columnDefault, c.extra, type);
    const next = numberOrNull(row.autoIncrement);
    const maxValue = integerMaximum(c);
    return {
      name: c.name,
      type,
      nullable: c.nullable === 'YES',
      ...(fallback ? { default: fallback } : {}),
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

  const { primaryKey, uniques, indexes, indexNative } = buildIndexes(facts, tableName, flavor, stats);
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

function buildIndexes(facts: TableFacts, tableName: string, flavor: MysqlFlavor, stats: ServerStatistics) {
  const byIndex = new Map<string, IndexPartRow[]>();
  for (const part of facts.indexParts) byIndex.set(part.name, [...(byIndex.get(part.name) ?? []), part]);
  let primaryKey: Table['primaryKey'] = { name: '', columns: [] };
  const uniques: Table['uniques'] = [];
  const indexes: Index[] = [];
  const indexNative: Omit<NativeObject, 'table' | 'dialect'>[] = [];
  for (const name of [...byIndex.keys()].sort(byName)) {
    const parts = byIndex.get(name)!.sort((a, b) => a.position - b.position);
    const type = parts[0]!.indexType.toUpperCase();
    const unique = Number(parts[0]!.nonUnique) === 0;
    const plain = parts.every((p) => p.columnName && p.subPart === null && !p.expression && p.collation !== 'D');
    if (Number(parts[0]!.ignored) === 1) {
      indexNative.push({
        kind: 'index-option',
        name,
        sql: `ALTER TABLE ${q(tableName)} ALTER INDEX ${q(name)} ${flavor === 'mariadb' ? 'IGNORED' : 'INVISIBLE'}`,
        reason: 'the optimizer ignores this index while writes keep it up to date: the model has no ignored or invisible indexes',
      });
    }
    if (name === 'PRIMARY') {
      primaryKey = { name, columns: parts.map((p) => p.columnName ?? '') };
    } else if (type === 'FULLTEXT' || type === 'SPATIAL' || type === 'RTREE') {
      // The model's index methods are PostgreSQL's access methods; full-text and R-tree indexes are other structures.
      indexNative.push({
        kind: 'index',
        name,
        sql: `CREATE ${type === 'FULLTEXT' ? 'FULLTEXT' : 'SPATIAL'} INDEX ${q(name)} ON ${q(tableName)} (${parts.map((p) => q(p.columnName ?? '')).join(', ')})`,
        reason: `a ${type} index: the model's index methods have no full-text or R-tree index`,
      });
    } else if (unique && plain) {
      uniques.push({ name, columns: parts.map((p) => p.columnName!) });
    } else {
      const bytes = stats.indexBytes?.get(facts.key)?.get(name);
      indexes.push({
        name,
        table: tableName,
        keys: parts.map((p) => ({
          // A prefix key part indexes the first SUB_PART characters: an expression over the column, written as MySQL does.
          ...(p.expression
            ? { expression: p.expression }
            : p.subPart !== null
              ? { expression: `${q(p.columnName ?? '')}(${p.subPart})` }
              : { column: p.columnName ?? '' }),
          ...(p.collation === 'D' ? { order: 'desc' as const } : {}),
        })),
        include: [],
        where: [],
        method: type === 'HASH' ? 'hash' : 'btree',
        unique,
        ...(bytes === undefined ? {} : { stats: { scans: stats.indexUses ? (stats.indexUses.get(facts.key)?.get(name) ?? 0) : null, bytes } }),
        reason: 'introspected',
      });
    }
  }
  return { primaryKey, uniques, indexes, indexNative };
}
