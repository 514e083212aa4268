import type { Change } from '../../../model/change.js';
import type { DialectMigration, LockedStep, MigrationContext } from '../../migration.js';
import { addConstraint, addIndex, dropConstraint, dropIndex } from './keys.js';
import { mysqlMigrationScript } from './script.js';
import {
  addColumn,
  addTable,
  alterColumnType,
  alterDefault,
  alterNullability,
  changeEnum,
  dropColumn,
  dropTable,
  renameColumn,
  renameTable,
} from './tables.js';

/** A change MySQL has no statement for: a step that says so and runs nothing, so the plan still lists it. */
function nothingToRun(title: string, note: string, hazards: LockedStep['hazards'] = []): LockedStep[] {
  return [{ phase: 'expand', title, sql: [], transactional: false, reverse: { sql: [], transactional: false }, hazards, locks: [], note }];
}

function steps(change: Change, context: MigrationContext): LockedStep[] {
  switch (change.kind) {
    case 'add-enum':
    case 'drop-enum':
      // MySQL's ENUM belongs to each column: the columns' own changes carry it.
      return [];
    case 'add-enum-value':
    case 'replace-enum':
      return changeEnum(change, context);
    case 'add-table':
      return addTable(change, context);
    case 'drop-table':
      return dropTable(change, context);
    case 'rename-table':
      return renameTable(change);
    case 'add-column':
      return addColumn(change, context);
    case 'drop-column':
      return dropColumn(change, context);
    case 'rename-column':
      return renameColumn(change);
    case 'alter-column-type':
      return alterColumnType(change, context);
    case 'alter-column-nullability':
      return alterNullability(change, context);
    case 'alter-column-default':
      return alterDefault(change, context);
    case 'add-index':
      return addIndex(change, context);
    case 'drop-index':
      return dropIndex(change, context);
    case 'add-constraint':
      return addConstraint(change, context);
    case 'drop-constraint':
      return dropConstraint(change, context);
    case 'alter-row-security':
    case 'add-policy':
    case 'drop-policy':
      return nothingToRun(
        `${change.kind.replace(/-/g, ' ')} on ${change.table} (no statement)`,
        'MySQL has no row-level security: the application (or the views it is granted) applies the rule',
        ['authorization'],
      );
    case 'add-native':
    case 'drop-native':
      if (change.object.dialect === 'mysql' && change.kind === 'add-native')
        return [
          {
            phase: 'expand',
            title: `create ${change.object.kind} ${change.object.name}`,
            sql: [change.object.sql.trim().replace(/;$/, '')],
            transactional: false,
            reverse: { irreversible: `dbarchitect does not read ${change.object.kind} definitions to write their DROP` },
            hazards: ['native-sql'],
            locks: [],
          },
        ];
      return nothingToRun(
        `${change.kind === 'add-native' ? 'create' : 'drop'} ${change.object.kind} ${change.object.name} (by hand)`,
        `its ${change.object.dialect} SQL is not MySQL's`,
        ['native-sql'],
      );
  }
}

/**
 * MySQL's and MariaDB's half of the planner: each change as ALTER TABLE statements that state
 * their ALGORITHM and LOCK (so the server refuses rather than copies the table unannounced), with
 * the locks and work the planner weighs, when a table copy happens and what undoes each step.
 */
export const mysqlMigration: DialectMigration = {
  stepsFor: steps,
  script: mysqlMigrationScript,
};
