import type { LogicalType } from '../model/logical-type.js';
import type { ForeignKey, Schema, Table } from '../model/schema.js';
import { TENANT_COLUMN } from '../model/naming.js';

/** The column that carries the tenant under shared-schema tenancy (see model/build-model.ts). */

/**
 * How synthetic rows of one table are built so that its keys hold by construction, dialect-neutral.
 * Every value is a function of the row number g (1..n), so a child can compute its parent's key
 * from the parent's row number without reading the parent.
 */
export interface SeedShape {
  readonly table: Table;
  /** `tenant_id` when the table is tenant-scoped: row g belongs to tenant ((g-1) mod T) + 1. */
  readonly tenantColumn?: string;
  /** The foreign key `tenant_id -> tenant`, when there is a tenant table. */
  readonly tenantForeignKey?: ForeignKey;
  /** Scalar columns built from g, one per key, so every primary key and unique holds. */
  readonly uniqueColumns: readonly string[];
  /**
   * Foreign keys whose columns make a key (relation tables, 1:1 extensions): enumerated together
   * per tenant so each row gets a different combination of parents.
   */
  readonly linkForeignKeys: readonly ForeignKey[];
  /** Foreign keys that carry the tenant: the parent is a row of the same tenant. */
  readonly alignedForeignKeys: ReadonlySet<string>;
  /** Some key cannot be guaranteed by construction: insert with ON CONFLICT DO NOTHING and count. */
  readonly mayConflict: boolean;
}

export function seedShape(schema: Schema, table: Table): SeedShape {
  const tenantColumn = table.tenantScoped && table.columns.some((c) => c.name === TENANT_COLUMN) ? TENANT_COLUMN : undefined;
  const tenantForeignKey = tenantColumn ? table.foreignKeys.find((fk) => fk.columns.length === 1 && fk.columns[0] === tenantColumn) : undefined;
  const aligned = new Set<string>();
  for (const fk of table.foreignKeys) if (fk !== tenantForeignKey && tenantColumn && carriesTenant(schema, fk)) aligned.add(fk.name);

  const referencing = (fk: ForeignKey) => fk !== tenantForeignKey;
  const fkColumns = new Set(table.foreignKeys.filter(referencing).flatMap((fk) => fk.columns.filter((c) => c !== tenantColumn)));
  const unique: string[] = [];
  let link: ForeignKey[] = [];
  let mayConflict = false;

  const keys = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)];
  for (const key of keys) {
    if (key.some((c) => unique.includes(c))) continue;
    const own = key.filter((c) => c !== tenantColumn);
    const candidate = own.find((name) => !fkColumns.has(name) && canBeUnique(table, name));
    if (candidate) {
      unique.push(candidate);
      continue;
    }
    const covering = table.foreignKeys.filter((fk) => referencing(fk) && fk.columns.every((c) => c === tenantColumn || own.includes(c)));
    const covered = own.length > 0 && own.every((c) => covering.some((fk) => fk.columns.includes(c)));
    if (covered && link.length === 0) link = covering;
    // Link rows are unique while the table stays within its key capacity (the plan caps it); the
    // clause stays as a safety net, and for any key that construction cannot guarantee at all.
    mayConflict = true;
  }
  return {
    table,
    ...(tenantColumn ? { tenantColumn } : {}),
    ...(tenantForeignKey ? { tenantForeignKey } : {}),
    uniqueColumns: unique,
    linkForeignKeys: link,
    alignedForeignKeys: aligned,
    mayConflict,
  };
}

/** The tenant table: what `tenant_id` of tenant-scoped tables references. */
export function tenantTableOf(schema: Schema): { readonly table: Table; readonly column: string } | undefined {
  for (const table of schema.tables) {
    if (!table.tenantScoped) continue;
    const fk = table.foreignKeys.find((f) => f.columns.length === 1 && f.columns[0] === TENANT_COLUMN);
    const target = fk && schema.tables.find((t) => t.name === fk.refTable);
    if (fk && target) return { table: target, column: fk.refColumns[0]! };
  }
  return undefined;
}

/** Both sides scoped and the tenant column maps onto the parent's tenant column. */
function carriesTenant(schema: Schema, fk: ForeignKey): boolean {
  const parent = schema.tables.find((t) => t.name === fk.refTable);
  const i = fk.columns.indexOf(TENANT_COLUMN);
  return !!parent?.tenantScoped && i >= 0 && fk.refColumns[i] === TENANT_COLUMN;
}

/** Types whose values can be made distinct for every row from g alone (within any range check). */
function canBeUnique(table: Table, name: string): boolean {
  const column = table.columns.find((c) => c.name === name);
  if (!column) return false;
  const ranged = table.checks.some((c) => c.rule.kind === 'range' && c.rule.column === name && c.rule.max !== undefined);
  return !ranged && uniqueCapable(column.type);
}

function uniqueCapable(type: LogicalType): boolean {
  switch (type.kind) {
    case 'string':
    case 'char':
      return type.length >= 8; // g as digits: room for 10^8 rows
    case 'decimal':
      return type.precision - type.scale >= 9;
    case 'text':
    case 'int32':
    case 'int64':
    case 'float':
    case 'money':
    case 'date':
    case 'timestamp':
    case 'json':
    case 'uuid':
    case 'bytes':
      return true;
    case 'int16': // 32,767 values: too few to promise
    case 'bool':
    case 'time':
    case 'enum':
    case 'native':
      return false;
  }
}
