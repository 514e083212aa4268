import { describeType, type LogicalType } from '../../model/logical-type.js';
import type { Schema, Table } from '../../model/schema.js';

export interface SchemaDifferenceOptions {
  /** Compare each foreign key's ON DELETE action (default true). */
  readonly onDelete?: boolean;
}

/**
 * What differs between two schemas in the parts a spec round trip must keep: the tables, their
 * columns (name, logical type, nullability), primary keys, unique constraints and foreign keys.
 * Constraint names, column order, comments, indexes and statistics are not compared: a spec does
 * not choose them. Enum types compare by their values, since the spec names enums itself. Empty
 * when the two agree; each entry names the table and the part, for a test message or a report.
 */
export function schemaDifferences(expected: Schema, actual: Schema, options: SchemaDifferenceOptions = {}): string[] {
  const out: string[] = [];
  const names = (s: Schema) => new Set(s.tables.map((t) => t.name));
  const [left, right] = [names(expected), names(actual)];
  for (const name of left) if (!right.has(name)) out.push(`table ${name}: missing`);
  for (const name of right) if (!left.has(name)) out.push(`table ${name}: not expected`);
  for (const table of expected.tables) {
    const other = actual.tables.find((t) => t.name === table.name);
    if (other) out.push(...tableDifferences(table, expected, other, actual, options));
  }
  return out;
}

function tableDifferences(a: Table, aSchema: Schema, b: Table, bSchema: Schema, options: SchemaDifferenceOptions): string[] {
  const out: string[] = [];
  const at = (what: string) => `table ${a.name}: ${what}`;
  for (const column of a.columns) {
    const other = b.columns.find((c) => c.name === column.name);
    if (!other) {
      out.push(at(`column ${column.name} missing`));
      continue;
    }
    const [ta, tb] = [typeText(column.type, aSchema), typeText(other.type, bSchema)];
    if (ta !== tb) out.push(at(`column ${column.name} is ${tb}, expected ${ta}`));
    if (column.nullable !== other.nullable)
      out.push(at(`column ${column.name} is ${other.nullable ? 'nullable' : 'NOT NULL'}, expected ${column.nullable ? 'nullable' : 'NOT NULL'}`));
  }
  for (const column of b.columns) if (!a.columns.some((c) => c.name === column.name)) out.push(at(`column ${column.name} not expected`));
  const [pa, pb] = [a.primaryKey.columns.join(', '), b.primaryKey.columns.join(', ')];
  if (pa !== pb) out.push(at(`primary key (${pb}), expected (${pa})`));
  out.push(
    ...setDifferences(
      at,
      'unique',
      a.uniques.map((u) => `(${u.columns.join(', ')})`),
      b.uniques.map((u) => `(${u.columns.join(', ')})`),
    ),
  );
  const fk = (t: Table) =>
    t.foreignKeys.map(
      (f) => `(${f.columns.join(', ')}) -> ${f.refTable} (${f.refColumns.join(', ')})${options.onDelete === false ? '' : ` on delete ${f.onDelete}`}`,
    );
  out.push(...setDifferences(at, 'foreign key', fk(a), fk(b)));
  return out;
}

function setDifferences(at: (what: string) => string, what: string, expected: readonly string[], actual: readonly string[]): string[] {
  return [
    ...expected.filter((x) => !actual.includes(x)).map((x) => at(`${what} ${x} missing`)),
    ...actual.filter((x) => !expected.includes(x)).map((x) => at(`${what} ${x} not expected`)),
  ];
}

function typeText(type: LogicalType, schema: Schema): string {
  if (type.kind !== 'enum') return describeType(type);
  const values = schema.enums.find((e) => e.name === type.name)?.values;
  return values ? `enum(${values.join(', ')})` : `enum ${type.name} (undefined)`;
}
