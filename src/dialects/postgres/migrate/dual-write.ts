import type { Column } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { columnDefinition } from '../ddl.js';
import { quotePgIdentifier as q } from '../quote.js';
import { postgresColumnType } from '../types.js';
import { batchedUpdate, batchKey, before, qualified, temporaryName } from './names.js';
import { notNullSteps } from './not-null.js';

/**
 * A column replaced by a new one without stopping the application (pgroll's expand/contract):
 * expand adds the new column and a trigger that copies every write of the old one into it; migrate
 * backfills the rows written before, in batches, and proves NOT NULL; contract drops the trigger
 * and the old column (and, for a type change, gives the new column the old name).
 */
export function dualWriteSteps(
  context: MigrationContext,
  table: string,
  old: Column,
  /** The column as the target has it: its name is the one the application moves to (or keeps, for a type change). */
  target: Column,
  purpose: 'rename' | 'retype',
): StepDraft[] {
  const t = qualified(table);
  const base = table.split('.').pop()!;
  const newName = purpose === 'rename' ? target.name : temporaryName(target.name, 'new');
  const from = q(old.name);
  const to = q(newName);
  const convert = (expr: string) => (purpose === 'retype' ? `${expr}::${postgresColumnType(target.type)}` : expr);
  const fn = q(temporaryName(`${base}_${old.name}`, 'sync'));
  const newColumn: Column = { ...target, name: newName, nullable: true };
  const body =
    purpose === 'rename'
      ? `IF TG_OP = 'INSERT' THEN NEW.${to} := COALESCE(NEW.${to}, NEW.${from}); NEW.${from} := COALESCE(NEW.${from}, NEW.${to}); ELSIF NEW.${from} IS DISTINCT FROM OLD.${from} THEN NEW.${to} := NEW.${from}; ELSIF NEW.${to} IS DISTINCT FROM OLD.${to} THEN NEW.${from} := NEW.${to}; END IF;`
      : `NEW.${to} := ${convert(`NEW.${from}`)};`;
  const createSync = [
    `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $fn$ BEGIN ${body} RETURN NEW; END $fn$`,
    `CREATE TRIGGER ${fn} BEFORE INSERT OR UPDATE ON ${t} FOR EACH ROW EXECUTE FUNCTION ${fn}()`,
  ];
  const dropSync = [`DROP TRIGGER ${fn} ON ${t}`, `DROP FUNCTION ${fn}()`];
  const key = batchKey(before(context, table));
  const steps: StepDraft[] = [
    {
      phase: 'expand',
      title: `add ${table}.${newName} beside ${old.name}, kept in step by a trigger`,
      table,
      sql: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(newColumn)}`, ...createSync],
      transactional: true,
      reverse: { sql: [...dropSync, `ALTER TABLE ${t} DROP COLUMN ${to}`], transactional: true },
      hazards: ['application-change'],
      note:
        purpose === 'rename'
          ? `from here the application may read and write either name; deploy the code that uses ${target.name} during the migrate phase`
          : `the trigger converts every write of ${old.name} into ${newName}; the application keeps writing ${old.name} until the contract step`,
    },
    {
      phase: 'migrate',
      title: `backfill ${table}.${newName} from ${old.name} in batches`,
      table,
      sql: [],
      transactional: true,
      batch: {
        table,
        sql: batchedUpdate(table, key, `${to} = ${convert(from)}`, `${to} IS DISTINCT FROM ${convert(from)}`, context.batchRows),
        rowsPerBatch: context.batchRows,
      },
      reverse: { sql: [], transactional: true },
      hazards: [],
    },
  ];
  if (!target.nullable) steps.push(...notNullSteps(table, newName));
  const contract =
    purpose === 'rename'
      ? [...dropSync, `ALTER TABLE ${t} DROP COLUMN ${from}`]
      : [...dropSync, `ALTER TABLE ${t} DROP COLUMN ${from}`, `ALTER TABLE ${t} RENAME COLUMN ${to} TO ${q(target.name)}`];
  const restoreOld = { ...old, nullable: true };
  const reverse =
    purpose === 'rename'
      ? [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(restoreOld)}`, `UPDATE ${t} SET ${from} = ${to}`, ...createSync]
      : [
          `ALTER TABLE ${t} RENAME COLUMN ${q(target.name)} TO ${to}`,
          `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(restoreOld)}`,
          `UPDATE ${t} SET ${from} = ${to}::${postgresColumnType(old.type)}`,
          ...createSync,
        ];
  if (!old.nullable) reverse.splice(reverse.findIndex((s) => s.startsWith('UPDATE')) + 1, 0, `ALTER TABLE ${t} ALTER COLUMN ${from} SET NOT NULL`);
  steps.push({
    phase: 'contract',
    title:
      purpose === 'rename' ? `drop ${table}.${old.name} and its trigger (the data lives in ${target.name})` : `switch ${table}.${target.name} to the new type`,
    table,
    sql: contract,
    transactional: true,
    reverse: { sql: reverse, transactional: true },
    hazards: ['application-change'],
    note:
      purpose === 'rename'
        ? `run once no deployed code reads or writes ${old.name}`
        : `brief ACCESS EXCLUSIVE: the old column goes and the new one takes its name; the application must accept the new type from here`,
  });
  return steps;
}
