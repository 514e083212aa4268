import type { Engine } from '../engines/engine.js';
import type { Schema } from '../model/schema.js';
import type { DialectSampling } from '../dialects/dialect.js';
import type { QueryShape } from '../sql/query-shape.js';
import { madeUpValue } from './made-up-value.js';
import type { ParameterTarget } from './parameter-targets.js';
import { drawWrittenValues } from './written-values.js';

/**
 * Draws `count` sets of parameter values from the seeded data, so each call looks like a real one:
 * parameters on the same table (or joined to it) come from one row, so a tenant and a customer
 * belong together. An INSERT's written values reference existing rows and collide with no key
 * (written-values.ts); other values are made up from the column type.
 */
export async function sampleParameters(
  engine: Engine,
  schema: Schema,
  shape: QueryShape,
  targets: readonly ParameterTarget[],
  count: number,
  sampling: DialectSampling,
  windowSeconds?: number,
): Promise<unknown[][]> {
  const sets: unknown[][] = Array.from({ length: count }, () => targets.map(() => null));
  const sources = sourceColumns(schema, shape, targets);
  const byTable = new Map<string, { position: number; column: string }[]>();
  sources.forEach((source, position) => {
    if (source) byTable.set(source.table, [...(byTable.get(source.table) ?? []), { position, column: source.column }]);
  });
  for (const [table, wanted] of byTable) {
    const columns = [...new Set(wanted.map((w) => w.column))];
    const rows = await engine.query<Record<string, unknown>>(sampling.sampleRows(table, columns, count));
    rows.forEach((row, r) => {
      for (const w of wanted) sets[r]![w.position] = row[`c${columns.indexOf(w.column)}`];
    });
    // Fewer rows than sets (a tiny table): repeat the ones there are.
    for (let r = rows.length; r < count && rows.length > 0; r++) for (const w of wanted) sets[r]![w.position] = sets[r % rows.length]![w.position];
  }
  const writtenTable = shape.kind === 'insert' ? schema.tables.find((t) => t.name === shape.writesTable) : undefined;
  const writtenColumns = [...new Set(targets.filter((t) => t.written && t.column).map((t) => t.column!))];
  const written =
    writtenTable && writtenColumns.length
      ? await drawWrittenValues(engine, schema, writtenTable, writtenColumns, count, sampling)
      : new Map<string, unknown[]>();
  targets.forEach((target, position) => {
    if (sources[position]) return;
    const drawn = target.written && target.column ? written.get(target.column) : undefined;
    const table = schema.tables.find((t) => t.name === target.table);
    sets.forEach((set, r) => (set[position] = drawn ? drawn[r] : madeUpValue(schema, table, target.column)));
  });
  widenRanges(sets, targets, windowSeconds);
  // `= ANY($n)` takes an array: the drawn value, as a one-element array (the engine serialises it as the column's array type).
  targets.forEach((target, position) => {
    if (target.array) for (const set of sets) set[position] = set[position] === null ? [] : [set[position]];
  });
  return sets;
}

/** Where to read each parameter's value from, or undefined to make one up. */
function sourceColumns(schema: Schema, shape: QueryShape, targets: readonly ParameterTarget[]): ({ table: string; column: string } | undefined)[] {
  const sources = targets.map((t) => {
    if (!t.table || !t.column) return undefined;
    return t.written ? undefined : { table: t.table, column: t.column };
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

/**
 * A range whose two bounds come from one row is empty (`at >= v AND at < v`): the plan would read
 * nothing and the pattern would look fast. The upper bound is the lower plus the pattern's stated
 * `window`, or, without one, the two bounds are the earlier and later of two sampled rows' values.
 */
function widenRanges(sets: unknown[][], targets: readonly ParameterTarget[], windowSeconds: number | undefined): void {
  for (const lower of targets.filter((t) => t.bound === 'lower')) {
    const upper = targets.find((t) => t.bound === 'upper' && t.table === lower.table && t.column === lower.column);
    if (!upper) continue;
    const [lo, hi] = [targets.indexOf(lower), targets.indexOf(upper)];
    sets.forEach((set, r) => {
      const start = set[lo];
      const other = sets[(r + 1) % sets.length]![lo];
      if (windowSeconds !== undefined && start instanceof Date) set[hi] = new Date(start.getTime() + windowSeconds * 1000);
      else if (windowSeconds !== undefined && typeof start === 'number') set[hi] = start + windowSeconds;
      else if (start instanceof Date && other instanceof Date) [set[lo], set[hi]] = start <= other ? [start, other] : [other, start];
      else if (typeof start === 'number' && typeof other === 'number') [set[lo], set[hi]] = start <= other ? [start, other] : [other, start];
    });
  }
}
