import { describeType } from '../../model/logical-type.js';
import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/**
 * A Mermaid `erDiagram`: every table with its columns and PK/FK/UK markers, and one relationship
 * per foreign key. Cardinality comes from the model: the parent side is exactly one when the
 * reference is required (zero or one when nullable); the child side is at most one when the
 * referencing columns are unique, else many.
 */
export function renderMermaidErd(schema: Schema): string {
  const lines = ['erDiagram'];
  for (const table of schema.tables) {
    lines.push(`  ${entityName(table.name)} {`);
    for (const column of table.columns) lines.push(`    ${attributeType(column)} ${column.name}${markers(table, column)}`);
    lines.push('  }');
  }
  // Every tenant-scoped table references the tenant table: drawing each edge would hide the rest.
  const isTenantEdge = (table: Table, fk: ForeignKey) => table.tenantScoped && fk.columns.length === 1 && fk.columns[0] === TENANT_COLUMN;
  for (const table of schema.tables) {
    for (const fk of table.foreignKeys) {
      if (isTenantEdge(table, fk)) continue;
      lines.push(`  ${entityName(fk.refTable)} ${parentSide(table, fk)}--${childSide(table, fk)} ${entityName(table.name)} : "${label(fk)}"`);
    }
  }
  const tenantScoped = schema.tables.filter((t) => t.foreignKeys.some((fk) => isTenantEdge(t, fk)));
  const tenantTable = tenantScoped[0]?.foreignKeys.find((fk) => isTenantEdge(tenantScoped[0]!, fk))?.refTable;
  if (tenantTable)
    lines.push(`  %% tenant_id references ${tenantTable} from every tenant-scoped table: ${tenantScoped.map((t) => t.name).join(', ')} (not drawn)`);
  return lines.join('\n') + '\n';
}

/** Mermaid entity names are bare words; quote-free names stay readable in every renderer. */
function entityName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(name) ? name : `"${name}"`;
}

/** Mermaid attribute types allow no commas or spaces: `decimal(19,4)` -> `decimal_19_4`. */
function attributeType(column: Column): string {
  return describeType(column.type)
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+$/, '');
}

function markers(table: Table, column: Column): string {
  const keys: string[] = [];
  if (table.primaryKey.columns.includes(column.name)) keys.push('PK');
  if (table.foreignKeys.some((fk) => fk.columns.includes(column.name) && fk.columns[fk.columns.length - 1] === column.name)) keys.push('FK');
  if (table.uniques.some((u) => u.columns.length === 1 && u.columns[0] === column.name)) keys.push('UK');
  const note = column.pii ? ' "PII"' : '';
  return (keys.length ? ` ${keys.join(', ')}` : '') + note;
}

function parentSide(table: Table, fk: ForeignKey): string {
  const required = fk.columns.every((c) => table.columns.find((x) => x.name === c)?.nullable === false);
  return required ? '||' : '|o';
}

function childSide(table: Table, fk: ForeignKey): string {
  const sameColumns = (cols: readonly string[]) => cols.length === fk.columns.length && cols.every((c) => fk.columns.includes(c));
  const unique = sameColumns(table.primaryKey.columns) || table.uniques.some((u) => sameColumns(u.columns));
  return unique ? 'o|' : 'o{';
}

function label(fk: ForeignKey): string {
  return fk.columns[fk.columns.length - 1]!;
}
