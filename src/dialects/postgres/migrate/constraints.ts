import { type Change, type Constraint, constraintName } from '../../../model/change.js';
import type { Index, Table } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { check, createIndex, foreignKey } from '../ddl.js';
import { quotePgIdentifier as q } from '../quote.js';
import { after, before, inNamespaceOf, qualified, temporaryName } from './names.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const list = (columns: readonly string[]) => columns.map(q).join(', ');
const sameColumns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/** The constraint as ADD CONSTRAINT writes it (whole, validated). */
function definition(c: Constraint): string {
  switch (c.kind) {
    case 'primary-key':
      return `CONSTRAINT ${q(c.name)} PRIMARY KEY (${list(c.columns)})`;
    case 'unique':
      return `CONSTRAINT ${q(c.name)} UNIQUE (${list(c.columns)})`;
    case 'foreign-key':
      return foreignKey(c.foreignKey);
    case 'check':
      return check(c.check);
  }
}

function constraintsOf(table: Table | undefined): Constraint[] {
  if (!table) return [];
  return [
    ...(table.primaryKey.columns.length ? [{ kind: 'primary-key' as const, name: table.primaryKey.name, columns: table.primaryKey.columns }] : []),
    ...table.uniques.map((u) => ({ kind: 'unique' as const, name: u.name, columns: u.columns })),
    ...table.foreignKeys.map((foreignKey) => ({ kind: 'foreign-key' as const, foreignKey })),
    ...table.checks.map((c) => ({ kind: 'check' as const, check: c })),
  ];
}

const dropConstraint = (table: string, c: Constraint) => `ALTER TABLE ${qualified(table)} DROP CONSTRAINT ${q(constraintName(c))}`;

/** Statements that add a constraint with its rows checked, as the reverse of a drop runs them. */
const addWhole = (table: string, c: Constraint) => `ALTER TABLE ${qualified(table)} ADD ${definition(c)}`;

/**
 * The safe forms ("ALTER TABLE", ADD table_constraint, NOT VALID and USING INDEX): a foreign key or a
 * check is added NOT VALID (no scan under the lock) and validated under SHARE UPDATE EXCLUSIVE; a
 * primary key or unique constraint adopts an index built CONCURRENTLY. A constraint redefined under
 * its name drops the old one in the same transaction as it adds the new one.
 */
export function addConstraint(change: Of<'add-constraint'>, context: MigrationContext): StepDraft[] {
  const { table, constraint } = change;
  const t = qualified(table);
  const name = constraintName(constraint);
  const previous = constraintsOf(before(context, table));
  // A table has one primary key: a new one replaces the old whatever its name, in the same transaction.
  const old = previous.find((c) => (constraint.kind === 'primary-key' ? c.kind === 'primary-key' : constraintName(c) === name));
  if (constraint.kind === 'primary-key' && old?.kind === 'primary-key' && sameColumns(old.columns, constraint.columns))
    return [
      {
        phase: 'expand',
        title: `rename the primary key of ${table} to ${name}`,
        table,
        sql: [`ALTER TABLE ${t} RENAME CONSTRAINT ${q(old.name)} TO ${q(name)}`],
        transactional: true,
        reverse: { sql: [`ALTER TABLE ${t} RENAME CONSTRAINT ${q(name)} TO ${q(old.name)}`], transactional: true },
        hazards: [],
      },
    ];
  const dropOld = old ? [dropConstraint(table, old)] : [];
  const restoreOld = old ? [addWhole(table, old)] : [];
  if (constraint.kind === 'primary-key' || constraint.kind === 'unique') {
    const index = temporaryName(name, 'idx');
    const kind = constraint.kind === 'primary-key' ? 'PRIMARY KEY' : 'UNIQUE';
    return [
      {
        phase: 'expand',
        title: `build the unique index for ${name} on ${table} concurrently`,
        table,
        sql: [`CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ${inNamespaceOf(table, index)} ON ${t} (${list(constraint.columns)})`],
        transactional: false,
        reverse: { sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${inNamespaceOf(table, index)}`], transactional: false },
        hazards: ['index-build', 'correctness'],
        note: 'fails when rows repeat the key: the failed build leaves an invalid index, which apply names and drops',
      },
      {
        phase: 'expand',
        title: `make it the ${kind} ${name}`,
        table,
        sql: [...dropOld, `ALTER TABLE ${t} ADD CONSTRAINT ${q(name)} ${kind} USING INDEX ${q(index)}`],
        transactional: true,
        reverse: { sql: [dropConstraint(table, constraint), ...restoreOld], transactional: true },
        hazards: [],
        lighterWork: { work: 'metadata', because: 'USING INDEX adopts the index built before: nothing is scanned under the lock' },
      },
    ];
  }
  const notValidAlready = constraint.kind === 'foreign-key' ? constraint.foreignKey.notValid : constraint.check.notValid;
  const notValid = `ALTER TABLE ${t} ADD ${definition(constraint)}${notValidAlready ? '' : ' NOT VALID'}`;
  const steps: StepDraft[] = [
    {
      phase: 'expand',
      title: `${old ? 'redefine' : 'add'} ${constraint.kind === 'check' ? 'check' : 'foreign key'} ${name} on ${table} for new rows (NOT VALID)`,
      table,
      sql: [...dropOld, notValid],
      transactional: true,
      reverse: { sql: [dropConstraint(table, constraint), ...restoreOld], transactional: true },
      hazards: old ? ['correctness'] : [],
      ...(old ? { note: 'rows written between this step and the validation are checked by the new rule only' } : {}),
    },
  ];
  if (!notValidAlready)
    steps.push({
      phase: 'migrate',
      title: `validate ${name} on the rows of ${table}`,
      table,
      sql: [`ALTER TABLE ${t} VALIDATE CONSTRAINT ${q(name)}`],
      transactional: true,
      reverse: { sql: [], transactional: true },
      hazards: ['correctness'],
      note: 'fails when an old row breaks the rule: fix those rows and run the plan again (apply resumes here)',
    });
  return steps;
}

export function dropConstraintStep(change: Of<'drop-constraint'>, context: MigrationContext): StepDraft[] {
  const name = constraintName(change.constraint);
  const target = constraintsOf(after(context, change.table));
  if (target.some((c) => constraintName(c) === name)) return []; // redefined: the add drops it
  if (change.constraint.kind === 'primary-key' && target.some((c) => c.kind === 'primary-key')) return []; // replaced: the new key's step drops it
  return [
    {
      phase: 'contract',
      title: `drop ${change.constraint.kind.replace('-', ' ')} ${name} on ${change.table}`,
      table: change.table,
      sql: [dropConstraint(change.table, change.constraint)],
      transactional: true,
      reverse: { sql: [addWhole(change.table, change.constraint)], transactional: true },
      hazards: change.constraint.kind === 'primary-key' || change.constraint.kind === 'unique' ? ['index-dropped'] : [],
    },
  ];
}

const indexName = (table: string, name: string) => inNamespaceOf(table, name);
const build = (table: string, index: Index, name = index.name) =>
  createIndex(index, { table: qualified(table), concurrently: true, ifNotExists: true, name: indexName(table, name) });

/**
 * An index built CONCURRENTLY (reads and writes go on; it cannot run in a transaction block). A
 * redefined index is built under a temporary name, the old one dropped concurrently, and the new
 * one renamed: the table is never without one.
 */
export function addIndex(change: Of<'add-index'>, context: MigrationContext, table: string): StepDraft[] {
  const { index } = change;
  const old = before(context, table)?.indexes.find((i) => i.name === index.name);
  if (!old)
    return [
      {
        phase: 'expand',
        title: `build index ${index.name} on ${table} concurrently`,
        table,
        sql: [build(table, index)],
        transactional: false,
        reverse: { sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${indexName(table, index.name)}`], transactional: false },
        hazards: ['index-build', ...(index.unique ? (['correctness'] as const) : [])],
      },
    ];
  const temporary = temporaryName(index.name, 'new');
  return [
    {
      phase: 'expand',
      title: `build the new definition of ${index.name} on ${table} concurrently`,
      table,
      sql: [build(table, index, temporary)],
      transactional: false,
      reverse: { sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${indexName(table, temporary)}`], transactional: false },
      hazards: ['index-build'],
    },
    {
      phase: 'expand',
      title: `drop the old definition of ${index.name} concurrently`,
      table,
      sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${indexName(table, index.name)}`],
      transactional: false,
      reverse: { sql: [build(table, old)], transactional: false },
      hazards: [],
    },
    {
      phase: 'expand',
      title: `give the new index the name ${index.name}`,
      table,
      sql: [`ALTER INDEX ${indexName(table, temporary)} RENAME TO ${q(index.name)}`],
      transactional: true,
      reverse: { sql: [`ALTER INDEX ${indexName(table, index.name)} RENAME TO ${q(temporary)}`], transactional: true },
      hazards: [],
    },
  ];
}

export function dropIndex(change: Of<'drop-index'>, context: MigrationContext, table: string): StepDraft[] {
  if (after(context, table)?.indexes.some((i) => i.name === change.index.name)) return []; // redefined: the add replaces it
  return [
    {
      phase: 'contract',
      title: `drop index ${change.index.name} on ${table} concurrently`,
      table,
      sql: [`DROP INDEX CONCURRENTLY IF EXISTS ${indexName(table, change.index.name)}`],
      transactional: false,
      reverse: { sql: [build(table, change.index)], transactional: false },
      hazards: ['index-dropped'],
    },
  ];
}
