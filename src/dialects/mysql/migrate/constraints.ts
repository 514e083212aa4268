import { type Change, type Constraint, constraintName } from '../../../model/change.js';
import type { Index, Table } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { alter } from './alter.js';
import { after, before, qualified, temporaryName } from './names.js';
import { checkSql, columnList, foreignKeySql, indexSql } from './table-sql.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

const CHECKS_OFF = 'SET SESSION foreign_key_checks = 0';
const CHECKS_ON = 'SET SESSION foreign_key_checks = 1';

/** InnoDB makes an index for a foreign key that has none, under the key's name: the index is the key's, and goes with it. */
const ownIndex = (table: Table | undefined, fkName: string): Index | undefined => table?.indexes.find((i) => i.name === fkName);
const hasForeignKey = (table: Table | undefined, name: string) => table?.foreignKeys.some((f) => f.name === name) ?? false;

const addUnique = (table: string, name: string, columns: readonly string[]) =>
  alter(table, `ADD UNIQUE INDEX ${q(name)} (${columnList(columns)})`, 'add index');
const dropIndexSql = (table: string, name: string) => alter(table, `DROP INDEX ${q(name)}`, 'drop index');

/** The statements that drop a constraint (a foreign key with the index InnoDB made for it, when the other side has no such index). */
function dropSql(table: string, c: Constraint, keepIndex: boolean): string[] {
  switch (c.kind) {
    case 'primary-key':
      return [alter(table, 'DROP PRIMARY KEY', 'drop primary key')];
    case 'unique':
      return [dropIndexSql(table, c.name)];
    case 'foreign-key':
      return [alter(table, `DROP FOREIGN KEY ${q(c.foreignKey.name)}`, 'drop foreign key'), ...(keepIndex ? [] : [dropIndexSql(table, c.foreignKey.name)])];
    case 'check':
      return [alter(table, `DROP CONSTRAINT ${q(c.check.name)}`, 'drop check')];
  }
}

/** The statements that add a constraint whole, its rows checked (as a reverse runs them). */
function addWholeSql(table: string, c: Constraint, index: Index | undefined): string[] {
  switch (c.kind) {
    case 'primary-key':
      return [alter(table, `ADD PRIMARY KEY (${columnList(c.columns)})`, 'add primary key')];
    case 'unique':
      return [addUnique(table, c.name, c.columns)];
    case 'foreign-key':
      return [
        ...(index ? [alter(table, `ADD ${indexSql(index)}`, 'add index')] : []),
        CHECKS_OFF,
        alter(table, `ADD ${foreignKeySql(c.foreignKey)}`, 'add foreign key (checks off)'),
        CHECKS_ON,
      ];
    case 'check':
      return [alter(table, `ADD ${checkSql(c.check)}`, 'add check')];
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

/**
 * The online forms: a unique key is a unique index built INPLACE with LOCK=NONE; a foreign key is
 * added INPLACE only with foreign_key_checks=0 (the one way neither server copies the table), which
 * checks no existing row, so a migrate step then looks for rows without a parent and fails when it
 * finds one; a check has no online form on either server (a table copy, LOCK=SHARED); a primary key
 * rebuilds the table in place.
 */
export function addConstraint(change: Of<'add-constraint'>, context: MigrationContext): StepDraft[] {
  const { table, constraint } = change;
  const name = constraintName(constraint);
  const source = before(context, table);
  const old = constraintsOf(source).find((c) => (constraint.kind === 'primary-key' ? c.kind === 'primary-key' : constraintName(c) === name));
  const dropOld = old ? dropSql(table, old, true) : [];
  const restoreOld = old ? addWholeSql(table, old, undefined) : [];
  switch (constraint.kind) {
    case 'primary-key': {
      const body = `${old ? 'DROP PRIMARY KEY, ' : ''}ADD PRIMARY KEY (${columnList(constraint.columns)})`;
      const back = old?.kind === 'primary-key' ? `DROP PRIMARY KEY, ADD PRIMARY KEY (${columnList(old.columns)})` : undefined;
      return [
        {
          phase: 'expand',
          title: `${old ? 'replace' : 'add'} the primary key of ${table} (an in-place rebuild)`,
          table,
          sql: [alter(table, body, 'add primary key')],
          transactional: false,
          reverse: { sql: [back ? alter(table, back, 'add primary key') : alter(table, 'DROP PRIMARY KEY', 'drop primary key')], transactional: false },
          hazards: ['correctness'],
          note: 'the clustered index is the table: InnoDB rebuilds it (INPLACE, LOCK=NONE); repeated or NULL keys make it fail',
        },
      ];
    }
    case 'unique':
      return [
        {
          phase: 'expand',
          title: `build the unique index ${name} on ${table} online`,
          table,
          sql: [...dropOld, addUnique(table, name, constraint.columns)],
          transactional: false,
          reverse: { sql: [dropIndexSql(table, name), ...restoreOld], transactional: false },
          hazards: ['index-build', 'correctness'],
          note: 'INPLACE, LOCK=NONE: reads and writes go on while it is built; rows that repeat the key make it fail (a concurrent write that does too fails the build at its end)',
        },
      ];
    case 'check':
      return [
        {
          phase: 'migrate',
          title: `${old ? 'redefine' : 'add'} check ${name} on ${table}: a table copy`,
          table,
          sql: [...dropOld, alter(table, `ADD ${checkSql(constraint.check)}`, 'add check')],
          transactional: false,
          reverse: { sql: [alter(table, `DROP CONSTRAINT ${q(name)}`, 'drop check'), ...restoreOld], transactional: false },
          hazards: ['correctness'],
          note: 'neither server adds a check in place: ALGORITHM=COPY checks every row while writes wait (LOCK=SHARED); on a large table enforce it in the application first, or use an online schema-change tool',
        },
      ];
    case 'foreign-key': {
      const fk = constraint.foreignKey;
      // The index InnoDB would make for the key, built explicitly first (online) so its cost is a step of its own.
      const index = !ownIndex(source, fk.name) ? ownIndex(after(context, table), fk.name) : undefined;
      const child = `${qualified(table)} c`;
      const parent = qualified(fk.refTable);
      const joined = fk.columns.map((col, i) => `p.${q(fk.refColumns[i]!)} = c.${q(col)}`).join(' AND ');
      const present = fk.columns.map((col) => `c.${q(col)} IS NOT NULL`).join(' AND ');
      return [
        {
          phase: 'expand',
          title: `add foreign key ${name} on ${table} without checking the old rows (foreign_key_checks=0)`,
          table,
          sql: [
            ...dropOld,
            ...(index ? [alter(table, `ADD ${indexSql(index)}`, 'add index')] : []),
            CHECKS_OFF,
            alter(table, `ADD ${foreignKeySql(fk)}`, 'add foreign key (checks off)'),
            CHECKS_ON,
          ],
          transactional: false,
          reverse: { sql: [...dropSql(table, constraint, !index), ...restoreOld], transactional: false },
          hazards: index ? ['index-build'] : [],
          note: "with foreign_key_checks=0 the key is added in place without a table copy, and without checking the rows already there: rows written from now are checked, old rows without a parent stay until the next step finds them. The setting is this session's only and is set back at once",
        },
        {
          phase: 'migrate',
          title: `check that every row of ${table} has its parent in ${fk.refTable}`,
          table,
          // The subquery yields a second row when an orphan exists, and MySQL refuses a scalar subquery with two rows (error 1242).
          sql: [
            `SELECT (SELECT 1 UNION ALL (SELECT 1 FROM ${child} LEFT JOIN ${parent} p ON ${joined} WHERE ${present} AND p.${q(fk.refColumns[0]!)} IS NULL LIMIT 1)) AS orphan_check`,
          ],
          transactional: false,
          reverse: { sql: [], transactional: false },
          hazards: ['correctness'],
          note: `fails with "Subquery returns more than 1 row" when a row of ${table} has no parent: fix those rows and run the plan again (apply resumes here)`,
        },
      ];
    }
  }
}

export function dropConstraintStep(change: Of<'drop-constraint'>, context: MigrationContext): StepDraft[] {
  const name = constraintName(change.constraint);
  const target = after(context, change.table);
  const source = before(context, change.table);
  if (constraintsOf(target).some((c) => constraintName(c) === name)) return []; // redefined: the add drops it
  if (change.constraint.kind === 'primary-key' && target?.primaryKey.columns.length) return []; // replaced: the new key's step drops it
  const index = change.constraint.kind === 'foreign-key' ? ownIndex(source, name) : undefined;
  const keepIndex = change.constraint.kind === 'foreign-key' && ownIndex(target, name) !== undefined;
  return [
    {
      phase: 'contract',
      title: `drop ${change.constraint.kind.replace('-', ' ')} ${name} on ${change.table}${index && !keepIndex ? ' and its index' : ''}`,
      table: change.table,
      sql: dropSql(change.table, change.constraint, keepIndex || !index),
      transactional: false,
      reverse: { sql: addWholeSql(change.table, change.constraint, keepIndex ? undefined : index), transactional: false },
      hazards: change.constraint.kind === 'primary-key' || change.constraint.kind === 'unique' || (index && !keepIndex) ? ['index-dropped'] : [],
    },
  ];
}

/** The index a foreign key added or dropped by the same plan owns: its key's step builds or drops it. */
function ownedByForeignKey(index: Index, context: MigrationContext, table: string): boolean {
  const [a, b] = [before(context, table), after(context, table)];
  return hasForeignKey(a, index.name) !== hasForeignKey(b, index.name);
}

/** An index built INPLACE with LOCK=NONE (reads and writes go on); a redefined one under a temporary name, then swapped by RENAME INDEX. */
export function addIndex(change: Of<'add-index'>, context: MigrationContext, table: string): StepDraft[] {
  const { index } = change;
  if (ownedByForeignKey(index, context, table)) return [];
  const old = before(context, table)?.indexes.find((i) => i.name === index.name);
  const add = (i: Index, name = i.name) => alter(table, `ADD ${indexSql({ ...i, name })}`, 'add index');
  if (!old)
    return [
      {
        phase: 'expand',
        title: `build index ${index.name} on ${table} online`,
        table,
        sql: [add(index)],
        transactional: false,
        reverse: { sql: [dropIndexSql(table, index.name)], transactional: false },
        hazards: ['index-build', ...(index.unique ? (['correctness'] as const) : [])],
        note: 'INPLACE, LOCK=NONE: built from a scan of the table while reads and writes go on (not allowed when the table has ON … CASCADE or SET NULL foreign keys: the server then refuses)',
      },
    ];
  const temporary = temporaryName(index.name, 'new');
  return [
    {
      phase: 'expand',
      title: `build the new definition of ${index.name} on ${table} online`,
      table,
      sql: [add(index, temporary)],
      transactional: false,
      reverse: { sql: [dropIndexSql(table, temporary)], transactional: false },
      hazards: ['index-build'],
    },
    {
      phase: 'expand',
      title: `drop the old ${index.name}; the new one takes its name`,
      table,
      sql: [dropIndexSql(table, index.name), alter(table, `RENAME INDEX ${q(temporary)} TO ${q(index.name)}`, 'rename index')],
      transactional: false,
      reverse: { sql: [alter(table, `RENAME INDEX ${q(index.name)} TO ${q(temporary)}`, 'rename index'), add(old)], transactional: false },
      hazards: [],
    },
  ];
}

export function dropIndex(change: Of<'drop-index'>, context: MigrationContext, table: string): StepDraft[] {
  if (after(context, table)?.indexes.some((i) => i.name === change.index.name)) return []; // redefined: the add replaces it
  if (ownedByForeignKey(change.index, context, table)) return [];
  return [
    {
      phase: 'contract',
      title: `drop index ${change.index.name} on ${table}`,
      table,
      sql: [dropIndexSql(table, change.index.name)],
      transactional: false,
      reverse: { sql: [alter(table, `ADD ${indexSql(change.index)}`, 'add index')], transactional: false },
      hazards: ['index-dropped'],
    },
  ];
}
