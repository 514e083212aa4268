import type { SeedPlan, PlannedTable } from '../../seed/plan.js';
import { seedSalt } from '../../seed/salt.js';
import { seedShape, tenantTableOf, type SeedShape } from '../../seed/table-shape.js';
import type { LogicalType } from '../../model/logical-type.js';
import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral as lit } from './quote.js';

/**
 * Synthetic rows as PostgreSQL: one `INSERT … SELECT … FROM generate_series(1, n) AS g` per table.
 * Every value is a closed-form function of the row number g and the seed, through
 * `hashint8extended` (stable across platforms: hash partitioning relies on it), never `random()`:
 * the same seed gives the same rows, and a child computes its parent's key from the parent's row
 * number without reading it. Tenancy: row g of a tenant-scoped table belongs to tenant
 * ((g-1) mod T) + 1, so tenant t's rows of a table with n rows are g = t, t+T, t+2T, … ≤ n, and a
 * child picks its parent among those. Pure; quoting needs `loadPgParser()` awaited first.
 */
export interface PostgresSeedOptions {
  /** Same seed, same rows. */
  readonly seed: number;
  /** 0: parents picked uniformly; higher: children concentrate on low ids (row floor(c · u^(1+skew)) of c). */
  readonly skew?: number;
  /** The instant that plays "now" (ISO 8601): timestamps lie in each table's history before it. */
  readonly anchor: string;
}

export interface PostgresSeedTable {
  readonly table: string;
  readonly rows: number;
  readonly insert: string;
  /** The insert has ON CONFLICT DO NOTHING: count the rows afterwards. */
  readonly mayConflict: boolean;
  /**
   * In a load that keeps foreign keys in place, run right after the insert, in the same
   * transaction: the checks of the tables that reference this one plan their lookups once and
   * cache them; planned on a table without statistics they can pick a wrong index (measured: a
   * scan of every product of a tenant per check, 54 µs instead of 7 µs).
   */
  readonly analyze: string;
}

export interface PostgresSeedScript {
  /** In plan order; run them in one transaction (references on a cycle are checked at commit). */
  readonly tables: readonly PostgresSeedTable[];
  /** UPDATEs that set optional references to tables seeded after their own, run after every insert. */
  readonly fillLater: readonly { readonly table: string; readonly sql: string }[];
  /** Identity sequences moved past the seeded ids, so the application's inserts get fresh ones. */
  readonly resetIdentities: readonly string[];
  /** ANALYZE of the tables changed by `fillLater`, if any (each table is analyzed after its insert). */
  readonly analyzeAfterFill?: string;
  /** ANALYZE of every seeded table, for a load that skips the per-table ANALYZE. */
  readonly analyzeAll: string;
}

export function postgresSeedScript(schema: Schema, plan: SeedPlan, options: PostgresSeedOptions): PostgresSeedScript {
  const sql = new SeedSql(schema, plan, options);
  const tables = plan.tables.map((p) => sql.insert(p));
  const fillLater = plan.tables.flatMap((p) => (p.fillLater.length ? [{ table: p.table, sql: sql.fillLater(p) }] : []));
  const resetIdentities = plan.tables.flatMap((p) => sql.resetIdentity(p.table));
  const filled = plan.tables.filter((p) => p.fillLater.length).map((p) => q(p.table));
  return {
    tables,
    fillLater,
    resetIdentities,
    ...(filled.length ? { analyzeAfterFill: `ANALYZE ${filled.join(', ')};` } : {}),
    analyzeAll: `ANALYZE ${plan.tables.map((p) => q(p.table)).join(', ')};`,
  };
}

/** The SELECT of one table's rows g = from..to, and its columns: e.g. to replay them row by row. */
export function postgresSeedSelect(
  schema: Schema,
  plan: SeedPlan,
  options: PostgresSeedOptions,
  table: string,
  from: number,
  to: number,
): { columns: string[]; sql: string } {
  return new SeedSql(schema, plan, options).select(table, from, to);
}

/**
 * The keys of the seeded tables as the server defines them: foreign keys (`kind` f), primary keys
 * (p) and uniques (u), with `table` quoted by regclass and `relname` bare. A bulk load drops them
 * and adds them back afterwards, the way pg_restore loads: a key is then built by one sort and a
 * foreign key validated by one join, where a loaded row otherwise pays an index insert per key and
 * a lookup per foreign key (most of a load's time). Adding them back checks every row.
 */
export function postgresKeysQuery(tables: readonly string[]): string {
  return `SELECT c.conrelid::regclass::text AS "table", r.relname, c.conname AS name, c.contype::text AS kind, pg_get_constraintdef(c.oid) AS definition
FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
WHERE c.contype IN ('f', 'p', 'u') AND c.conrelid = ANY (ARRAY[${tables.map((t) => lit(q(t))).join(', ')}]::regclass[])
ORDER BY c.contype, r.relname, c.conname`;
}

/**
 * The plain secondary indexes of the seeded tables (`name` quoted by regclass, `definition`): not
 * unique and backing no constraint, so nothing depends on them during a load. Built after it, an
 * index is one sort instead of an insert at a random place per row.
 */
export function postgresSecondaryIndexesQuery(tables: readonly string[]): string {
  return `SELECT indexrelid::regclass::text AS name, pg_get_indexdef(indexrelid) AS definition
FROM pg_index i WHERE indrelid = ANY (ARRAY[${tables.map((t) => lit(q(t))).join(', ')}]::regclass[])
  AND NOT indisunique AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1`;
}

/** A constraint as returned by postgresKeysQuery. */
export interface PostgresKeyDefinition {
  readonly table: string;
  readonly relname: string;
  readonly name: string;
  readonly kind: string;
  readonly definition: string;
}

export function postgresDropConstraint(key: Pick<PostgresKeyDefinition, 'table' | 'name'>): string {
  return `ALTER TABLE ${key.table} DROP CONSTRAINT ${q(key.name)};`;
}

export function postgresAddConstraint(key: Pick<PostgresKeyDefinition, 'table' | 'name' | 'definition'>): string {
  return `ALTER TABLE ${key.table} ADD CONSTRAINT ${q(key.name)} ${key.definition};`;
}

/** `name` as returned by postgresSecondaryIndexesQuery (already quoted by regclass). */
export function postgresDropIndex(index: { readonly name: string }): string {
  return `DROP INDEX ${index.name};`;
}

export function postgresCreateIndex(index: { readonly definition: string }): string {
  return `${index.definition};`;
}

const MASK = '9223372036854775807';
const TWO_63 = '9223372036854775808.0';
const MONTH_SECONDS = 2_629_746;
const DAY_SECONDS = 86_400;

type Role =
  | { readonly kind: 'tenant' }
  | { readonly kind: 'reference'; readonly fk: ForeignKey; readonly index: number }
  | { readonly kind: 'unique' }
  | { readonly kind: 'value' }
  | { readonly kind: 'omit' };

class SeedSql {
  private readonly tables: Map<string, Table>;
  private readonly shapes = new Map<string, SeedShape>();
  private readonly planned: Map<string, PlannedTable>;
  private readonly tenantCount: number;
  private readonly tenant: { readonly table: Table; readonly column: string } | undefined;
  private readonly enums: Map<string, readonly string[]>;
  private readonly skew: number;

  constructor(
    private readonly schema: Schema,
    plan: SeedPlan,
    private readonly options: PostgresSeedOptions,
  ) {
    this.tables = new Map(schema.tables.map((t) => [t.name, t]));
    this.planned = new Map(plan.tables.map((p) => [p.table, p]));
    this.tenantCount = plan.tenants?.count ?? 1;
    this.tenant = tenantTableOf(schema);
    this.enums = new Map(schema.enums.map((e) => [e.name, e.values]));
    this.skew = Math.max(0, options.skew ?? 0);
  }

  insert(p: PlannedTable): PostgresSeedTable {
    const table = this.table(p.table);
    const { columns, sql } = this.select(p.table, 1, p.rows);
    const identity = table.columns.some((c) => c.identity && columns.includes(q(c.name)));
    const mayConflict = this.shape(table).mayConflict;
    const insert = `INSERT INTO ${q(table.name)} (${columns.join(', ')})${identity ? ' OVERRIDING SYSTEM VALUE' : ''}\n${sql}${mayConflict ? '\nON CONFLICT DO NOTHING' : ''};`;
    return { table: table.name, rows: p.rows, insert, mayConflict, analyze: `ANALYZE ${q(table.name)};` };
  }

  select(name: string, from: number, to: number): { columns: string[]; sql: string } {
    const table = this.table(name);
    const later = new Set(this.planned.get(name)?.fillLater ?? []);
    const columns = table.columns.filter((c) => this.role(table, c).kind !== 'omit');
    const values = columns.map((c) => `  ${this.insertValue(table, c, 'g', later)} AS ${q(c.name)}`);
    return { columns: columns.map((c) => q(c.name)), sql: `SELECT\n${values.join(',\n')}\nFROM generate_series(${from}, ${to}) AS g` };
  }

  /** Sets references to tables seeded after this one, matching rows on the primary key. */
  fillLater(p: PlannedTable): string {
    const table = this.table(p.table);
    const g = 'seed_row.g';
    const fks = table.foreignKeys.filter((fk) => p.fillLater.includes(fk.name));
    const shape = this.shape(table);
    const sets = fks.flatMap((fk) =>
      fk.columns.filter((c) => c !== shape.tenantColumn).map((c) => `${q(c)} = ${this.insertValue(table, this.column(table, c), g, new Set())}`),
    );
    const match = table.primaryKey.columns.map((c) => `seeded.${q(c)} = ${this.value(table, this.column(table, c), g)}`);
    return `UPDATE ${q(table.name)} AS seeded SET ${sets.join(', ')}\nFROM generate_series(1, ${p.rows}) AS seed_row(g)\nWHERE ${match.join(' AND ')};`;
  }

  resetIdentity(name: string): string[] {
    const table = this.table(name);
    return table.columns
      .filter((c) => c.identity)
      .map(
        (c) =>
          `SELECT setval(pg_get_serial_sequence(${lit(q(table.name))}, ${lit(c.name)}), m) FROM (SELECT max(${q(c.name)}) AS m FROM ${q(table.name)}) AS seeded WHERE m IS NOT NULL;`,
      );
  }

  // --- one column of row g -------------------------------------------------------------------

  /** The value as inserted: the raw value, NULL in about one row in ten for optional columns. */
  private insertValue(table: Table, column: Column, g: string, later: ReadonlySet<string>): string {
    const role = this.role(table, column);
    if (role.kind === 'reference') {
      if (later.has(role.fk.name)) return 'NULL';
      if (!column.nullable) return this.value(table, column, g);
      const self = role.fk.refTable === table.name ? ` OR ${this.position(table, role.fk, g).r} = 0` : '';
      return `CASE WHEN ${this.hash(g, table.name, role.fk.name, 'null')} % 10 = 0${self} THEN NULL ELSE ${this.value(table, column, g)} END`;
    }
    if (!column.nullable || role.kind === 'tenant') return this.value(table, column, g);
    return `CASE WHEN ${this.hash(g, table.name, column.name, 'null')} % 10 = 0 THEN NULL ELSE ${this.value(table, column, g)} END`;
  }

  /** The column's value in row g, never NULL: what a child computes to reference row g. */
  private value(table: Table, column: Column, g: string): string {
    const role = this.role(table, column);
    switch (role.kind) {
      case 'tenant':
        return this.tenantKey(column, this.position(table, undefined, g).t);
      case 'reference': {
        const parent = this.tables.get(role.fk.refTable)!;
        const refColumn = this.column(parent, role.fk.refColumns[role.index]!);
        return this.value(parent, refColumn, this.parentRow(table, role.fk, g));
      }
      case 'unique':
        return this.uniqueValue(table, column, g);
      case 'value':
        return this.randomValue(table, column, g);
      case 'omit':
        throw new Error(`internal: ${table.name}.${column.name} has no generated value`);
    }
  }

  private role(table: Table, column: Column): Role {
    const shape = this.shape(table);
    if (column.name === shape.tenantColumn) return { kind: 'tenant' };
    for (const fk of table.foreignKeys) {
      const index = fk.columns.indexOf(column.name);
      if (index >= 0 && fk !== shape.tenantForeignKey) {
        if (this.tables.has(fk.refTable) && this.planned.has(fk.refTable)) return { kind: 'reference', fk, index };
        if (column.nullable) return { kind: 'omit' };
        throw new Error(`cannot seed ${table.name}.${column.name}: it references ${fk.refTable}, which is not seeded`);
      }
    }
    if (shape.uniqueColumns.includes(column.name)) return { kind: 'unique' };
    if (column.type.kind === 'native') {
      if (column.nullable || column.default) return { kind: 'omit' };
      throw new Error(
        `cannot seed ${table.name}.${column.name}: its type ${column.type.sql} is native to ${column.type.dialect}, and it is required without a default`,
      );
    }
    return { kind: 'value' };
  }

  /** The tenant of row g, as the tenant table's key (ids 1..T, or whatever its key column holds in row t). */
  private tenantKey(column: Column, t: string): string {
    if (this.tenant) return this.value(this.tenant.table, this.column(this.tenant.table, this.tenant.column), t);
    if (column.type.kind === 'uuid') return `md5('tenant:' || ${t})::uuid`;
    if (column.type.kind === 'string' || column.type.kind === 'text') return `('t' || ${t})`;
    return t;
  }

  /**
   * Row g's tenant t, its place r among that tenant's rows (0-based), and T, for a reference that
   * carries the tenant; a table without tenancy is one tenant holding every row.
   */
  private position(table: Table, fk: ForeignKey | undefined, g: string): { t: string; r: string; T: number } {
    const shape = this.shape(table);
    const scoped = shape.tenantColumn !== undefined && (fk === undefined || shape.alignedForeignKeys.has(fk.name));
    if (!scoped) return { t: '1', r: `(${g} - 1)`, T: 1 };
    const T = this.tenantCount;
    return { t: `((${g} - 1) % ${T} + 1)`, r: `((${g} - 1) / ${T})`, T };
  }

  /** The parent's row number for row g: within g's tenant when the key carries it. */
  private parentRow(table: Table, fk: ForeignKey, g: string): string {
    const shape = this.shape(table);
    const link = shape.linkForeignKeys.indexOf(fk);
    if (link >= 0) return this.linkRow(table, link, g);
    const { t, r, T } = this.position(table, fk, g);
    const salt = [table.name, fk.name];
    const row = (k: string) => (T === 1 && t === '1' ? `(1 + ${k})` : `(${t} + ${T} * ${k})`);
    // A row references a lower row of the same table (or itself when the reference is required), so trees have roots.
    if (fk.refTable === table.name) {
      const required = fk.columns.every((c) => this.column(table, c).nullable === false);
      return row(`(${this.hash(g, ...salt)} % ${required ? `(${r} + 1)` : `greatest(${r}, 1)`})`);
    }
    const parentRows = this.rows(fk.refTable);
    const count = T === 1 ? String(parentRows) : `((${parentRows} - ${t}) / ${T} + 1)`;
    return row(this.pick(g, count, salt));
  }

  /**
   * A link table's rows enumerate combinations of their parents: for row r of a tenant, the first
   * parent is r mod c1, the next is the next mixed-radix digit shifted by a hash of the first (so
   * links spread instead of marching in step). Distinct r below c1·c2·… gives distinct combinations.
   */
  private linkRow(table: Table, index: number, g: string): string {
    const shape = this.shape(table);
    const parts = shape.linkForeignKeys.map((fk) => {
      const { t, T } = this.position(table, fk, g);
      const n = this.rows(fk.refTable);
      const count = T === 1 ? String(n) : `((${n} - ${t}) / ${T} + 1)`;
      return { count, row: (k: string) => (T === 1 ? `(1 + ${k})` : `(${t} + ${T} * ${k})`) };
    });
    const { r } = this.position(table, undefined, g);
    const first = parts[0]!.row(`(${r} % ${parts[0]!.count})`);
    if (index === 0) return first;
    const part = parts[index]!;
    const radix = parts
      .slice(0, index)
      .map((p) => p.count)
      .join(' * ');
    const offset = this.hash(first, table.name, shape.linkForeignKeys[index]!.name, 'offset');
    return part.row(`(((${r} / (${radix})) % ${part.count} + ${offset} % ${part.count}) % ${part.count})`);
  }

  // --- values by type --------------------------------------------------------------------------

  /** Distinct for every g by construction: keys hold without checking. */
  private uniqueValue(table: Table, column: Column, g: string): string {
    const type = column.type;
    const { min } = this.range(table, column.name);
    switch (type.kind) {
      case 'string': {
        const format = this.format(table, column.name);
        if (format === 'email') return `${lit(`${emailLocal(column.name)}.`)} || ${g} || '@example.com'`;
        if (format === 'phone') return `'+1' || lpad((${g})::text, 10, '0')`;
        return type.length >= 12 ? `${lit(`${column.name.slice(0, type.length - 11)}-`)} || ${g}` : `(${g})::text`;
      }
      case 'char':
        return `(${g})::text`;
      case 'money':
        return `((${min ?? 0} + ${g})::numeric)::money`;
      case 'text':
        return `${lit(`${column.name}-`)} || ${g}`;
      case 'int32':
      case 'int64':
      case 'decimal':
        return min ? `(${min} + ${g})` : g;
      case 'float':
        return `(${min ?? 0} + ${g})::float8`;
      case 'date':
        return `(${lit(this.anchorDate())}::date - ${g})`;
      case 'timestamp':
        return `(${this.anchor(type.withTimeZone)} - ${g} * interval '1 second')`;
      case 'json':
        return `jsonb_build_object('id', ${g})`;
      case 'uuid':
        return this.uuid(g, table.name, column.name);
      case 'bytes':
        return `decode(md5(${lit(`${seedSalt(this.options.seed, table.name, column.name)}:`)} || ${g}), 'hex')`;
      default:
        throw new Error(`internal: ${table.name}.${column.name} (${type.kind}) cannot be unique by construction`);
    }
  }

  private randomValue(table: Table, column: Column, g: string): string {
    const type = column.type;
    const h = this.hash(g, table.name, column.name);
    const rows = Math.max(1, this.rows(table.name));
    switch (type.kind) {
      case 'string':
      case 'char':
        return this.stringValue(table, column, type.length, h, rows);
      case 'money':
        return `((${h} % 1000000) * 0.01)::numeric::money`;
      case 'text':
        return `${lit(`${column.name} `)} || ${h} % ${rows} || repeat(' lorem ipsum', (${h} / 1000 % 5)::int)`;
      case 'int16':
      case 'int32':
      case 'int64': {
        const bound = type.kind === 'int16' ? 32_767 : type.kind === 'int32' ? 2_147_483_647 : Number.MAX_SAFE_INTEGER;
        const { lo, hi } = this.bounds(table, column.name, 0, 999, -bound - 1, bound);
        return `(${lo} + ${h} % ${hi - lo + 1})`;
      }
      case 'decimal': {
        const cents = Math.min(type.scale, 2);
        const unit = 10 ** cents;
        const typeMax = 10 ** Math.min(type.precision - type.scale, 15) - 10 ** -type.scale;
        const { lo, hi } = this.bounds(table, column.name, 0, Math.min(10_000, typeMax), -typeMax, typeMax);
        const loUnits = Math.ceil(lo * unit);
        const span = Math.max(1, Math.floor(hi * unit) - loUnits + 1);
        const units = loUnits ? `(${loUnits} + ${h} % ${span})` : `(${h} % ${span})`;
        return cents ? `(${units} * ${1 / unit})` : units;
      }
      case 'float': {
        const { lo, hi } = this.bounds(table, column.name, 0, 1000, -Number.MAX_VALUE, Number.MAX_VALUE);
        return `(${lo} + ${this.unit(g, table.name, column.name)} * ${hi - lo})`;
      }
      case 'bool':
        return `(${h} % 2 = 0)`;
      case 'date':
        return `(${lit(this.anchorDate())}::date - (${h} % ${Math.max(1, Math.round(this.historySeconds(table) / DAY_SECONDS))})::int)`;
      case 'time':
        return `(time '00:00' + (${h} % ${DAY_SECONDS}) * interval '1 second')`;
      case 'timestamp':
        return this.timestampValue(table, column, g);
      case 'json': {
        // 16 small objects picked per row: building one per row (jsonb_build_object) cost 1–3 µs more per row.
        const objects = Array.from({ length: 16 }, (_, i) => lit(JSON.stringify({ n: (i * 37) % 100, tag: `${column.name}-${i % 7}` })));
        return `(ARRAY[${objects.join(', ')}]::jsonb[])[1 + (${h} % 16)::int]`;
      }
      case 'uuid':
        return this.uuid(g, table.name, column.name);
      case 'bytes':
        return `decode(md5(${lit(`${seedSalt(this.options.seed, table.name, column.name)}:`)} || ${g}), 'hex')`;
      case 'enum': {
        const values = this.enums.get(type.name);
        if (!values?.length) throw new Error(`cannot seed ${table.name}.${column.name}: the enum ${type.name} has no values`);
        return `(ARRAY[${values.map(lit).join(', ')}]::${q(type.name)}[])[1 + (${h} % ${values.length})::int]`;
      }
      case 'native':
        throw new Error(`internal: native column ${table.name}.${column.name} reached value generation`);
    }
  }

  private stringValue(table: Table, column: Column, length: number, h: string, rows: number): string {
    const format = this.format(table, column.name);
    if (format === 'email') return `${lit(`${emailLocal(column.name)}.`)} || ${h} % ${rows} || '@example.com'`;
    if (format === 'phone') return `'+1' || lpad((${h} % 10000000000)::text, 10, '0')`;
    const fallback = column.default?.kind === 'literal' && typeof column.default.value === 'string' ? column.default.value : undefined;
    if (fallback !== undefined && fallback.length <= length) return lit(fallback);
    const digits = String(rows - 1).length;
    if (length < digits + 2) return `lpad((${h} % ${10 ** Math.min(length, 15)})::text, ${length}, '0')`;
    return `${lit(`${column.name.slice(0, length - digits - 1)} `)} || ${h} % ${rows}`;
  }

  /** Rows are spread over the table's history, older ids earlier; `updated_at` falls between creation and now. */
  private timestampValue(table: Table, column: Column, g: string): string {
    const rows = Math.max(1, this.rows(table.name));
    const perRow = this.historySeconds(table) / rows;
    const ago = `((${rows} - ${g})::float8 + ${this.unit(g, table.name, '(row time)')}) * ${perRow}`;
    const type = column.type as Extract<LogicalType, { kind: 'timestamp' }>;
    const updated = column.name === 'updated_at' ? ` * ${this.unit(g, table.name, column.name)}` : '';
    return `(${this.anchor(type.withTimeZone)} - ${ago}${updated} * interval '1 second')`;
  }

  /** Spec rows / growth per month months, capped by retention; a year when the spec gives no growth. */
  private historySeconds(table: Table): number {
    const v = table.volume;
    const months = v && v.rows > 0 && v.growthPerMonth > 0 ? v.rows / v.growthPerMonth : 12;
    const seconds = Math.min(months * MONTH_SECONDS, v?.retentionSeconds ?? Infinity, 20 * 12 * MONTH_SECONDS);
    return Math.max(DAY_SECONDS, seconds);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** A uniform non-negative 63-bit hash of g for one stream. */
  private hash(g: string, ...stream: string[]): string {
    return `(hashint8extended(${g}, ${seedSalt(this.options.seed, ...stream)}) & ${MASK})`;
  }

  /** Uniform in [0, 1). */
  private unit(g: string, ...stream: string[]): string {
    return `(${this.hash(g, ...stream)}::float8 / ${TWO_63})`;
  }

  /** 0..count-1, uniform or skewed towards 0. */
  private pick(g: string, count: string, stream: string[]): string {
    if (this.skew === 0) return `(${this.hash(g, ...stream)} % ${count})`;
    return `least(${count} - 1, floor(${count} * power(${this.unit(g, ...stream)}, ${1 + this.skew}))::int8)`;
  }

  private uuid(g: string, ...stream: string[]): string {
    return `md5(${lit(`${seedSalt(this.options.seed, ...stream)}:`)} || ${g})::uuid`;
  }

  private anchor(withTimeZone: boolean): string {
    const iso = new Date(this.options.anchor).toISOString();
    return withTimeZone ? `${lit(iso)}::timestamptz` : `${lit(iso.replace('T', ' ').replace('Z', ''))}::timestamp`;
  }

  private anchorDate(): string {
    return new Date(this.options.anchor).toISOString().slice(0, 10);
  }

  private range(table: Table, column: string): { min?: number; max?: number } {
    const rule = table.checks.find((c) => c.rule.kind === 'range' && c.rule.column === column)?.rule;
    return rule?.kind === 'range' ? { ...(rule.min !== undefined ? { min: rule.min } : {}), ...(rule.max !== undefined ? { max: rule.max } : {}) } : {};
  }

  /** Inside the column's range check when it has one, else a modest default span, within the type. */
  private bounds(table: Table, column: string, defaultLo: number, defaultSpan: number, typeMin: number, typeMax: number): { lo: number; hi: number } {
    const { min, max } = this.range(table, column);
    const lo = Math.max(typeMin, min ?? (max !== undefined ? Math.min(defaultLo, max - defaultSpan) : defaultLo));
    const hi = Math.min(typeMax, max ?? lo + defaultSpan);
    return { lo, hi: Math.max(lo, hi) };
  }

  private format(table: Table, column: string): 'email' | 'phone' | undefined {
    const rule = table.checks.find((c) => c.rule.kind === 'format' && c.rule.column === column)?.rule;
    return rule?.kind === 'format' ? rule.format : undefined;
  }

  private rows(name: string): number {
    return this.planned.get(name)?.rows ?? 0;
  }

  private table(name: string): Table {
    const table = this.tables.get(name);
    if (!table) throw new Error(`the seed plan names ${name}, which is not in the schema`);
    return table;
  }

  private column(table: Table, name: string): Column {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new Error(`${table.name} has no column ${name}`);
    return column;
  }

  private shape(table: Table): SeedShape {
    let shape = this.shapes.get(table.name);
    if (!shape) this.shapes.set(table.name, (shape = seedShape(this.schema, table)));
    return shape;
  }
}

/** The local part of a generated address: letters, digits, dots (no spaces or @ to fail the format check). */
function emailLocal(column: string): string {
  return (
    column
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '.')
      .replace(/^\.+|\.+$/g, '') || 'user'
  );
}
