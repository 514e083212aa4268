import type { AggregateView, EnumType, Schema, ViewColumn } from '../../model/schema.js';
import { secondsAgo, translatePgExpression, type ColumnLookup } from './expression.js';
import { conditionsSql } from './indexes.js';
import { quoteSqliteIdentifier as q } from './quote.js';
import type { Substitute } from './values.js';

/**
 * A pre-aggregate as a plain view: SQLite has no materialized views, so the totals are computed on
 * each read (and the view's unique index, which only a refresh needed, has no place).
 */
export function createView(schema: Schema, view: AggregateView, enums: readonly EnumType[], substitute: Substitute): string | undefined {
  const table = schema.tables.find((t) => t.name === view.table);
  const columns: ColumnLookup = (name) => table?.columns.find((c) => c.name === name);
  const expressions = view.columns.map((c) => viewExpression(c, columns));
  if (!table || expressions.some((e) => e === undefined)) {
    substitute('materialized view', view.name, 'not created: a group key has no SQLite translation here; query the table directly');
    return undefined;
  }
  substitute(
    'materialized view',
    view.name,
    `a plain view, computed on every read (SQLite has no materialized views; ${view.uniqueIndex} is left out, views have no indexes); for reads the table cannot serve fast enough, keep a summary table the application refreshes every ${view.refreshEverySeconds} s`,
  );
  const select = view.columns.map((c, i) => (c.kind === 'group' && c.column === c.name ? q(c.name) : `${expressions[i]} AS ${q(c.name)}`)).join(', ');
  const windowColumn = view.window ? columns(view.window.column) : undefined;
  const conditions = [
    ...conditionsSql(view.where, table, enums),
    ...(view.window && windowColumn
      ? [`${q(view.window.column)} >= ${secondsAgo(view.window.seconds, windowColumn.type.kind === 'timestamp' && windowColumn.type.withTimeZone)}`]
      : []),
  ];
  const groups = view.columns.flatMap((c, i) => (c.kind === 'group' ? [expressions[i]!] : []));
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  const groupBy = groups.length ? `\n  GROUP BY ${groups.join(', ')}` : '';
  return `CREATE VIEW ${q(view.name)} AS\n  SELECT ${select}\n  FROM ${q(view.table)}${where}${groupBy};`;
}

function viewExpression(c: ViewColumn, columns: ColumnLookup): string | undefined {
  if (c.kind === 'group') return c.expression !== undefined ? translatePgExpression(c.expression, columns) : c.column !== undefined ? q(c.column) : undefined;
  return `${c.fn}(${c.column !== undefined ? q(c.column) : '*'})`;
}
