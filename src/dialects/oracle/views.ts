import type { DdlSubstitution } from '../ddl-target.js';
import type { AggregateView, Schema, ViewColumn } from '../../model/schema.js';
import { quoteOracleIdentifier as q } from './quote.js';
import { oracleCondition } from './values.js';

/** date_trunc's units as TRUNC's formats (IW: the ISO week, from Monday, as PostgreSQL's week). */
const TRUNC_FORMAT: Readonly<Record<string, string>> = { minute: 'MI', hour: 'HH', day: 'DD', week: 'IW', month: 'MM', quarter: 'Q', year: 'YYYY' };

function groupExpression(c: Extract<ViewColumn, { kind: 'group' }>): string | undefined {
  if (c.expression === undefined) return q(c.column!);
  const m = /^date_trunc\(\s*'(\w+)'\s*,\s*"?(\w+)"?\s*\)$/i.exec(c.expression.trim());
  const format = m ? TRUNC_FORMAT[m[1]!.toLowerCase()] : undefined;
  return format ? `TRUNC(${q(m![2]!)}, '${format}')` : undefined;
}

/**
 * The pre-aggregate as a plain view, aggregated when read: Oracle's materialized view (CREATE
 * MATERIALIZED VIEW … REFRESH COMPLETE ON DEMAND, refreshed by DBMS_SCHEDULER) is not written, as
 * sqlfluff's oracle dialect cannot read it. Undefined when a key has no translation here.
 */
export function createOracleView(schema: Schema, view: AggregateView, subs: DdlSubstitution[]): string | undefined {
  const groups = view.columns.filter((c): c is Extract<ViewColumn, { kind: 'group' }> => c.kind === 'group');
  const expressions = new Map(groups.map((g) => [g, groupExpression(g)]));
  const untranslated = groups.find((g) => expressions.get(g) === undefined);
  if (untranslated) {
    subs.push({
      feature: 'materialized view',
      object: view.name,
      alternative: `not created: its key ${untranslated.expression} has no Oracle translation here; aggregate in the query`,
    });
    return undefined;
  }
  subs.push({
    feature: 'materialized view',
    object: view.name,
    alternative: `a plain view, aggregated when read; Oracle's CREATE MATERIALIZED VIEW … REFRESH COMPLETE ON DEMAND, refreshed every ${view.refreshEverySeconds} s by DBMS_SCHEDULER, is not written: sqlfluff's oracle dialect, which checks this script, cannot read it`,
  });
  const table = schema.tables.find((t) => t.name === view.table) ?? { columns: [] };
  const select = view.columns.map((c) => {
    if (c.kind === 'group') return c.column === c.name && c.expression === undefined ? q(c.name) : `${expressions.get(c)} AS ${q(c.name)}`;
    return `${c.fn.toUpperCase()}(${c.column !== undefined ? q(c.column) : '*'}) AS ${q(c.name)}`;
  });
  const conditions = [
    ...view.where.map((c) => oracleCondition(table, c)),
    ...(view.window ? [`${q(view.window.column)} >= CURRENT_TIMESTAMP - NUMTODSINTERVAL(${view.window.seconds}, 'SECOND')`] : []),
  ];
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  const groupBy = groups.length ? `\n  GROUP BY ${groups.map((g) => expressions.get(g)).join(', ')}` : '';
  return `CREATE VIEW ${q(view.name)} AS\n  SELECT ${select.join(', ')}\n  FROM ${q(view.table)}${where}${groupBy};`;
}
