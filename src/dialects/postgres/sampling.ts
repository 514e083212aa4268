import type { KeyValue, WrittenPlan } from '../../seed/written-key-plan.js';
import type { DialectSampling } from '../dialect.js';
import { quotePgIdentifier as q } from './quote.js';

/**
 * The statements verify draws parameter values with. A stable pseudo-random order
 * (hashtext of the row's ctid) gives the same sample on the same data, unlike random().
 */
export const postgresSampling: DialectSampling = {
  sampleRows: (table, columns, count) =>
    `SELECT ${columns.map((c, i) => `${q(c)} AS c${i}`).join(', ')} FROM ${q(table)} ORDER BY hashtext(ctid::text) LIMIT ${count}`,
  firstFreeInteger: (table, column) =>
    `SELECT v FROM generate_series($1::bigint, $2::bigint) AS v WHERE NOT EXISTS (SELECT 1 FROM ${q(table)} WHERE ${q(column)} = v) LIMIT 1`,
  aboveLargest: (table, column) => `SELECT floor(coalesce(max(${q(column)}), 0)) + 1 AS v FROM ${q(table)}`,
  valueTaken: (table, column) => `SELECT 1 FROM ${q(table)} WHERE ${q(column)} = $1 LIMIT 1`,
  writtenParents,
};

/**
 * One row per set: the first parent sampled (or scanned), each other parent the first row that
 * agrees on the shared columns and completes a key combination not in the table.
 */
function writtenParents(
  table: string,
  plan: WrittenPlan,
  madeUp: (column: string) => unknown,
  count: number,
  mode: { random: boolean; absent: boolean },
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const expression = (value: KeyValue) => {
    if (value.kind === 'parent') return `${value.alias}.${q(value.refColumn)}`;
    params.push(madeUp(value.column));
    return `$${params.length}`;
  };
  const conditions = (level: number) => {
    const parent = plan.parents[level]!;
    const joins = parent.joins.map((j) => `${parent.alias}.${q(j.refColumn)} = ${j.alias}.${q(j.otherRefColumn)}`);
    const absent = mode.absent
      ? plan.absentKeys
          .filter((key) => key.level === level)
          .map((key) => `NOT EXISTS (SELECT 1 FROM ${q(table)} w WHERE ${key.columns.map((c) => `w.${q(c.column)} = ${expression(c.value)}`).join(' AND ')})`)
      : [];
    const all = [...joins, ...absent];
    return all.length ? ` WHERE ${all.join(' AND ')}` : '';
  };
  const select = plan.parents.flatMap((p) => p.sources.map((s, k) => `${p.alias}.${q(s.refColumn)} AS ${p.alias}_${k}`)).join(', ');
  const [first, ...rest] = plan.parents;
  const order = mode.random ? ` ORDER BY hashtext(p0.ctid::text) LIMIT ${count}` : '';
  const from = [`(SELECT * FROM ${q(first!.fk.refTable)} p0${conditions(0)}${order}) p0`];
  rest.forEach((p, i) => from.push(`CROSS JOIN LATERAL (SELECT * FROM ${q(p.fk.refTable)} ${p.alias}${conditions(i + 1)} LIMIT 1) ${p.alias}`));
  return { sql: `SELECT ${select} FROM ${from.join(' ')} LIMIT ${count}`, params };
}
