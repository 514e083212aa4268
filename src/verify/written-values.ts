import type { Engine } from '../engines/engine.js';
import type { Schema, Table } from '../model/schema.js';
import { freshValue } from './fresh-value.js';
import { madeUpValue } from './made-up-value.js';
import { planWrittenValues, type KeyValue, type WrittenPlan } from './written-key-plan.js';

type Quote = (name: string) => string;

/**
 * Values for the written columns of an INSERT, `count` sets: foreign keys reference existing rows
 * (of one tenant where they share it) and no key of the table collides with a row already there.
 * Measurement rolls every write back, so the sets need not differ from each other.
 */
export async function drawWrittenValues(engine: Engine, schema: Schema, table: Table, columns: readonly string[], count: number, quote: Quote): Promise<Map<string, unknown[]>> {
  const plan = planWrittenValues(table, columns);
  const values = new Map<string, unknown[]>();
  const repeat = (value: unknown) => Array.from({ length: count }, () => value);
  for (const column of plan.madeUp) values.set(column, repeat(madeUpValue(schema, table, column)));
  for (const column of plan.fresh) values.set(column, repeat((await freshValue(engine, table, column, quote)) ?? madeUpValue(schema, table, column)));
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
    const { sql, params } = parentsQuery(table, plan, madeUp, count, quote, attempt);
    rows = await engine.query<Record<string, unknown>>(sql, params);
    if (rows.length > 0) break;
  }
  plan.parents.forEach((parent) =>
    parent.sources.forEach((source, k) => {
      values.set(source.column, Array.from({ length: count }, (_, r) => (rows.length ? rows[r % rows.length]![`${parent.alias}_${k}`] : null)));
    }),
  );
  return values;
}

/**
 * One row per set: the first parent sampled (or scanned), each other parent the first row that
 * agrees on the shared columns and completes a key combination not in the table.
 */
function parentsQuery(table: Table, plan: WrittenPlan, madeUp: (column: string) => unknown, count: number, quote: Quote, mode: { random: boolean; absent: boolean }): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const expression = (value: KeyValue) => {
    if (value.kind === 'parent') return `${value.alias}.${quote(value.refColumn)}`;
    params.push(madeUp(value.column));
    return `$${params.length}`;
  };
  const conditions = (level: number) => {
    const parent = plan.parents[level]!;
    const joins = parent.joins.map((j) => `${parent.alias}.${quote(j.refColumn)} = ${j.alias}.${quote(j.otherRefColumn)}`);
    const absent = mode.absent
      ? plan.absentKeys
          .filter((key) => key.level === level)
          .map((key) => `NOT EXISTS (SELECT 1 FROM ${quote(table.name)} w WHERE ${key.columns.map((c) => `w.${quote(c.column)} = ${expression(c.value)}`).join(' AND ')})`)
      : [];
    const all = [...joins, ...absent];
    return all.length ? ` WHERE ${all.join(' AND ')}` : '';
  };
  const select = plan.parents.flatMap((p) => p.sources.map((s, k) => `${p.alias}.${quote(s.refColumn)} AS ${p.alias}_${k}`)).join(', ');
  const [first, ...rest] = plan.parents;
  const order = mode.random ? ` ORDER BY hashtext(p0.ctid::text) LIMIT ${count}` : '';
  const from = [`(SELECT * FROM ${quote(first!.fk.refTable)} p0${conditions(0)}${order}) p0`];
  rest.forEach((p, i) => from.push(`CROSS JOIN LATERAL (SELECT * FROM ${quote(p.fk.refTable)} ${p.alias}${conditions(i + 1)} LIMIT 1) ${p.alias}`));
  return { sql: `SELECT ${select} FROM ${from.join(' ')} LIMIT ${count}`, params };
}
