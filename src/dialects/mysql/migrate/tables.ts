import { type Change, tableKey } from '../../../model/change.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { qualified } from './names.js';
import { createTableSql } from './table-sql.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

export function addTable(change: Of<'add-table'>, context: MigrationContext): StepDraft[] {
  const key = tableKey(change.table);
  return [
    {
      phase: 'expand',
      title: `create table ${key}`,
      sql: [createTableSql(change.table, context.to)],
      transactional: false,
      reverse: { sql: [`DROP TABLE ${qualified(key)}`], transactional: false, lost: `the rows written to ${key}` },
      hazards: [],
      ...(change.table.foreignKeys.length
        ? { note: 'its foreign keys take a shared metadata lock on the referenced tables for the moment of the CREATE' }
        : {}),
    },
  ];
}

export function dropTable(change: Of<'drop-table'>, context: MigrationContext): StepDraft[] {
  const key = tableKey(change.table);
  return [
    {
      phase: 'contract',
      title: `drop table ${key}`,
      table: key,
      sql: [`DROP TABLE ${qualified(key)}`],
      transactional: false,
      reverse: { sql: [createTableSql(change.table, context.from)], transactional: false, lost: `every row of ${key}` },
      hazards: ['data-loss'],
      dataLoss: `every row of ${key}`,
      note: 'run once no deployed code reads the table; take a backup of it first if the rows may be wanted (DROP TABLE takes an exclusive metadata lock and cannot be rolled back)',
    },
  ];
}

/**
 * RENAME TABLE is atomic and metadata only; a view under the old name keeps old code working
 * (a view over one table is updatable), dropped in the contract phase.
 */
export function renameTable(change: Of<'rename-table'>): StepDraft[] {
  const [from, to] = [qualified(change.from), qualified(change.to)];
  return [
    {
      phase: 'expand',
      title: `rename table ${change.from} to ${change.to}, with a view under the old name`,
      table: change.from,
      sql: [`RENAME TABLE ${from} TO ${to}`, `CREATE VIEW ${from} AS SELECT * FROM ${to}`],
      transactional: false,
      reverse: { sql: [`DROP VIEW ${from}`, `RENAME TABLE ${to} TO ${from}`], transactional: false },
      hazards: ['application-change'],
      note: `RENAME TABLE has no ALGORITHM clause: it is a metadata change under an exclusive metadata lock. Code naming ${change.from} goes on working through the view; move it to ${change.to} during the migrate phase`,
    },
    {
      phase: 'contract',
      title: `drop the view ${change.from} that stood in for the renamed table`,
      sql: [`DROP VIEW ${from}`],
      transactional: false,
      reverse: { sql: [`CREATE VIEW ${from} AS SELECT * FROM ${to}`], transactional: false },
      hazards: ['application-change'],
      note: `run once no deployed code names ${change.from}`,
    },
  ];
}
