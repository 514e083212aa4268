import { describeType, type LogicalType } from '../../model/logical-type.js';
import { TENANT_COLUMN } from '../../model/naming.js';
import type { ForeignKey, Schema, Table } from '../../model/schema.js';

export interface SchemaShape {
  readonly schema: Schema;
  readonly tenancy: boolean;
  readonly isScoped: (table: Table) => boolean;
  readonly refKey: (table: Table) => { column: string; type: LogicalType } | undefined;
}

/** A link table the spec writes as a `many(target)` field named `field` on `owner`. */
export interface RelationField {
  readonly table: Table;
  readonly owner: Table;
  readonly target: Table;
  readonly field: string;
  readonly description?: string;
}

/**
 * The tables that are exactly what a `many` field builds (spec/build-model.ts, relationTable): named
 * `<owner>_<field>`, holding only the two reference columns (and tenant_id when either side is a
 * tenant's), keyed by all of them, both references cascading, no other constraint. Anything more
 * (a column of its own, timestamps, a unique) keeps it an entity with an explicit key.
 */
export function relationFields(shape: SchemaShape): RelationField[] {
  const out: RelationField[] = [];
  for (const table of shape.schema.tables) {
    const found = asRelation(table, shape, out);
    if (found) out.push(found);
  }
  return out;
}

function asRelation(table: Table, shape: SchemaShape, found: readonly RelationField[]): RelationField | undefined {
  if (table.uniques.length || table.checks.length || table.name === 'tenant') return undefined;
  const links = table.foreignKeys.filter((f) => !(f.columns.length === 1 && f.columns[0] === TENANT_COLUMN));
  if (links.length !== 2) return undefined;
  for (const [ownerFk, targetFk] of [links, [links[1]!, links[0]!]] as const) {
    const owner = shape.schema.tables.find((t) => t.name === ownerFk.refTable);
    const target = shape.schema.tables.find((t) => t.name === targetFk.refTable);
    if (!owner || !target || owner === table || target === table) continue;
    if (found.some((r) => r.table === owner || r.table === target)) continue;
    if (!table.name.startsWith(`${owner.name}_`)) continue;
    const field = table.name.slice(owner.name.length + 1);
    if (!/^[a-z][a-z0-9_]*$/.test(field) || owner.columns.some((c) => c.name === field || c.name === `${field}_id`)) continue;
    if (found.some((r) => r.owner === owner && r.field === field)) continue;
    const ownerColumn = `${owner.name}_id`;
    let targetColumn = `${target.name}_id`;
    if (targetColumn === ownerColumn) targetColumn = `${singular(field)}_id`;
    if (targetColumn === ownerColumn) targetColumn = `related_${target.name}_id`;
    const scoped = shape.tenancy && (shape.isScoped(owner) || shape.isScoped(target));
    const columns = [...(scoped ? [TENANT_COLUMN] : []), ownerColumn, targetColumn];
    if (table.columns.length !== columns.length || !columns.every((c, i) => table.columns[i]?.name === c)) continue;
    if (table.columns.some((c) => c.nullable) || table.primaryKey.columns.join() !== columns.join()) continue;
    if (!linkMatches(ownerFk, ownerColumn, owner, scoped, shape, table) || !linkMatches(targetFk, targetColumn, target, scoped, shape, table)) continue;
    const linked = /^Links \S+ to \S+ \(the `[a-z0-9_]+` relation\)(?:: (.*))?\.$/s.exec(table.comment ?? '');
    const description = linked ? linked[1] : table.comment;
    return { table, owner, target, field, ...(description ? { description } : {}) };
  }
  return undefined;
}

function linkMatches(fk: ForeignKey, column: string, side: Table, scoped: boolean, shape: SchemaShape, table: Table): boolean {
  const key = shape.refKey(side);
  if (!key || fk.onDelete !== 'cascade') return false;
  const withTenant = scoped && shape.isScoped(side);
  const expected = withTenant ? [TENANT_COLUMN, column] : [column];
  const refColumns = withTenant ? [TENANT_COLUMN, key.column] : [key.column];
  const type = table.columns.find((c) => c.name === column)?.type;
  return (
    fk.columns.join() === expected.join() && fk.refColumns.join() === refColumns.join() && type !== undefined && describeType(type) === describeType(key.type)
  );
}

/** The builder's own rule for the second column of a self-relation (spec/build-model.ts). */
function singular(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('s') && !word.endsWith('ss') && word.length > 3) return word.slice(0, -1);
  return word;
}
