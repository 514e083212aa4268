import type { Change } from '../../../model/change.js';
import { tableKey } from '../../../model/change.js';
import type { Table } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { createIndex, createTable, foreignKey } from '../ddl.js';
import { quotePgIdentifier as q } from '../quote.js';
import { inNamespaceOf, qualified } from './names.js';
import { createPolicy, rowSecurityStatements } from './policies.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** The whole table as one script: the table with its keys and checks, its indexes (it is empty: no CONCURRENTLY needed), its security. */
export function tableStatements(table: Table): string[] {
  const key = tableKey(table);
  const inline = table.foreignKeys.filter((fk) => !fk.deferrable);
  return [
    createTable(table, inline, qualified(key)),
    ...table.foreignKeys.filter((fk) => fk.deferrable).map((fk) => `ALTER TABLE ${qualified(key)} ADD ${foreignKey(fk)}`),
    ...table.indexes.map((i) => createIndex(i, { table: qualified(key), name: inNamespaceOf(key, i.name) })),
    ...(table.rowSecurity ? rowSecurityStatements(key, table.rowSecurity.enabled, table.rowSecurity.forced) : []),
    ...(table.rowSecurity?.policies ?? []).map((p) => createPolicy(key, p)),
  ];
}

export function addTable(change: Of<'add-table'>): StepDraft[] {
  const key = tableKey(change.table);
  return [
    {
      phase: 'expand',
      title: `create table ${key}`,
      sql: tableStatements(change.table),
      transactional: true,
      reverse: { sql: [`DROP TABLE ${qualified(key)}`], transactional: true, lost: `the rows written to ${key}` },
      hazards: [],
      ...(change.table.foreignKeys.length
        ? { note: 'its foreign keys take SHARE ROW EXCLUSIVE on the referenced tables for the moment of the CREATE (writes there wait briefly)' }
        : {}),
    },
  ];
}

export function dropTable(change: Of<'drop-table'>): StepDraft[] {
  const key = tableKey(change.table);
  return [
    {
      phase: 'contract',
      title: `drop table ${key}`,
      table: key,
      sql: [`DROP TABLE ${qualified(key)}`],
      transactional: true,
      reverse: { sql: tableStatements(change.table), transactional: true, lost: `every row of ${key}` },
      hazards: ['data-loss'],
      dataLoss: `every row of ${key}`,
      note: 'run once no deployed code reads the table; take a backup of it first if the rows may be wanted',
    },
  ];
}

/**
 * A rename the running application survives: the table takes its new name and a view with the old
 * name stands in (a simple view is updatable, so old code keeps reading and writing); the view goes
 * in the contract phase, once no code uses the old name.
 */
export function renameTable(change: Of<'rename-table'>, _context: MigrationContext): StepDraft[] {
  const from = qualified(change.from);
  const to = qualified(change.to);
  const newName = q(change.to.split('.').pop()!);
  const oldName = q(change.from.split('.').pop()!);
  return [
    {
      phase: 'expand',
      title: `rename table ${change.from} to ${change.to}, with a view under the old name`,
      table: change.from,
      sql: [`ALTER TABLE ${from} RENAME TO ${newName}`, `CREATE VIEW ${from} AS SELECT * FROM ${to}`],
      transactional: true,
      reverse: { sql: [`DROP VIEW ${from}`, `ALTER TABLE ${to} RENAME TO ${oldName}`], transactional: true },
      hazards: ['application-change'],
      note: `code naming ${change.from} goes on working through the view (simple views are updatable); move it to ${change.to} during the migrate phase`,
    },
    {
      phase: 'contract',
      title: `drop the view ${change.from} that stood in for the renamed table`,
      sql: [`DROP VIEW ${from}`],
      transactional: true,
      reverse: { sql: [`CREATE VIEW ${from} AS SELECT * FROM ${to}`], transactional: true },
      hazards: ['application-change'],
      note: `run once no deployed code names ${change.from}`,
    },
  ];
}
