import type { DdlSubstitution } from '../ddl-target.js';
import type { LogicalType } from '../../model/logical-type.js';
import type { AggregateView, Schema, Table, Trigger, ViewColumn } from '../../model/schema.js';
import { sqlServerCondition } from './conditions.js';
import { quoteSqlServerIdentifier as q } from './quote.js';

/** The current time in the column's type: an instant for datetimeoffset, the local time otherwise. */
export function sqlServerNow(type: LogicalType): string {
  if (type.kind === 'date') return 'CAST(SYSDATETIME() AS date)';
  if (type.kind === 'timestamp' && type.withTimeZone) return 'SYSDATETIMEOFFSET()';
  return 'SYSDATETIME()';
}

/**
 * The trigger as T-SQL: per statement, not per row, so it reads the `deleted` and `inserted`
 * tables. A history trigger copies the old rows; a running-total trigger folds the inserted rows
 * into the snapshot with one MERGE, made serializable so concurrent inserts of a new key do not
 * both insert it.
 */
export function createSqlServerTrigger(schema: Schema, table: Table, trigger: Trigger): string {
  if (trigger.kind === 'history') {
    const history = schema.tables.find((t) => t.name === trigger.historyTable);
    const copied = table.columns.filter((c) => history?.columns.some((h) => h.name === c.name)).map((c) => c.name);
    const by = history?.columns.find((c) => c.name === 'history_by')?.type;
    const who = by?.kind === 'string' ? `LEFT(SUSER_SNAME(), ${by.length})` : 'SUSER_SNAME()';
    return [
      `CREATE TRIGGER ${q(trigger.name)} ON ${q(table.name)} AFTER UPDATE, DELETE AS`,
      'BEGIN',
      '  SET NOCOUNT ON;',
      `  INSERT INTO ${q(trigger.historyTable)} ([history_operation], [history_by], ${list(copied)})`,
      `  SELECT CASE WHEN EXISTS (SELECT 1 FROM inserted) THEN N'UPDATE' ELSE N'DELETE' END, ${who}, ${copied.map((c) => `[d].${q(c)}`).join(', ')}`,
      '  FROM deleted AS [d];',
      'END;',
    ].join('\n');
  }
  const snapshot = schema.tables.find((t) => t.name === trigger.snapshotTable);
  const asOf = snapshot?.columns.find((c) => c.name === trigger.asOfColumn)?.type ?? { kind: 'timestamp', withTimeZone: true };
  const now = sqlServerNow(asOf);
  const keys = trigger.keyColumns;
  const totals = trigger.totals.map((t) => `${t.fn === 'count' ? 'COUNT(*)' : `SUM(COALESCE(${q(t.source!)}, 0))`} AS ${q(t.column)}`);
  const columns = [...keys, ...trigger.totals.map((t) => t.column)];
  return [
    `CREATE TRIGGER ${q(trigger.name)} ON ${q(table.name)} AFTER INSERT AS`,
    'BEGIN',
    '  SET NOCOUNT ON;',
    '  SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;',
    `  MERGE INTO ${q(trigger.snapshotTable)} AS [s]`,
    `  USING (SELECT ${[...keys.map(q), ...totals].join(', ')} FROM inserted GROUP BY ${list(keys)}) AS [i]`,
    `  ON ${keys.map((k) => `[s].${q(k)} = [i].${q(k)}`).join(' AND ')}`,
    `  WHEN MATCHED THEN UPDATE SET ${[...trigger.totals.map((t) => `${q(t.column)} = [s].${q(t.column)} + [i].${q(t.column)}`), `${q(trigger.asOfColumn)} = ${now}`].join(', ')}`,
    `  WHEN NOT MATCHED THEN INSERT (${list([...columns, trigger.asOfColumn])}) VALUES (${[...columns.map((c) => `[i].${q(c)}`), now].join(', ')});`,
    'END;',
  ].join('\n');
}

/** date_trunc('<unit>', <column>) as SQL Server 2019 writes it (DATETRUNC needs 2022). */
function truncate(unit: string, column: string): string | undefined {
  const c = q(column);
  switch (unit) {
    case 'minute':
    case 'hour':
      return `DATEADD(${unit}, DATEDIFF(${unit}, 0, ${c}), CAST(0 AS datetime))`;
    case 'day':
      return `CAST(${c} AS date)`;
    case 'month':
      return `DATEFROMPARTS(YEAR(${c}), MONTH(${c}), 1)`;
    case 'year':
      return `DATEFROMPARTS(YEAR(${c}), 1, 1)`;
    default:
      return undefined;
  }
}

/** A group key's expression (PostgreSQL SQL from a pattern) in T-SQL, when it is one this target translates. */
function groupExpression(c: Extract<ViewColumn, { kind: 'group' }>): string | undefined {
  if (c.expression === undefined) return q(c.column!);
  const m = /^date_trunc\(\s*'(\w+)'\s*,\s*"?(\w+)"?\s*\)$/i.exec(c.expression.trim());
  return m ? truncate(m[1]!.toLowerCase(), m[2]!) : undefined;
}

/**
 * The pre-aggregate as a plain view, computed when read: an indexed view (SQL Server's materialized
 * one) allows neither the moving time window nor, with it, SYSDATETIMEOFFSET(). Undefined when a
 * group key is an expression this target does not translate.
 */
export function createSqlServerView(schema: Schema, view: AggregateView, subs: DdlSubstitution[]): string | undefined {
  const groups = view.columns.filter((c): c is Extract<ViewColumn, { kind: 'group' }> => c.kind === 'group');
  const expressions = new Map(groups.map((g) => [g, groupExpression(g)]));
  const untranslated = groups.find((g) => expressions.get(g) === undefined);
  if (untranslated) {
    subs.push({
      feature: 'materialized view',
      object: view.name,
      alternative: `not created: its key ${untranslated.expression} has no T-SQL translation here; aggregate in the query`,
    });
    return undefined;
  }
  subs.push({
    feature: 'materialized view',
    object: view.name,
    alternative: `a plain view, aggregated when read: an indexed view cannot hold the moving window${view.window ? ` on ${view.window.column}` : ''}; for reads that must not aggregate, a table refreshed every ${view.refreshEverySeconds} s by a SQL Server Agent job`,
  });
  const table = schema.tables.find((t) => t.name === view.table) ?? { columns: [] };
  const select = view.columns.map((c) => {
    if (c.kind === 'group') return c.column === c.name && c.expression === undefined ? q(c.name) : `${expressions.get(c)} AS ${q(c.name)}`;
    return `${c.fn.toUpperCase()}(${c.column !== undefined ? q(c.column) : '*'}) AS ${q(c.name)}`;
  });
  const windowType = table.columns.find((c) => c.name === view.window?.column)?.type ?? { kind: 'timestamp', withTimeZone: true };
  const conditions = [
    ...view.where.map((c) => sqlServerCondition(table, c)),
    ...(view.window ? [`${q(view.window.column)} >= DATEADD(second, -${view.window.seconds}, ${sqlServerNow(windowType)})`] : []),
  ];
  const where = conditions.length ? `\n  WHERE ${conditions.join(' AND ')}` : '';
  const groupBy = groups.length ? `\n  GROUP BY ${groups.map((g) => expressions.get(g)).join(', ')}` : '';
  return `CREATE VIEW ${q(view.name)} AS\n  SELECT ${select.join(', ')}\n  FROM ${q(view.table)}${where}${groupBy};`;
}

const list = (columns: readonly string[]) => columns.map(q).join(', ');
