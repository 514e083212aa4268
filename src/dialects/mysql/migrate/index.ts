import { type Change, tableKey } from '../../../model/change.js';
import type { DialectMigration, LockedStep, MigrationContext, StepDraft } from '../../migration.js';
import { addColumn, alterColumnType, alterDefault, alterNullability, dropColumn, renameColumn } from './columns.js';
import { addConstraint, addIndex, dropConstraintStep, dropIndex } from './constraints.js';
import { addEnumValue, replaceEnum } from './enums.js';
import { addNative, dropNative } from './native.js';
import { mysqlLocksOf } from './online-ddl.js';
import { mysqlMigrationScript } from './script.js';
import { addTable, dropTable, renameTable } from './tables.js';

/** The table an index change acts on: the one that holds the index on its side of the diff. */
function indexTable(change: Extract<Change, { kind: 'add-index' | 'drop-index' }>, context: MigrationContext): string {
  const schema = change.kind === 'add-index' ? context.to : context.from;
  const table = schema.tables.find((t) => t.indexes.some((i) => i.name === change.index.name && i.table === change.index.table));
  return table ? tableKey(table) : change.index.table;
}

/** A change the MySQL planner has no form for: said, never skipped silently. */
function unsupported(change: Change): never {
  throw new Error(`MySQL/MariaDB plans have no form for a ${change.kind} change (MySQL has no row-level security or policies)`);
}

function drafts(change: Change, context: MigrationContext): StepDraft[] {
  switch (change.kind) {
    case 'add-enum':
    case 'drop-enum':
      return []; // an enum is its column's type: the table's or the column's step writes it
    case 'add-enum-value':
      return addEnumValue(change, context);
    case 'replace-enum':
      return replaceEnum(change, context);
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
      return alterDefault(change);
    case 'add-index':
      return addIndex(change, context, indexTable(change, context));
    case 'drop-index':
      return dropIndex(change, context, indexTable(change, context));
    case 'add-constraint':
      return addConstraint(change, context);
    case 'drop-constraint':
      return dropConstraintStep(change, context);
    case 'add-native':
      return addNative(change);
    case 'drop-native':
      return dropNative(change);
    case 'alter-row-security':
    case 'add-policy':
    case 'drop-policy':
      return unsupported(change);
  }
}

/** Each statement's locks, read back from its ALGORITHM and LOCK clause by the online-DDL table. */
function withLocks(draft: StepDraft): LockedStep {
  const locks = [...draft.sql, ...(draft.batch ? [draft.batch.sql] : [])].flatMap(mysqlLocksOf);
  return { ...draft, locks };
}

/**
 * A native object's own SQL (an ON UPDATE, an engine, a view) states no algorithm: the server picks
 * one and may copy the table, so its ALTERs are taken at their worst, a copy under an exclusive lock.
 */
function withNativeLocks(draft: StepDraft): LockedStep {
  const locks = draft.sql.flatMap((sql) => {
    const table = /^\s*ALTER\s+TABLE\s+(\S+)/i.exec(sql)?.[1];
    if (!table) return mysqlLocksOf(sql).length ? mysqlLocksOf(sql) : [];
    return [
      {
        action: 'ALTER TABLE (native SQL, no ALGORITHM stated: may copy)',
        relation: table,
        object: 'table' as const,
        mode: 'AccessExclusive' as const,
        dialectMode: 'an exclusive metadata lock, perhaps for a table copy',
        blocks: 'reads and writes' as const,
        work: 'rewrite' as const,
        inTransaction: false,
      },
    ];
  });
  return { ...draft, locks };
}

/** What every MySQL plan says once: there is no transactional DDL. */
export const MYSQL_PLAN_NOTES = [
  'MySQL and MariaDB have no transactional DDL: every ALTER, CREATE and DROP commits the open transaction and its own work, so a step is never rolled back as a whole; apply records each statement as done and resumes after the last one.',
  'Every ALTER TABLE states ALGORITHM and LOCK, so the server refuses a form it cannot run that way instead of silently copying the table.',
] as const;

export const mysqlMigration: DialectMigration = {
  stepsFor: (change, context) => drafts(change, context).map(change.kind === 'add-native' || change.kind === 'drop-native' ? withNativeLocks : withLocks),
  script: mysqlMigrationScript,
};
