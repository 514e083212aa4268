import type Database from 'better-sqlite3';
import type { LogicalType } from '../src/model/logical-type.js';
import type { ForeignKey, Schema, Table } from '../src/model/schema.js';

/**
 * What SQLite says it holds (PRAGMA table_info, foreign_key_list, index_list, index_xinfo), and what
 * the model says it should hold, in one shape, so a test compares them with deepEqual. Written
 * apart from the emitter: the rules below are the documented mapping (docs/dialects/sqlite.md).
 */
export interface TableShape {
  readonly columns: readonly { name: string; type: string; notnull: boolean }[];
  readonly primaryKey: readonly string[];
  readonly uniques: readonly string[];
  readonly foreignKeys: readonly string[];
  readonly indexes: readonly string[];
}

type Db = InstanceType<typeof Database>;

export function readSqliteTable(db: Db, table: string): TableShape {
  const info = db.prepare('SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid').all(table) as {
    name: string;
    type: string;
    notnull: number;
    pk: number;
  }[];
  const fks = db.prepare('SELECT id, seq, "table", "from", "to", on_update, on_delete FROM pragma_foreign_key_list(?) ORDER BY id, seq').all(table) as {
    id: number;
    table: string;
    from: string;
    to: string;
    on_update: string;
    on_delete: string;
  }[];
  const byId = new Map<number, typeof fks>();
  for (const row of fks) byId.set(row.id, [...(byId.get(row.id) ?? []), row]);
  const indexes = db.prepare('SELECT name, "unique", origin, partial FROM pragma_index_list(?)').all(table) as {
    name: string;
    unique: number;
    origin: string;
    partial: number;
  }[];
  const keysOf = (index: string) =>
    (db.prepare('SELECT name, "desc" FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno').all(index) as { name: string | null; desc: number }[]).map(
      (k) => `${k.name ?? '(expression)'}${k.desc ? ' desc' : ''}`,
    );
  return {
    columns: info.map((c) => ({ name: c.name, type: c.type, notnull: c.notnull === 1 })),
    primaryKey: info
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    uniques: indexes
      .filter((i) => i.origin === 'u')
      .map((i) => keysOf(i.name).join(', '))
      .sort(),
    foreignKeys: [...byId.values()]
      .map(
        (rows) =>
          `(${rows.map((r) => r.from).join(', ')}) -> ${rows[0]!.table} (${rows.map((r) => r.to).join(', ')}) on delete ${rows[0]!.on_delete} on update ${rows[0]!.on_update}`,
      )
      .sort(),
    indexes: indexes
      .filter((i) => i.origin === 'c')
      .map((i) => `${i.name}${i.unique ? ' unique' : ''}${i.partial ? ' partial' : ''}: ${keysOf(i.name).join(', ')}`)
      .sort(),
  };
}

const STORAGE: Readonly<Record<LogicalType['kind'], string>> = {
  string: 'TEXT',
  text: 'TEXT',
  char: 'TEXT',
  int16: 'INTEGER',
  int32: 'INTEGER',
  int64: 'INTEGER',
  decimal: 'INTEGER',
  money: 'INTEGER',
  float: 'REAL',
  bool: 'INTEGER',
  date: 'TEXT',
  time: 'TEXT',
  timestamp: 'TEXT',
  json: 'TEXT',
  uuid: 'TEXT',
  bytes: 'BLOB',
  enum: 'TEXT',
  native: 'ANY',
};

const ACTION: Record<ForeignKey['onDelete'], string> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
  'no-action': 'NO ACTION',
};

/** The model's composite key when SQLite's rowid must be its generated column instead. */
function generatedKeyColumn(table: Table): string | undefined {
  if (table.primaryKey.columns.length < 2) return undefined;
  const generated = table.columns.filter(
    (c) => table.primaryKey.columns.includes(c.name) && (c.identity !== undefined || c.default?.kind === 'sequence') && c.type.kind.startsWith('int'),
  );
  return generated.length === 1 ? generated[0]!.name : undefined;
}

export function expectedSqliteTable(table: Table): TableShape {
  const rowid = generatedKeyColumn(table);
  const deleteAction = (fk: ForeignKey) =>
    fk.onDelete === 'set-null' && fk.setNullColumns && fk.setNullColumns.length < fk.columns.length ? 'NO ACTION' : ACTION[fk.onDelete];
  return {
    columns: table.columns.map((c) => ({ name: c.name, type: STORAGE[c.type.kind], notnull: !c.nullable })),
    primaryKey: rowid ? [rowid] : table.primaryKey.columns,
    uniques: [...table.uniques.map((u) => u.columns.join(', ')), ...(rowid ? [table.primaryKey.columns.join(', ')] : [])].sort(),
    foreignKeys: table.foreignKeys
      .map(
        (fk) =>
          `(${fk.columns.join(', ')}) -> ${fk.refTable} (${fk.refColumns.join(', ')}) on delete ${deleteAction(fk)} on update ${ACTION[fk.onUpdate ?? 'no-action']}`,
      )
      .sort(),
    indexes: table.indexes
      .filter((i) => ['btree', 'hash', 'brin'].includes(i.method))
      .map((i) => {
        const keys = i.keys.map((k) => `${k.column ?? '(expression)'}${k.order === 'desc' ? ' desc' : ''}`);
        // SQLite has no INCLUDE: a non-unique index carries those columns as trailing keys.
        const included = i.unique ? [] : i.include.filter((c) => !i.keys.some((k) => k.column === c));
        return `${i.name}${i.unique ? ' unique' : ''}${i.where.length || i.predicate ? ' partial' : ''}: ${[...keys, ...included].join(', ')}`;
      })
      .sort(),
  };
}

/** Triggers the script must create: history as one per event, running totals as one, SET NULL that spares the tenant as one on the parent. */
export function expectedSqliteTriggers(schema: Schema): string[] {
  return schema.tables
    .flatMap((t) => [
      ...(t.triggers ?? []).flatMap((tr) => (tr.kind === 'history' ? [`${tr.name}_update`, `${tr.name}_delete`] : [tr.name])),
      ...t.foreignKeys
        .filter((fk) => fk.onDelete === 'set-null' && fk.setNullColumns && fk.setNullColumns.length < fk.columns.length)
        .map((fk) => `${fk.name}_set_null`),
    ])
    .sort();
}
