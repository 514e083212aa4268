import type { Engine } from '../engines/engine.js';
import type { Schema, Table } from '../model/schema.js';
import { freshValue } from './fresh-value.js';
import { madeUpValue } from './made-up-value.js';
import { planWrittenValues } from '../seed/written-key-plan.js';
import type { DialectSampling } from '../dialects/dialect.js';

/**
 * Values for the written columns of an INSERT, `count` sets: foreign keys reference existing rows
 * (of one tenant where they share it) and no key of the table collides with a row already there.
 * Measurement rolls every write back, so the sets need not differ from each other.
 */
export async function drawWrittenValues(
  engine: Engine,
  schema: Schema,
  table: Table,
  columns: readonly string[],
  count: number,
  sampling: DialectSampling,
): Promise<Map<string, unknown[]>> {
  const plan = planWrittenValues(table, columns);
  const values = new Map<string, unknown[]>();
  const repeat = (value: unknown) => Array.from({ length: count }, () => value);
  for (const column of plan.madeUp) values.set(column, repeat(madeUpValue(schema, table, column)));
  for (const column of plan.fresh) values.set(column, repeat((await freshValue(engine, table, column, sampling)) ?? madeUpValue(schema, table, column)));
  if (plan.parents.length === 0) return values;

  const madeUp = (column: string) => values.get(column)?.[0];
  // A random sample first; where free combinations are rare, the first ones in table order; and if
  // there are none, parents that exist (the engine will report the collision as the pattern's finding).
  const attempts = [
    { random: true, absent: true },
    { random: false, absent: true },
    { random: true, absent: false },
  ].filter((a, i) => i === 0 || plan.absentKeys.length > 0);
  let rows: Record<string, unknown>[] = [];
  for (const attempt of attempts) {
    const { sql, params } = sampling.writtenParents(table.name, plan, madeUp, count, attempt);
    rows = await engine.query<Record<string, unknown>>(sql, params);
    if (rows.length > 0) break;
  }
  plan.parents.forEach((parent) =>
    parent.sources.forEach((source, k) => {
      values.set(
        source.column,
        Array.from({ length: count }, (_, r) => (rows.length ? rows[r % rows.length]![`${parent.alias}_${k}`] : null)),
      );
    }),
  );
  return values;
}
