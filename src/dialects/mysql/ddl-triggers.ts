import type { DdlSubstitution } from '../ddl-target.js';
import type { Schema, Table, Trigger } from '../../model/schema.js';
import { mysqlName } from './names.js';
import { quoteMysqlIdentifier as q } from './quote.js';

const list = (columns: readonly string[]) => columns.map(q).join(', ');

/**
 * The model's triggers as MySQL row triggers, one statement each (no BEGIN … END, so the script
 * needs no DELIMITER and runs through any client). MySQL names one event a trigger: the history
 * trigger is two, `<name>_update` and `<name>_delete`. The role that made the change is the
 * session's login user (USER(); CURRENT_USER() in a trigger is its definer).
 */
export function mysqlTriggers(schema: Schema, table: Table, trigger: Trigger, substitutions: DdlSubstitution[]): string[] {
  if (trigger.kind === 'history') {
    const history = schema.tables.find((t) => t.name === trigger.historyTable);
    const copied = table.columns.filter((c) => history?.columns.some((h) => h.name === c.name)).map((c) => c.name);
    const cascaded = table.foreignKeys.filter((fk) => fk.onDelete === 'cascade' || fk.onDelete === 'set-null' || fk.onUpdate === 'cascade');
    if (cascaded.length)
      substitutions.push({
        feature: 'triggers on cascaded changes',
        object: trigger.name,
        alternative: `MySQL fires no trigger for rows a foreign key's action changes (${cascaded.map((fk) => `${fk.name} from ${fk.refTable}`).join(', ')}): those changes leave no ${trigger.historyTable} row unless the application changes the ${table.name} rows itself first`,
      });
    return (['UPDATE', 'DELETE'] as const).map(
      (event) =>
        `CREATE TRIGGER ${q(mysqlName(`${trigger.name}_${event.toLowerCase()}`))} AFTER ${event} ON ${q(table.name)} FOR EACH ROW INSERT INTO ${q(trigger.historyTable)} (${list(['history_operation', 'history_by', ...copied])}) VALUES ('${event}', LEFT(SUBSTRING_INDEX(USER(), '@', 1), 63), ${copied.map((c) => `OLD.${q(c)}`).join(', ')});`,
    );
  }
  const columns = [...trigger.keyColumns, ...trigger.totals.map((t) => t.column), trigger.asOfColumn];
  const added = (t: (typeof trigger.totals)[number]) => (t.fn === 'count' ? '1' : `COALESCE(NEW.${q(t.source!)}, 0)`);
  const values = [...trigger.keyColumns.map((c) => `NEW.${q(c)}`), ...trigger.totals.map(added), 'NOW(6)'];
  // NEW.<column> instead of VALUES(<column>), which MySQL 8.0.20 deprecates and its row alias MariaDB lacks.
  const updates = [...trigger.totals.map((t) => `${q(t.column)} = ${q(t.column)} + ${added(t)}`), `${q(trigger.asOfColumn)} = NOW(6)`];
  return [
    `CREATE TRIGGER ${q(mysqlName(trigger.name))} AFTER INSERT ON ${q(table.name)} FOR EACH ROW INSERT INTO ${q(trigger.snapshotTable)} (${list(columns)}) VALUES (${values.join(', ')}) ON DUPLICATE KEY UPDATE ${updates.join(', ')};`,
  ];
}
