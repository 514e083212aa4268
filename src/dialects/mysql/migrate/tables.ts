import { type Change, tableKey } from '../../../model/change.js';
import type { Column, Table } from '../../../model/schema.js';
import type { LockedStep, MigrationContext } from '../../migration.js';
import { defaultValue } from '../ddl-columns.js';
import { createMysqlTable } from '../ddl-table.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { mysqlColumnType } from '../target-types.js';
import { after, before, contextOf, definitionIn } from './context.js';
import { describeWork, metadataLock, onlineAlter, qualified } from './online.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** CREATE TABLE with every key, index and check inside it (an empty table: nothing to do online). */
function createTable(context: MigrationContext, table: Table): string {
  return createMysqlTable(contextOf(context.to, table), table.foreignKeys).statement.replace(/;$/, '');
}

export function addTable(change: Of<'add-table'>, context: MigrationContext): LockedStep[] {
  const key = tableKey(change.table);
  return [
    {
      phase: 'expand',
      title: `create table ${key}`,
      sql: [createTable(context, change.table)],
      transactional: false,
      reverse: { sql: [`DROP TABLE ${qualified(key)}`], transactional: false, lost: `the rows written to ${key}` },
      hazards: [],
      locks: change.table.foreignKeys.map((fk) =>
        metadataLock(fk.refTable, `CREATE TABLE with a foreign key to ${fk.refTable} (a shared metadata lock on it for the moment)`),
      ),
      note: 'MySQL commits each DDL statement: the step is not undone by a failure after it',
    },
  ];
}

export function dropTable(change: Of<'drop-table'>, context: MigrationContext): LockedStep[] {
  const key = tableKey(change.table);
  return [
    {
      phase: 'contract',
      title: `drop table ${key}`,
      table: key,
      sql: [`DROP TABLE ${qualified(key)}`],
      transactional: false,
      reverse: {
        sql: [createMysqlTable(contextOf(context.from, change.table), change.table.foreignKeys).statement.replace(/;$/, '')],
        transactional: false,
        lost: `every row of ${key}`,
      },
      hazards: ['data-loss'],
      dataLoss: `every row of ${key}`,
      locks: [metadataLock(key, 'DROP TABLE')],
      note: 'run once no deployed code reads the table; take a backup of it first if the rows may be wanted',
    },
  ];
}

export function renameTable(change: Of<'rename-table'>): LockedStep[] {
  return [
    {
      phase: 'migrate',
      title: `rename table ${change.from} to ${change.to}`,
      table: change.from,
      sql: [`RENAME TABLE ${qualified(change.from)} TO ${qualified(change.to.split('.').at(-1)!)}`],
      transactional: false,
      reverse: { sql: [`RENAME TABLE ${qualified(change.to.split('.').at(-1)!)} TO ${qualified(change.from.split('.').at(-1)!)}`], transactional: false },
      hazards: ['application-change'],
      locks: [metadataLock(change.from, 'RENAME TABLE (metadata only, atomic)')],
      note: 'metadata only and atomic; deploy the code that uses the new name at the same moment (MySQL has no view that could keep the old name writable through the switch)',
    },
  ];
}

const isLobType = (sql: string) => /^(LONGTEXT|LONGBLOB|JSON)\b/.test(sql);

export function addColumn(change: Of<'add-column'>, context: MigrationContext): LockedStep[] {
  const { table: key, column } = change;
  const table = after(context, key) ?? before(context, key);
  if (!table) throw new Error(`add-column on a table the plan does not know: ${key}`);
  const drop = {
    sql: [`ALTER TABLE ${qualified(key)} DROP COLUMN ${q(column.name)}, ALGORITHM=INPLACE, LOCK=NONE`],
    transactional: false,
    lost: `the values written to ${key}.${column.name}`,
  };
  const full = definitionIn(context.to, table, column);
  const type = mysqlColumnType(column.type, context.to.enums);
  const perRow = column.default?.kind === 'random-uuid' || column.default?.kind === 'expression';
  // Columns every existing row needs a value computed for: MySQL copies the table to add them.
  if (column.identity || column.generated?.stored || (isLobType(type) && column.default !== undefined)) {
    const clauses = [
      `ADD COLUMN ${full}`,
      ...(column.identity ? [`ADD KEY ${q(`${table.name}_${column.name}_auto_idx`.slice(0, 64))} (${q(column.name)})`] : []),
    ];
    const alter = onlineAlter(
      key,
      clauses,
      'COPY',
      'rewrite',
      `ADD COLUMN ${column.identity ? 'AUTO_INCREMENT' : column.generated ? 'STORED generated' : 'with a TEXT/BLOB default'}`,
    );
    return [
      {
        phase: 'expand',
        title: `add ${key}.${column.name} (${column.identity ? 'AUTO_INCREMENT' : column.generated ? 'stored generated' : 'with its default'})`,
        table: key,
        sql: [alter.sql],
        transactional: false,
        reverse: drop,
        hazards: [],
        locks: [alter.lock],
        note: `${describeWork('COPY', 'rewrite')}: every existing row gets its value; on a large table run it with gh-ost or pt-online-schema-change, which copy in the background`,
      },
    ];
  }
  if (perRow || (!column.nullable && column.default === undefined)) {
    const bare: Column = { ...column, nullable: true, default: undefined };
    const add = onlineAlter(key, [`ADD COLUMN ${definitionIn(context.to, table, bare)}`], 'INSTANT', 'metadata', 'ADD COLUMN');
    const steps: LockedStep[] = [
      {
        phase: 'expand',
        title: `add ${key}.${column.name} (nullable, no default)`,
        table: key,
        sql: [add.sql],
        transactional: false,
        reverse: drop,
        hazards: [],
        locks: [add.lock],
        note: `${describeWork('INSTANT', 'metadata')}: the rows before get their values next`,
      },
    ];
    const keyColumns = table.primaryKey.columns.map(q);
    if (perRow && column.default?.kind === 'random-uuid')
      steps.push({
        phase: 'migrate',
        title: `backfill ${key}.${column.name}`,
        table: key,
        sql: [],
        transactional: false,
        batch: {
          table: key,
          sql: `UPDATE ${qualified(key)} SET ${q(column.name)} = UUID() WHERE ${q(column.name)} IS NULL ORDER BY ${keyColumns.join(', ')} LIMIT ${context.batchRows}`,
          rowsPerBatch: context.batchRows,
        },
        reverse: { sql: [], transactional: false },
        hazards: [],
        locks: [],
        note: 'in batches of short transactions, each locking only the rows it changes',
      });
    else
      steps.push({
        phase: 'migrate',
        title: `fill ${key}.${column.name} for the rows before`,
        table: key,
        sql: [],
        transactional: false,
        reverse: { sql: [], transactional: false },
        hazards: ['application-change'],
        locks: [],
        note: `the application (or a batched UPDATE … LIMIT ${context.batchRows}) gives every existing row its ${column.name}; the next step fails while one is NULL`,
      });
    const modify = onlineAlter(key, [`MODIFY COLUMN ${full}`], 'INPLACE', 'rewrite', 'MODIFY COLUMN … NOT NULL / DEFAULT');
    steps.push({
      phase: 'migrate',
      title: `${column.nullable ? 'set the default of' : 'require'} ${key}.${column.name}`,
      table: key,
      sql: [modify.sql],
      transactional: false,
      reverse: {
        sql: [onlineAlter(key, [`MODIFY COLUMN ${definitionIn(context.to, table, bare)}`], 'INPLACE', 'rewrite', 'MODIFY COLUMN').sql],
        transactional: false,
      },
      hazards: column.nullable ? [] : ['correctness'],
      locks: [modify.lock],
      note: describeWork('INPLACE', 'rewrite'),
    });
    return steps;
  }
  const alter = onlineAlter(key, [`ADD COLUMN ${full}`], 'INSTANT', 'metadata', 'ADD COLUMN');
  return [
    {
      phase: 'expand',
      title: `add ${key}.${column.name}${column.nullable ? ' (nullable)' : ' with its default'}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: drop,
      hazards: [],
      locks: [alter.lock],
      note: `${describeWork('INSTANT', 'metadata')}: existing rows read the default without being written (MySQL 8.0.12+, MariaDB 10.3+)`,
    },
  ];
}

export function dropColumn(change: Of<'drop-column'>, context: MigrationContext): LockedStep[] {
  const { table: key, column } = change;
  const table = before(context, key);
  const alter = onlineAlter(key, [`DROP COLUMN ${q(column.name)}`], 'INPLACE', 'rewrite', 'DROP COLUMN');
  const restore = table
    ? onlineAlter(key, [`ADD COLUMN ${definitionIn(context.from, table, { ...column, nullable: true })}`], 'INSTANT', 'metadata', 'ADD COLUMN').sql
    : undefined;
  return [
    {
      phase: 'contract',
      title: `drop ${key}.${column.name}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: restore
        ? { sql: [restore], transactional: false, lost: `the values of ${key}.${column.name}` }
        : { irreversible: `the values of ${key}.${column.name} are gone` },
      hazards: ['data-loss'],
      dataLoss: `the values of ${key}.${column.name}`,
      locks: [alter.lock],
      note: `${describeWork('INPLACE', 'rewrite')}; MySQL 8.0.29+ and MariaDB 10.4+ can drop it instantly (ALGORITHM=INSTANT), which older MySQL 8.0 refuses. Run once no deployed code reads the column`,
    },
  ];
}

export function renameColumn(change: Of<'rename-column'>): LockedStep[] {
  const { table: key, from, to } = change;
  const alter = onlineAlter(key, [`RENAME COLUMN ${q(from)} TO ${q(to)}`], 'INPLACE', 'metadata', 'RENAME COLUMN');
  return [
    {
      phase: 'migrate',
      title: `rename ${key}.${from} to ${to}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: { sql: [onlineAlter(key, [`RENAME COLUMN ${q(to)} TO ${q(from)}`], 'INPLACE', 'metadata', 'RENAME COLUMN').sql], transactional: false },
      hazards: ['application-change'],
      locks: [alter.lock],
      note: `${describeWork('INPLACE', 'metadata')} (MySQL 8.0.3+, MariaDB 10.5.2+); deploy the code that uses the new name at the same moment`,
    },
  ];
}

/** A VARCHAR that only grows, keeping its length prefix at one byte (up to 255 bytes, 63 utf8mb4 characters) or two: MySQL and MariaDB change only metadata. */
function varcharGrowsInPlace(from: Column, to: Column): boolean {
  if (from.type.kind !== 'string' || to.type.kind !== 'string' || to.type.length < from.type.length) return false;
  return from.type.length * 4 < 256 === to.type.length * 4 < 256;
}

export function alterColumnType(change: Of<'alter-column-type'>, context: MigrationContext): LockedStep[] {
  const { table: key, from, to } = change;
  const table = after(context, key);
  const oldTable = before(context, key);
  if (!table || !oldTable) throw new Error(`alter-column-type on a table the plan does not know: ${key}`);
  const inPlace = varcharGrowsInPlace(from, to);
  const alter = onlineAlter(
    key,
    [`MODIFY COLUMN ${definitionIn(context.to, table, to)}`],
    inPlace ? 'INPLACE' : 'COPY',
    inPlace ? 'metadata' : 'rewrite',
    'MODIFY COLUMN type',
  );
  const back = onlineAlter(key, [`MODIFY COLUMN ${definitionIn(context.from, oldTable, from)}`], 'COPY', 'rewrite', 'MODIFY COLUMN type');
  return [
    {
      phase: 'migrate',
      title: `change ${key}.${to.name} to ${mysqlColumnType(to.type, context.to.enums)}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: { sql: [back.sql], transactional: false },
      hazards: inPlace ? [] : ['correctness'],
      locks: [alter.lock],
      note: inPlace
        ? `${describeWork('INPLACE', 'metadata')}: a VARCHAR that grows within the same length prefix`
        : `${describeWork('COPY', 'rewrite')}; values that do not convert stop it. On a large table, gh-ost or pt-online-schema-change copy it in the background (or add a new column, write both, backfill and switch)`,
    },
  ];
}

export function alterNullability(change: Of<'alter-column-nullability'>, context: MigrationContext): LockedStep[] {
  const { table: key } = change;
  const table = after(context, key);
  const column = table?.columns.find((c) => c.name === change.column);
  if (!table || !column) throw new Error(`alter-column-nullability on a column the plan does not know: ${key}.${change.column}`);
  const target = { ...column, nullable: change.nullable };
  const alter = onlineAlter(
    key,
    [`MODIFY COLUMN ${definitionIn(context.to, table, target)}`],
    'INPLACE',
    'rewrite',
    change.nullable ? 'MODIFY COLUMN … NULL' : 'MODIFY COLUMN … NOT NULL',
  );
  const back = onlineAlter(
    key,
    [`MODIFY COLUMN ${definitionIn(context.to, table, { ...column, nullable: !change.nullable })}`],
    'INPLACE',
    'rewrite',
    'MODIFY COLUMN',
  );
  return [
    {
      phase: change.nullable ? 'expand' : 'migrate',
      title: `${change.nullable ? 'allow NULL in' : 'require'} ${key}.${change.column}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: { sql: [back.sql], transactional: false },
      hazards: change.nullable ? [] : ['correctness'],
      locks: [alter.lock],
      note: `${describeWork('INPLACE', 'rewrite')}${change.nullable ? '' : '; a NULL left in a row stops it (strict mode)'}`,
    },
  ];
}

export function alterDefault(change: Of<'alter-column-default'>, context: MigrationContext): LockedStep[] {
  const { table: key, from, to } = change;
  const table = after(context, key);
  if (!table) throw new Error(`alter-column-default on a table the plan does not know: ${key}`);
  const ctx = contextOf(context.to, table);
  const clause = (column: Column) => {
    const value = defaultValue(column, mysqlColumnType(column.type, context.to.enums), ctx);
    return value === undefined ? `ALTER COLUMN ${q(column.name)} DROP DEFAULT` : `ALTER COLUMN ${q(column.name)} SET DEFAULT ${value}`;
  };
  const alter = onlineAlter(key, [clause(to)], 'INSTANT', 'metadata', 'ALTER COLUMN … SET/DROP DEFAULT');
  return [
    {
      phase: 'expand',
      title: `${to.default ? 'set' : 'drop'} the default of ${key}.${to.name}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse: { sql: [onlineAlter(key, [clause(from)], 'INSTANT', 'metadata', 'ALTER COLUMN … SET/DROP DEFAULT').sql], transactional: false },
      hazards: [],
      locks: [alter.lock],
      note: `${describeWork('INSTANT', 'metadata')}: rows already written keep their values`,
    },
  ];
}

/** Every column of the schema whose type is the enum, with its table. */
function enumColumns(tables: readonly Table[], name: string): { table: Table; column: Column }[] {
  return tables.flatMap((table) => table.columns.filter((c) => c.type.kind === 'enum' && c.type.name === name).map((column) => ({ table, column })));
}

/**
 * MySQL's ENUM is declared on each column: a value added at the end is an INSTANT change of each
 * column's definition (while the enum keeps under 256 values); anywhere else, or values removed,
 * each table is copied, and rows holding a removed value stop the copy.
 */
export function changeEnum(change: Of<'add-enum-value'> | Of<'replace-enum'>, context: MigrationContext): LockedStep[] {
  const name = change.kind === 'add-enum-value' ? change.enum : change.to.name;
  const values = context.to.enums.find((e) => e.name === name)?.values ?? [];
  const appended = change.kind === 'add-enum-value' && values.at(-1) === change.value && values.length <= 255;
  return enumColumns(context.to.tables, name).map(({ table, column }) => {
    const key = tableKey(table);
    const alter = onlineAlter(
      key,
      [`MODIFY COLUMN ${definitionIn(context.to, table, column)}`],
      appended ? 'INSTANT' : 'COPY',
      appended ? 'metadata' : 'rewrite',
      'MODIFY COLUMN ENUM',
    );
    const old = before(context, key);
    const oldColumn = old?.columns.find((c) => c.name === column.name);
    return {
      phase: 'expand',
      title: `${change.kind === 'add-enum-value' ? `add '${change.value}' to` : 'replace the values of'} ${key}.${column.name}`,
      table: key,
      sql: [alter.sql],
      transactional: false,
      reverse:
        old && oldColumn
          ? {
              sql: [onlineAlter(key, [`MODIFY COLUMN ${definitionIn(context.from, old, oldColumn)}`], 'COPY', 'rewrite', 'MODIFY COLUMN ENUM').sql],
              transactional: false,
            }
          : { irreversible: `${key}.${column.name} is not in the source schema` },
      hazards: appended ? [] : ['correctness'],
      locks: [alter.lock],
      note: appended
        ? `${describeWork('INSTANT', 'metadata')}: the value is added at the end of the list`
        : `${describeWork('COPY', 'rewrite')}: the values change other than at the end`,
    };
  });
}
