import type { ForeignKey, Table } from '../../model/schema.js';
import type { TableContext } from './ddl-context.js';
import { mysqlName } from './names.js';
import { quoteMysqlIdentifier as q } from './quote.js';

const ACTION: Readonly<Record<ForeignKey['onDelete'], string>> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  // InnoDB parses SET DEFAULT and rejects the table: the substitution makes it RESTRICT.
  'set-default': 'RESTRICT',
  'no-action': '',
};

const list = (columns: readonly string[]) => columns.map(q).join(', ');

/** A foreign key as MySQL declares it, and the trigger that stands in for a SET NULL of some of its columns. */
export interface MysqlForeignKey {
  readonly clause: string;
  readonly triggers: readonly string[];
}

/**
 * The constraint clause (for CREATE TABLE or ALTER TABLE … ADD). What MySQL lacks is stated:
 * deferrable constraints (checked per statement instead), SET DEFAULT (RESTRICT), and SET NULL of
 * only some columns (PostgreSQL 15's `SET NULL (owner_id)`, which keeps the tenant): MySQL would
 * set every column NULL, tenant_id too, so a BEFORE DELETE trigger on the parent clears the named
 * columns first and the constraint itself takes no action.
 */
export function mysqlForeignKey(fk: ForeignKey, ctx: TableContext): MysqlForeignKey {
  const table = ctx.table;
  const object = `${table.name}.${fk.name}`;
  if (fk.deferrable)
    ctx.substitute(
      'deferrable constraint',
      object,
      'checked at each statement, not at commit (MySQL has no deferrable constraints): insert rows that reference each other parent first, or fill the reference with an UPDATE after both rows exist',
    );
  const triggers: string[] = [];
  let onDelete = ACTION[fk.onDelete];
  if (fk.onDelete === 'set-default')
    ctx.substitute(
      'ON DELETE SET DEFAULT',
      object,
      'ON DELETE RESTRICT (InnoDB rejects SET DEFAULT): the application sets the default before deleting the parent',
    );
  const partial = fk.onDelete === 'set-null' && fk.setNullColumns !== undefined && fk.setNullColumns.length < fk.columns.length;
  if (partial) {
    onDelete = '';
    if (fk.refTable === table.name) {
      ctx.substitute(
        'ON DELETE SET NULL (some columns)',
        object,
        `no action: MySQL would set every column of the key NULL, and a trigger may not update the table its own DELETE reads; the application sets ${fk.setNullColumns!.join(', ')} NULL before deleting the parent`,
      );
    } else {
      triggers.push(setNullTrigger(table, fk));
      ctx.substitute(
        'ON DELETE SET NULL (some columns)',
        object,
        `a BEFORE DELETE trigger on ${fk.refTable} sets ${fk.setNullColumns!.join(', ')} NULL (MySQL's SET NULL would null every key column); MySQL fires no trigger for rows a cascade deletes, so a ${fk.refTable} row removed by a cascade needs the application to clear them first`,
      );
    }
  }
  const onUpdate = fk.onUpdate ? ACTION[fk.onUpdate] : '';
  if (fk.onUpdate === 'set-default') ctx.substitute('ON UPDATE SET DEFAULT', object, 'ON UPDATE RESTRICT (InnoDB rejects SET DEFAULT)');
  const clause = `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.refTable)} (${list(fk.refColumns)})${onDelete ? ` ON DELETE ${onDelete}` : ''}${onUpdate ? ` ON UPDATE ${onUpdate}` : ''}`;
  return { clause, triggers };
}

/** Clears the named columns of the rows that reference the parent row about to be deleted. */
function setNullTrigger(table: Table, fk: ForeignKey): string {
  const sets = fk.setNullColumns!.map((c) => `${q(c)} = NULL`).join(', ');
  const match = fk.columns.map((c, i) => `${q(c)} = OLD.${q(fk.refColumns[i]!)}`).join(' AND ');
  return `CREATE TRIGGER ${q(mysqlName(`${fk.name}_set_null`))} BEFORE DELETE ON ${q(fk.refTable)} FOR EACH ROW UPDATE ${q(table.name)} SET ${sets} WHERE ${match};`;
}
