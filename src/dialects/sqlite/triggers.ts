import type { ForeignKey, Schema, Table, Trigger } from '../../model/schema.js';
import { quoteSqliteIdentifier as q } from './quote.js';
import { list } from './table.js';
import { TIMESTAMPTZ_FORMAT } from './types.js';
import type { Substitute } from './values.js';

/** What `history_by` records: SQLite has no roles or users to name. */
export const HISTORY_BY = 'sqlite';

/**
 * The model's triggers as SQLite triggers. SQLite has no trigger functions: each trigger carries its
 * body, and one fires on one event, so a history trigger is two (UPDATE, DELETE).
 */
export function createTriggers(schema: Schema, table: Table, trigger: Trigger, substitute: Substitute): string[] {
  if (trigger.kind === 'history') {
    const history = schema.tables.find((t) => t.name === trigger.historyTable);
    const copied = table.columns.filter((c) => history?.columns.some((h) => h.name === c.name)).map((c) => c.name);
    substitute(
      'the database role in history rows',
      `${trigger.historyTable}.history_by`,
      `'${HISTORY_BY}': SQLite has no roles; the application records who made the change if it must be known`,
    );
    return (['UPDATE', 'DELETE'] as const).map((event) =>
      [
        `CREATE TRIGGER ${q(`${trigger.name}_${event.toLowerCase()}`)} AFTER ${event} ON ${q(table.name)} FOR EACH ROW BEGIN`,
        `  INSERT INTO ${q(trigger.historyTable)} (history_operation, history_by, ${list(copied)}) VALUES ('${event}', '${HISTORY_BY}', ${copied.map((c) => `OLD.${q(c)}`).join(', ')});`,
        'END;',
      ].join('\n'),
    );
  }
  const columns = [...trigger.keyColumns, ...trigger.totals.map((t) => t.column), trigger.asOfColumn];
  const values = [
    ...trigger.keyColumns.map((c) => `NEW.${q(c)}`),
    ...trigger.totals.map((t) => (t.fn === 'count' ? '1' : `coalesce(NEW.${q(t.source!)}, 0)`)),
    `strftime('${TIMESTAMPTZ_FORMAT}', 'now')`,
  ];
  // Unqualified names in DO UPDATE are the row already there; excluded.* is the row being inserted.
  const updates = [
    ...trigger.totals.map((t) => `${q(t.column)} = ${q(t.column)} + excluded.${q(t.column)}`),
    `${q(trigger.asOfColumn)} = excluded.${q(trigger.asOfColumn)}`,
  ];
  return [
    [
      `CREATE TRIGGER ${q(trigger.name)} AFTER INSERT ON ${q(table.name)} FOR EACH ROW BEGIN`,
      `  INSERT INTO ${q(trigger.snapshotTable)} (${list(columns)}) VALUES (${values.join(', ')})`,
      `    ON CONFLICT (${list(trigger.keyColumns)}) DO UPDATE SET ${updates.join(', ')};`,
      'END;',
    ].join('\n'),
  ];
}

/** A SET NULL that spares some key columns (the tenant): SQLite's would null them all. */
export const setNullSparesColumns = (fk: ForeignKey): boolean =>
  fk.onDelete === 'set-null' && fk.setNullColumns !== undefined && fk.setNullColumns.length < fk.columns.length;

/** Before the parent row goes, the referencing rows lose only the named columns; the key's other columns stay. */
export function createSetNullTrigger(table: Table, fk: ForeignKey, substitute: Substitute): string {
  const name = `${fk.name}_set_null`;
  const match = fk.columns.map((c, i) => `${q(c)} = OLD.${q(fk.refColumns[i]!)}`).join(' AND ');
  substitute(
    `ON DELETE SET NULL (${fk.setNullColumns!.join(', ')})`,
    `${table.name}.${fk.name}`,
    `the trigger ${name}: before a ${fk.refTable} row is deleted it sets ${fk.setNullColumns!.join(', ')} to NULL in the ${table.name} rows that reference it (SQLite's SET NULL would also null ${fk.columns.filter((c) => !fk.setNullColumns!.includes(c)).join(', ')})`,
  );
  return [
    `CREATE TRIGGER ${q(name)} BEFORE DELETE ON ${q(fk.refTable)} FOR EACH ROW BEGIN`,
    `  UPDATE ${q(table.name)} SET ${fk.setNullColumns!.map((c) => `${q(c)} = NULL`).join(', ')} WHERE ${match};`,
    'END;',
  ].join('\n');
}
