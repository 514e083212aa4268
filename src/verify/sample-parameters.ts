import type { Engine } from '../engines/engine.js';
import type { LogicalType } from '../model/logical-type.js';
import type { Schema, Table } from '../model/schema.js';
import type { QueryShape } from '../sql/query-shape.js';
import type { ParameterTarget } from './parameter-targets.js';

type Quote = (name: string) => string;

/**
 * Draws `count` sets of parameter values from the seeded data, so each call looks like a real one:
 * parameters on the same table (or joined to it) come from one row, so a tenant and a customer
 * belong together; written foreign keys come from the referenced row; other written values are
 * made up from the column type.
 */
export async function sampleParameters(engine: Engine, schema: Schema, shape: QueryShape, targets: readonly ParameterTarget[], count: number, quote: Quote): Promise<unknown[][]> {
  const sets: unknown[][] = Array.from({ length: count }, () => targets.map(() => null));
  const sources = sourceColumns(schema, shape, targets);
  const byTable = new Map<string, { position: number; column: string }[]>();
  sources.forEach((source, position) => {
    if (source) byTable.set(source.table, [...(byTable.get(source.table) ?? []), { position, column: source.column }]);
  });
  for (const [table, wanted] of byTable) {
    const columns = [...new Set(wanted.map((w) => w.column))];
    const rows = await engine.query<Record<string, unknown>>(
      `SELECT ${columns.map((c, i) => `${quote(c)} AS c${i}`).join(', ')} FROM ${quote(table)} ORDER BY hashtext(ctid::text) LIMIT ${count}`,
    );
    rows.forEach((row, r) => {
      for (const w of wanted) sets[r]![w.position] = row[`c${columns.indexOf(w.column)}`];
    });
    // Fewer rows than sets (a tiny table): repeat the ones there are.
    for (let r = rows.length; r < count && rows.length > 0; r++) for (const w of wanted) sets[r]![w.position] = sets[r % rows.length]![w.position];
  }
  targets.forEach((target, position) => {
    if (sources[position]) return;
    const table = schema.tables.find((t) => t.name === target.table);
    const type = table?.columns.find((c) => c.name === target.column)?.type;
    for (const set of sets) set[position] = madeUpValue(type, schema);
  });
  return sets;
}

/** Where to read each parameter's value from, or undefined to make one up. */
function sourceColumns(schema: Schema, shape: QueryShape, targets: readonly ParameterTarget[]): ({ table: string; column: string } | undefined)[] {
  const sources = targets.map((t) => {
    if (!t.table || !t.column) return undefined;
    const table = schema.tables.find((x) => x.name === t.table)!;
    if (!t.written) return { table: t.table, column: t.column };
    const fk = referencing(table, t.column, targets);
    return fk ? { table: fk.refTable, column: fk.refColumns[fk.columns.indexOf(t.column)]! } : undefined;
  });
  // Parameters on joined tables are read from the table holding most parameters, through the join.
  const counts = new Map<string, number>();
  for (const s of sources) if (s) counts.set(s.table, (counts.get(s.table) ?? 0) + 1);
  const anchor = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!anchor) return sources;
  const aliasTable = new Map(shape.tables.map((t) => [t.alias, t.table]));
  return sources.map((s) => {
    if (!s || s.table === anchor) return s;
    for (const edge of shape.joins) {
      const [a, b] = [edge.left, edge.right].map((c) => ({ table: c.table ?? aliasTable.get(c.alias), column: c.column }));
      if (a!.table === s.table && a!.column === s.column && b!.table === anchor) return { table: anchor, column: b!.column };
      if (b!.table === s.table && b!.column === s.column && a!.table === anchor) return { table: anchor, column: a!.column };
    }
    return s;
  });
}

/** The foreign key through which a written column should be drawn: the one covering most written parameters. */
function referencing(table: Table, column: string, targets: readonly ParameterTarget[]) {
  const written = new Set(targets.filter((t) => t.written).map((t) => t.column));
  return table.foreignKeys
    .filter((fk) => fk.columns.includes(column))
    .sort((a, b) => b.columns.filter((c) => written.has(c)).length - a.columns.filter((c) => written.has(c)).length)[0];
}

function madeUpValue(type: LogicalType | undefined, schema: Schema): unknown {
  switch (type?.kind) {
    case 'string':
      return 'x'.repeat(Math.min(type.length, 8));
    case 'text':
      return 'sample';
    case 'int16':
    case 'int32':
    case 'int64':
    case 'decimal':
    case 'float':
      return 1;
    case 'bool':
      return true;
    case 'date':
      return '2026-01-01';
    case 'time':
      return '12:00:00';
    case 'timestamp':
      return '2026-01-01T00:00:00Z';
    case 'json':
      return '{}';
    case 'uuid':
      return '00000000-0000-4000-8000-000000000000';
    case 'enum':
      return schema.enums.find((e) => e.name === type.name)?.values[0] ?? null;
    default:
      // A parameter with no column (LIMIT :n, OFFSET :n): a typical page size.
      return 10;
  }
}
