import type { RenameHint } from '../../src/model/change.js';
import type { LogicalType } from '../../src/model/logical-type.js';
import type { Column, EnumType, ForeignKey, Index, NativeObject, Schema, Table } from '../../src/model/schema.js';

/**
 * Two schemas for the differ's bench, from a seed, the same on every run: `base` with N tables
 * (10–20 columns each, a key, references to earlier tables with their indexes, a unique, a check,
 * some enums and row security, a few views and functions), and `changed`, a copy with about 5% of
 * its tables changed, each in one change kind, every kind of the change algebra in turn.
 */

/** mulberry32: a small seeded generator, so the schemas never depend on Math.random. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES: readonly LogicalType[] = [
  { kind: 'text' },
  { kind: 'string', length: 120 },
  { kind: 'int32' },
  { kind: 'int64' },
  { kind: 'decimal', precision: 19, scale: 4 },
  { kind: 'bool' },
  { kind: 'timestamp', withTimeZone: true },
  { kind: 'date' },
  { kind: 'json' },
  { kind: 'uuid' },
];

const ENUMS = 20;
const name = (i: number) => `t${String(i).padStart(4, '0')}`;
const col = (n: string, type: LogicalType, nullable: boolean, extra: Partial<Column> = {}): Column => ({
  name: n,
  type,
  nullable,
  pii: false,
  origin: 'bench',
  ...extra,
});
const idx = (n: string, table: string, columns: readonly string[], extra: Partial<Index> = {}): Index => ({
  name: n,
  table,
  keys: columns.map((c) => ({ column: c })),
  include: [],
  where: [],
  method: 'btree',
  unique: false,
  reason: 'bench',
  ...extra,
});

export function generateSchema(tables: number, seed = 1): Schema {
  const next = random(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const enums: EnumType[] = [
    ...Array.from({ length: ENUMS }, (_, e) => ({ name: `status_${e}`, values: ['new', 'active', 'done', 'archived'] })),
    { name: 'legacy_state', values: ['on', 'off'] },
  ];
  const out: Table[] = [];
  for (let i = 0; i < tables; i++) {
    const t = name(i);
    const columns: Column[] = [col('id', { kind: 'int64' }, false, { identity: 'always' })];
    const foreignKeys: ForeignKey[] = [];
    const indexes: Index[] = [];
    const refs = i === 0 ? 0 : 1 + Math.floor(next() * 2);
    for (let r = 0; r < refs; r++) {
      const target = name(Math.floor(next() * i));
      const c = `${target}_id_${r}`;
      columns.push(col(c, { kind: 'int64' }, next() < 0.3));
      foreignKeys.push({
        name: `${t}_${c}_fkey`,
        columns: [c],
        refTable: target,
        refColumns: ['id'],
        onDelete: pick(['restrict', 'cascade', 'no-action'] as const),
        deferrable: false,
      });
      indexes.push(idx(`${t}_${c}_idx`, t, [c]));
    }
    const width = 10 + Math.floor(next() * 11);
    for (let c = columns.length; c < width; c++) {
      const type = c % 7 === 3 ? ({ kind: 'enum', name: `status_${i % ENUMS}` } as const) : pick(TYPES);
      const nullable = next() < 0.5;
      const withDefault =
        type.kind === 'bool' ? { default: { kind: 'literal' as const, value: false } } : type.kind === 'timestamp' ? { default: { kind: 'now' as const } } : {};
      columns.push(col(`c${c}`, type, nullable, withDefault));
    }
    columns.push(col('created_at', { kind: 'timestamp', withTimeZone: true }, false, { default: { kind: 'now' } }));
    indexes.push(idx(`${t}_created_at_idx`, t, ['created_at'], { keys: [{ column: 'created_at', order: 'desc' }] }));
    const rowSecurity =
      i % 4 === 3
        ? {
            enabled: true,
            forced: false,
            policies: [{ name: `${t}_tenant`, command: 'all' as const, permissive: true, roles: ['app'], using: "c1 = current_setting('app.tenant')" }],
          }
        : undefined;
    out.push({
      name: t,
      kind: 'entity',
      columns,
      primaryKey: { name: `${t}_pkey`, columns: ['id'] },
      uniques: [{ name: `${t}_c1_key`, columns: ['id', 'c1'] }],
      foreignKeys,
      checks: [{ name: `${t}_id_check`, rule: { kind: 'range', column: 'id', min: 1 } }],
      indexes,
      tenantScoped: false,
      ...(rowSecurity ? { rowSecurity } : {}),
      origin: 'bench',
    });
  }
  const native: NativeObject[] = Array.from({ length: Math.ceil(tables / 20) }, (_, v) => ({
    kind: 'view',
    name: `v${v}`,
    dialect: 'postgres',
    sql: `CREATE VIEW v${v} AS SELECT id, created_at FROM ${name(v * 20)} WHERE id > ${v};`,
    reason: 'bench',
  }));
  return { tables: out, enums, native };
}

/** Every kind a changed table may get, in turn; each mutation is one change of that kind (or a drop and an add). */
const MUTATIONS: readonly ((t: Table, hints: RenameHint[], i: number) => Table | undefined)[] = [
  (t) => ({ ...t, columns: [...t.columns, col('added_note', { kind: 'text' }, true)] }),
  (t) => ({ ...t, columns: t.columns.filter((c) => c.name !== 'c5') }),
  (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'c6' ? { ...c, type: { kind: 'text' } } : c)) }),
  (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'created_at' ? { ...c, nullable: true } : c)) }),
  (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'created_at' ? { ...c, default: { kind: 'expression', sql: "now() + interval '1 hour'" } } : c)) }),
  (t) => ({ ...t, indexes: [...t.indexes, idx(`${t.name}_c1_idx`, t.name, ['c1'], { where: [{ column: 'c1', op: 'is-not-null', values: [] }] })] }),
  (t) => ({ ...t, indexes: t.indexes.filter((i) => !i.name.endsWith('_created_at_idx')) }),
  (t) => ({ ...t, indexes: t.indexes.map((i) => (i.name.endsWith('_created_at_idx') ? { ...i, keys: [{ column: 'created_at' }], include: ['id'] } : i)) }),
  (t) => ({
    ...t,
    checks: [...t.checks, { name: `${t.name}_c2_check`, rule: { kind: 'expression', sql: 'c2 IS NOT NULL OR id < 10', columns: ['c2', 'id'] } }],
  }),
  (t) => ({ ...t, foreignKeys: t.foreignKeys.map((f) => ({ ...f, onDelete: f.onDelete === 'cascade' ? 'restrict' : 'cascade' })) }),
  (t) => ({ ...t, uniques: [] }),
  (t) => ({ ...t, primaryKey: { ...t.primaryKey, columns: ['id', 'created_at'] } }),
  (t) => ({
    ...t,
    rowSecurity: { enabled: true, forced: true, policies: [{ name: `${t.name}_read`, command: 'select', permissive: true, roles: ['reader'], using: 'true' }] },
  }),
  (t, hints) => {
    hints.push({ from: `${t.name}.c4`, to: `${t.name}.c4_renamed` });
    return { ...t, columns: t.columns.map((c) => (c.name === 'c4' ? { ...c, name: 'c4_renamed' } : c)) };
  },
  // A column renamed without a hint: a drop, an add, and a candidate.
  (t) => ({ ...t, columns: t.columns.map((c) => (c.name === 'c7' ? { ...c, name: 'c7_moved' } : c)) }),
  (t, hints) => {
    hints.push({ from: t.name, to: `${t.name}_renamed` });
    return { ...t, name: `${t.name}_renamed`, indexes: t.indexes.map((i) => ({ ...i, table: `${t.name}_renamed` })) };
  },
  () => undefined,
];

export interface ChangedSchema {
  readonly schema: Schema;
  readonly hints: RenameHint[];
  /** How many tables were changed, dropped or renamed. */
  readonly tablesChanged: number;
}

/** A copy of `base` with every `step`-th table changed (step 20: 5%), plus enum, native and new-table changes. */
export function changeSchema(base: Schema, step = 20): ChangedSchema {
  const hints: RenameHint[] = [];
  const tables: Table[] = [];
  let changed = 0;
  for (const [i, table] of base.tables.entries()) {
    if (i % step !== step - 1) {
      tables.push(table);
      continue;
    }
    const mutated = MUTATIONS[changed % MUTATIONS.length]!(table, hints, i);
    changed++;
    if (mutated) tables.push(mutated);
  }
  // New tables: one copied from a dropped-looking shape (a candidate), one of its own.
  const newTables = Math.max(1, Math.round(base.tables.length / 200));
  for (let n = 0; n < newTables; n++)
    tables.push({
      ...base.tables[n]!,
      name: `new_${n}`,
      indexes: [],
      foreignKeys: [],
      uniques: [],
      checks: [],
      primaryKey: { name: `new_${n}_pkey`, columns: ['id'] },
    });
  const enums = base.enums
    .filter((e) => e.name !== 'legacy_state')
    .map((e, i) => (i === 0 ? { ...e, values: [...e.values, 'cancelled'] } : i === 1 ? { ...e, values: ['new', 'done', 'archived'] } : e));
  const native: NativeObject[] = [
    ...(base.native ?? []).map((v, i) => (i === 0 ? { ...v, sql: v.sql.replace('WHERE id > 0', 'WHERE id > 100') } : v)).filter((_, i) => i !== 1),
    {
      kind: 'function',
      name: 'touch()',
      dialect: 'postgres',
      sql: 'CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.created_at := now(); RETURN NEW; END $$;',
      reason: 'bench',
    },
  ];
  return { schema: { tables, enums: [...enums, { name: 'priority', values: ['low', 'high'] }], native }, hints, tablesChanged: changed + newTables };
}
