import { type Change, constraintName, tableKey } from '../../../model/change.js';
import type { Check, ForeignKey, Index, Table } from '../../../model/schema.js';
import type { LockedStep, MigrationContext } from '../../migration.js';
import { mysqlCheck } from '../ddl-checks.js';
import { mysqlForeignKey } from '../ddl-foreign-keys.js';
import { mysqlIndex } from '../ddl-indexes.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { after, before, contextOf, tableIn } from './context.js';
import { describeWork, onlineAlter, qualified } from './online.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;
const list = (columns: readonly string[]) => columns.map(q).join(', ');

/** The table an index change acts on: the one that holds the index on its side of the diff. */
function indexTable(change: Of<'add-index'> | Of<'drop-index'>, context: MigrationContext): Table | undefined {
  const schema = change.kind === 'add-index' ? context.to : context.from;
  return schema.tables.find((t) => t.indexes.some((i) => i.name === change.index.name && i.table === change.index.table));
}

/** The clauses that add an index as the schema script declares it (its generated columns first), or undefined when MySQL cannot hold it. */
function addIndexClauses(schema: Parameters<typeof contextOf>[0], table: Table, index: Index): { clauses: string[]; notes: string[] } | undefined {
  const ctx = contextOf(schema, table);
  const translated = mysqlIndex(index, ctx);
  if (!translated) return undefined;
  return {
    clauses: [
      ...translated.generatedColumns.map((c) => `ADD COLUMN ${c}`),
      `ADD ${translated.unique ? 'UNIQUE ' : ''}KEY ${q(translated.name)} (${translated.parts.join(', ')})`,
    ],
    notes: ctx.substitutions.map((s) => `${s.feature}: ${s.alternative}`),
  };
}

function dropIndexClauses(schema: Parameters<typeof contextOf>[0], table: Table, index: Index): string[] {
  const translated = mysqlIndex(index, contextOf(schema, table));
  if (!translated) return [];
  const generated = translated.generatedColumns.map((c) => /^`((?:[^`]|``)+)`/.exec(c)![1]!.replace(/``/g, '`'));
  return [`DROP INDEX ${q(index.name)}`, ...generated.map((c) => `DROP COLUMN ${q(c)}`)];
}

function notExpressed(title: string, table: string, why: string): LockedStep {
  return { phase: 'expand', title, table, sql: [], transactional: false, reverse: { sql: [], transactional: false }, hazards: [], locks: [], note: why };
}

export function addIndex(change: Of<'add-index'>, context: MigrationContext): LockedStep[] {
  const table = indexTable(change, context);
  const key = table ? tableKey(table) : change.index.table;
  const clauses = table && addIndexClauses(context.to, table, change.index);
  if (!clauses)
    return [
      notExpressed(`index ${change.index.name} (not created)`, key, "MySQL cannot hold this index (see the schema script's substitutions): nothing to run"),
    ];
  const alter = onlineAlter(key, clauses.clauses, 'INPLACE', 'scan', `ADD ${change.index.unique ? 'UNIQUE ' : ''}INDEX`);
  return [
    {
      phase: 'expand',
      title: `create ${change.index.unique ? 'unique ' : ''}index ${change.index.name} on ${key}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: { sql: [onlineAlter(key, dropIndexClauses(context.to, table!, change.index), 'INPLACE', 'metadata', 'DROP INDEX').sql], transactional: false },
      hazards: ['index-build', ...(change.index.unique ? (['correctness'] as const) : [])],
      locks: [alter.lock],
      note: [`${describeWork('INPLACE', 'scan')} while the index is built (no CONCURRENTLY needed)`, ...clauses.notes].join('; '),
    },
  ];
}

export function dropIndex(change: Of<'drop-index'>, context: MigrationContext): LockedStep[] {
  const table = indexTable(change, context);
  const key = table ? tableKey(table) : change.index.table;
  const clauses = table ? dropIndexClauses(context.from, table, change.index) : [];
  if (!clauses.length) return [notExpressed(`index ${change.index.name} (never created)`, key, 'MySQL could not hold this index, so there is none to drop')];
  const alter = onlineAlter(key, clauses, 'INPLACE', 'metadata', 'DROP INDEX');
  const back = addIndexClauses(context.from, table!, change.index)!;
  return [
    {
      phase: 'contract',
      title: `drop index ${change.index.name} on ${key}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: { sql: [onlineAlter(key, back.clauses, 'INPLACE', 'scan', 'ADD INDEX').sql], transactional: false },
      hazards: ['index-dropped'],
      locks: [alter.lock],
      note: describeWork('INPLACE', 'metadata'),
    },
  ];
}

/** Rows of `fk`'s table whose reference finds no parent: the count that must be 0 before the key is trusted. */
export function orphanQuery(key: string, fk: ForeignKey): string {
  const join = fk.columns.map((c, i) => `p.${q(fk.refColumns[i]!)} = c.${q(c)}`).join(' AND ');
  const set = fk.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ');
  return `SELECT COUNT(*) AS orphans FROM ${qualified(key)} c LEFT JOIN ${qualified(fk.refTable)} p ON ${join} WHERE ${set} AND p.${q(fk.refColumns[0]!)} IS NULL`;
}

export function addConstraint(change: Of<'add-constraint'>, context: MigrationContext): LockedStep[] {
  const key = change.table;
  const table = after(context, key) ?? before(context, key);
  if (!table) throw new Error(`add-constraint on a table the plan does not know: ${key}`);
  const c = change.constraint;
  const name = constraintName(c);
  const drop = dropClauses(change.constraint);
  const reverse = { sql: [onlineAlter(key, drop.clauses, drop.algorithm, 'metadata', 'DROP').sql], transactional: false };
  if (c.kind === 'foreign-key') {
    const declared = mysqlForeignKey(c.foreignKey, contextOf(context.to, table));
    const alter = onlineAlter(key, [`ADD ${declared.clause}`], 'INPLACE', 'metadata', 'ADD FOREIGN KEY with foreign_key_checks=0');
    return [
      {
        phase: 'expand',
        title: `add foreign key ${name} on ${key} (not checked against the rows before)`,
        table: key,
        sql: ['SET SESSION foreign_key_checks = 0', alter.sql, 'SET SESSION foreign_key_checks = 1', ...declared.triggers.map((t) => t.replace(/;$/, ''))],
        transactional: false,
        reverse,
        hazards: ['correctness'],
        locks: [alter.lock],
        note: `${describeWork('INPLACE', 'metadata')}: with foreign_key_checks on, MySQL would copy the table to check every row. New writes are checked from now on; check the rows before with ${orphanQuery(key, c.foreignKey)} (it must return 0)`,
      },
    ];
  }
  if (c.kind === 'check') {
    const clause = mysqlCheck(c.check, contextOf(context.to, table), undefined);
    if (!clause)
      return [
        notExpressed(
          `check ${name} (not declared)`,
          key,
          "MySQL cannot declare this check (see the schema script's substitutions): the application enforces it",
        ),
      ];
    const alter = onlineAlter(key, [`ADD ${clause}`], 'COPY', 'rewrite', 'ADD CHECK');
    return [
      {
        phase: 'expand',
        title: `add check ${name} on ${key}`,
        table: key,
        sql: [alter.sql],
        transactional: false,
        reverse,
        hazards: ['correctness'],
        locks: [alter.lock],
        note: `${describeWork('COPY', 'rewrite')}, checking every row; a row that breaks it stops the copy`,
      },
    ];
  }
  const clause = c.kind === 'primary-key' ? `ADD PRIMARY KEY (${list(c.columns)})` : `ADD UNIQUE KEY ${q(c.name)} (${list(c.columns)})`;
  const alter = onlineAlter(
    key,
    [clause],
    'INPLACE',
    c.kind === 'primary-key' ? 'rewrite' : 'scan',
    c.kind === 'primary-key' ? 'ADD PRIMARY KEY' : 'ADD UNIQUE',
  );
  return [
    {
      phase: 'expand',
      title: `add ${c.kind === 'primary-key' ? 'primary key' : `unique key ${name}`} on ${key}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse,
      hazards: ['index-build', 'correctness'],
      locks: [alter.lock],
      note: `${describeWork('INPLACE', c.kind === 'primary-key' ? 'rewrite' : 'scan')}; duplicate keys stop it`,
    },
  ];
}

/** How a constraint is dropped: a primary key only by a table copy (InnoDB clusters the rows by it); the rest in place. */
function dropClauses(c: Of<'add-constraint'>['constraint']): { clauses: string[]; algorithm: 'INPLACE' | 'COPY' } {
  switch (c.kind) {
    case 'primary-key':
      return { clauses: ['DROP PRIMARY KEY'], algorithm: 'COPY' };
    case 'unique':
      return { clauses: [`DROP INDEX ${q(c.name)}`], algorithm: 'INPLACE' };
    case 'foreign-key':
      return { clauses: [`DROP FOREIGN KEY ${q(c.foreignKey.name)}`], algorithm: 'INPLACE' };
    case 'check':
      // DROP CONSTRAINT names a check on both servers (MySQL 8.0.19+); InnoDB keeps checks outside the rows.
      return { clauses: [`DROP CONSTRAINT ${q((c.check as Check).name)}`], algorithm: 'INPLACE' };
  }
}

export function dropConstraint(change: Of<'drop-constraint'>, context: MigrationContext): LockedStep[] {
  const key = change.table;
  const c = change.constraint;
  const name = constraintName(c);
  const drop = dropClauses(c);
  const work = drop.algorithm === 'COPY' ? 'rewrite' : 'metadata';
  const alter = onlineAlter(key, drop.clauses, drop.algorithm, work, c.kind === 'primary-key' ? 'DROP PRIMARY KEY' : `DROP ${c.kind.toUpperCase()}`);
  const table = before(context, key) ?? tableIn(context.from, key);
  const readd = table ? addConstraint({ kind: 'add-constraint', table: key, constraint: c }, { ...context, to: context.from }) : [];
  return [
    {
      phase: 'contract',
      title: `drop ${c.kind === 'primary-key' ? 'the primary key' : `${c.kind} ${name}`} on ${key}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: readd.length ? { sql: readd.flatMap((s) => s.sql), transactional: false } : { irreversible: `${name} is not in the source schema` },
      hazards: c.kind === 'unique' || c.kind === 'primary-key' ? ['index-dropped'] : [],
      locks: [alter.lock],
      note: describeWork(drop.algorithm, work),
    },
  ];
}
