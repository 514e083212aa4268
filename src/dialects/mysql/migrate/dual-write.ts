import type { Column } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { alter } from './alter.js';
import { mysqlColumnDefinition, mysqlColumnType } from './column-sql.js';
import { batchedUpdate, before, qualified, temporaryName } from './names.js';
import { notNullStep } from './columns.js';

/**
 * A type change without a table copy under a lock: expand adds the new column (instant) and two
 * triggers that copy every write of the old column into it; migrate backfills the rows written
 * before, in batches, and makes it NOT NULL where the target says so (an in-place rebuild); contract
 * drops the triggers and the old column and gives the new one the old name.
 */
export function dualWriteSteps(context: MigrationContext, table: string, old: Column, target: Column): StepDraft[] {
  const t = qualified(table);
  const base = table.split('.').pop()!;
  const newName = temporaryName(target.name, 'new');
  const [from, to] = [q(old.name), q(newName)];
  const newColumn: Column = { ...target, name: newName, nullable: true };
  const triggers = (['insert', 'update'] as const).map((event) => ({
    name: q(temporaryName(`${base}_${old.name}`, `sync_${event[0]}`)),
    event,
  }));
  const createSync = triggers.map(({ name, event }) => `CREATE TRIGGER ${name} BEFORE ${event.toUpperCase()} ON ${t} FOR EACH ROW SET NEW.${to} = NEW.${from}`);
  const dropSync = triggers.map(({ name }) => `DROP TRIGGER IF EXISTS ${name}`);
  const type = mysqlColumnType(target.type, context.to);
  return [
    {
      phase: 'expand',
      title: `add ${table}.${newName} (${type}) beside ${old.name}, kept in step by triggers`,
      table,
      sql: [alter(table, `ADD COLUMN ${mysqlColumnDefinition(newColumn, context.to)}`, 'add column'), ...createSync],
      transactional: false,
      reverse: { sql: [...dropSync, alter(table, `DROP COLUMN ${to}`, 'drop column')], transactional: false },
      hazards: ['application-change'],
      note: `the triggers convert every write of ${old.name} into ${newName} (the server's assignment conversion; strict sql_mode stops a value that does not fit); the application keeps writing ${old.name} until the contract step. CREATE TRIGGER takes a brief exclusive metadata lock`,
    },
    {
      phase: 'migrate',
      title: `backfill ${table}.${newName} from ${old.name} in batches`,
      table,
      sql: [],
      transactional: false,
      batch: {
        table,
        sql: batchedUpdate(before(context, table), table, `${to} = ${from}`, `${to} IS NULL AND ${from} IS NOT NULL`, context.batchRows),
        rowsPerBatch: context.batchRows,
      },
      reverse: { sql: [], transactional: false },
      hazards: [],
    },
    ...(target.nullable ? [] : [notNullStep(table, { ...target, name: newName }, context)]),
    {
      phase: 'contract',
      title: `drop ${table}.${old.name} and its triggers; ${newName} takes the name ${target.name}`,
      table,
      sql: [...dropSync, alter(table, `DROP COLUMN ${from}`, 'drop column'), alter(table, `RENAME COLUMN ${to} TO ${q(target.name)}`, 'rename column')],
      transactional: false,
      reverse: {
        sql: [
          alter(table, `RENAME COLUMN ${q(target.name)} TO ${to}`, 'rename column'),
          alter(table, `ADD COLUMN ${mysqlColumnDefinition({ ...old, nullable: true }, context.from)}`, 'add column'),
          ...(old.nullable ? [] : [alter(table, `MODIFY ${mysqlColumnDefinition(old, context.from)}`, 'set not null')]),
          ...createSync,
        ],
        transactional: false,
        lost: `the values of ${table}.${old.name} in its old type (the reverse adds it back empty)`,
      },
      hazards: ['application-change'],
      dataLoss: `the values of ${table}.${old.name} in its old type (they live on, converted, in ${target.name})`,
      note: `deploy code that reads and writes the new type first; between the drop and the rename, code naming ${target.name} fails for a moment (each statement commits on its own)`,
    },
  ];
}
