import type { DdlSubstitution } from '../ddl-target.js';
import type { AggregateView, Schema, ViewColumn } from '../../model/schema.js';
import { mysqlColumnType } from './target-types.js';
import { mysqlCondition } from './ddl-indexes.js';
import { translatePgExpression } from './expression.js';
import { quoteMysqlIdentifier as q } from './quote.js';

/** `INTERVAL 30 DAY` for whole days or hours, so the view reads like the pattern it serves. */
function interval(seconds: number): string {
  if (seconds % 86_400 === 0) return `INTERVAL ${seconds / 86_400} DAY`;
  if (seconds % 3600 === 0) return `INTERVAL ${seconds / 3600} HOUR`;
  return `INTERVAL ${seconds} SECOND`;
}

/**
 * A pre-aggregate as a plain view: MySQL has no materialized views. It answers the same queries,
 * computing them on each read; where that cost matters, a summary table refreshed by a scheduled
 * event (CREATE EVENT … EVERY n SECOND, with event_scheduler on) or by the application is the
 * alternative, which the substitution says. Undefined when a group expression has no translation.
 */
export function mysqlView(schema: Schema, view: AggregateView, substitutions: DdlSubstitution[]): string | undefined {
  const table = schema.tables.find((t) => t.name === view.table);
  const types = (c: string) => {
    const column = table?.columns.find((x) => x.name === c);
    return column ? mysqlColumnType(column.type, schema.enums) : undefined;
  };
  const expression = (c: ViewColumn): string | undefined => {
    if (c.kind === 'aggregate') return `${c.fn.toUpperCase()}(${c.column !== undefined ? q(c.column) : '*'})`;
    return c.expression !== undefined ? translatePgExpression(c.expression, types)?.sql : q(c.column!);
  };
  const untranslated = view.columns.find((c) => expression(c) === undefined);
  if (untranslated) {
    substitutions.push({
      feature: 'materialized view',
      object: view.name,
      alternative: `not created: its group key ${untranslated.kind === 'group' ? untranslated.expression : untranslated.name} has no MySQL translation here; the queries aggregate ${view.table} themselves`,
    });
    return undefined;
  }
  substitutions.push({
    feature: 'materialized view',
    object: view.name,
    alternative: `a plain view (MySQL has no materialized views): always current, computed on each read; for the refresh every ${view.refreshEverySeconds} s the design chose, a summary table filled by a scheduled event (CREATE EVENT … EVERY ${view.refreshEverySeconds} SECOND, with event_scheduler on) and a unique key on ${view.uniqueIndex}'s columns`,
  });
  const groups = view.columns.filter((c) => c.kind === 'group');
  const select = view.columns.map((c) => (c.kind === 'group' && c.column === c.name ? q(c.name) : `${expression(c)} AS ${q(c.name)}`)).join(', ');
  const conditions = [...view.where.map(mysqlCondition), ...(view.window ? [`${q(view.window.column)} >= NOW(6) - ${interval(view.window.seconds)}`] : [])];
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  const groupBy = groups.length ? `\n  GROUP BY ${groups.map(expression).join(', ')}` : '';
  return `CREATE VIEW ${q(view.name)} AS\n  SELECT ${select}\n  FROM ${q(view.table)}${where}${groupBy};`;
}
