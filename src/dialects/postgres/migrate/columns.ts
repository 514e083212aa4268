import type { Change } from '../../../model/change.js';
import type { LogicalType } from '../../../model/logical-type.js';
import type { Column, Table } from '../../../model/schema.js';
import type { MigrationContext, StepDraft } from '../../migration.js';
import { columnDefinition, defaultValue } from '../ddl.js';
import { quotePgIdentifier as q } from '../quote.js';
import { postgresColumnType } from '../types.js';
import { dualWriteSteps } from './dual-write.js';
import { after, batchedUpdate, batchKey, before, qualified } from './names.js';
import { notNullSteps } from './not-null.js';

type Of<K extends Change['kind']> = Extract<Change, { kind: K }>;

/** Defaults PostgreSQL evaluates per row: adding a column with one would rewrite the table ("ALTER TABLE", Notes). */
const perRowDefault = (column: Column): boolean => column.default?.kind === 'random-uuid' || column.default?.kind === 'sequence';

/** The columns an index, a key or a constraint of the table reads: such a column cannot simply be replaced by a new one. */
function constrainedColumns(table: Table | undefined): Set<string> {
  if (!table) return new Set();
  return new Set([
    ...table.primaryKey.columns,
    ...table.uniques.flatMap((u) => u.columns),
    ...table.foreignKeys.flatMap((f) => f.columns),
    ...table.checks.flatMap((c) => ('column' in c.rule ? [c.rule.column] : c.rule.columns)),
    ...table.indexes.flatMap((i) => [...i.keys.flatMap((k) => (k.column ? [k.column] : [])), ...i.include, ...i.where.map((w) => w.column)]),
  ]);
}

export function addColumn(change: Of<'add-column'>, context: MigrationContext): StepDraft[] {
  const { table, column } = change;
  const t = qualified(table);
  const drop = { sql: [`ALTER TABLE ${t} DROP COLUMN ${q(column.name)}`], transactional: true, lost: `the values written to ${table}.${column.name}` };
  if (column.identity || column.generated?.stored) {
    return [
      {
        phase: 'expand',
        title: `add ${table}.${column.name} (${column.identity ? 'identity' : 'stored generated'})`,
        table,
        sql: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(column)}`],
        transactional: true,
        reverse: drop,
        hazards: [],
        note: 'PostgreSQL fills every existing row under ACCESS EXCLUSIVE (a rewrite); on a large table add a plain column, backfill it and attach the sequence instead',
      },
    ];
  }
  if (perRowDefault(column)) {
    const bare = { ...column, nullable: true, default: undefined };
    return [
      {
        phase: 'expand',
        title: `add ${table}.${column.name} (nullable) with its default for new rows`,
        table,
        sql: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(bare)}`, `ALTER TABLE ${t} ALTER COLUMN ${q(column.name)} SET DEFAULT ${defaultValue(column)}`],
        transactional: true,
        reverse: drop,
        hazards: [],
        note: 'a per-row default in ADD COLUMN would rewrite the table; the rows before get theirs by the backfill',
      },
      {
        phase: 'migrate',
        title: `backfill ${table}.${column.name} in batches`,
        table,
        sql: [],
        transactional: true,
        batch: {
          table,
          sql: batchedUpdate(table, batchKey(before(context, table)), `${q(column.name)} = DEFAULT`, `${q(column.name)} IS NULL`, context.batchRows),
          rowsPerBatch: context.batchRows,
        },
        reverse: { sql: [], transactional: true },
        hazards: [],
      },
      ...(column.nullable ? [] : notNullSteps(table, column.name)),
    ];
  }
  if (column.nullable || column.default) {
    return [
      {
        phase: 'expand',
        title: `add ${table}.${column.name}${column.nullable ? ' (nullable)' : ' NOT NULL with a constant default'}`,
        table,
        sql: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(column)}`],
        transactional: true,
        reverse: drop,
        hazards: [],
        ...(column.nullable ? {} : { note: 'a constant default is stored in the catalog (PostgreSQL 11+): no row is rewritten' }),
      },
    ];
  }
  return [
    {
      phase: 'expand',
      title: `add ${table}.${column.name} (nullable first: the target gives it no default)`,
      table,
      sql: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition({ ...column, nullable: true })}`],
      transactional: true,
      reverse: drop,
      hazards: ['application-change'],
      note: `rows written before have no value: deploy code that writes ${column.name}, fill the old rows, then the NOT NULL steps validate it`,
    },
    ...notNullSteps(table, column.name),
  ];
}

export function dropColumn(change: Of<'drop-column'>): StepDraft[] {
  const { table, column } = change;
  const t = qualified(table);
  return [
    {
      phase: 'contract',
      title: `drop ${table}.${column.name}`,
      table,
      sql: [`ALTER TABLE ${t} DROP COLUMN ${q(column.name)}`],
      transactional: true,
      reverse: {
        sql: [`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(column)}`],
        transactional: true,
        lost: `the values of ${table}.${column.name}${column.nullable || column.default ? '' : ' (NOT NULL without a default: the reverse needs an empty table)'}`,
      },
      hazards: ['data-loss'],
      dataLoss: `the values of ${table}.${column.name}`,
      note: 'run once no deployed code reads the column; PostgreSQL only marks it dropped (no rewrite), VACUUM FULL or a rewrite reclaims the space',
    },
  ];
}

export function renameColumn(change: Of<'rename-column'>, context: MigrationContext): StepDraft[] {
  const { table, from, to } = change;
  const source = before(context, change.table);
  const old = source?.columns.find((c) => c.name === from);
  const renamed = after(context, table)?.columns.find((c) => c.name === to);
  if (old && renamed && !constrainedColumns(source).has(from)) return dualWriteSteps(context, table, old, renamed, 'rename');
  const t = qualified(table);
  return [
    {
      // In expand: the keys and indexes the target defines over the new name come after it.
      phase: 'expand',
      title: `rename ${table}.${from} to ${to}`,
      table,
      sql: [`ALTER TABLE ${t} RENAME COLUMN ${q(from)} TO ${q(to)}`],
      transactional: true,
      reverse: { sql: [`ALTER TABLE ${t} RENAME COLUMN ${q(to)} TO ${q(from)}`], transactional: true },
      hazards: ['application-change'],
      note: `${from} is part of an index, a key or a constraint, which a dual write would have to rebuild: the rename is instant (brief ACCESS EXCLUSIVE), but code naming ${from} fails from that moment, so deploy code that tolerates both names first`,
    },
  ];
}

/** Whether PostgreSQL changes the type without rewriting the table: the stored bytes stay valid ("ALTER TABLE", Notes on binary coercion). */
export function binaryCoercible(from: LogicalType, to: LogicalType): boolean {
  if (from.kind === 'string' && to.kind === 'string') return to.length >= from.length;
  if (from.kind === 'string' && to.kind === 'text') return true;
  if (from.kind === 'decimal' && to.kind === 'decimal') return to.scale === from.scale && to.precision >= from.precision;
  return false;
}

export function alterColumnType(change: Of<'alter-column-type'>, context: MigrationContext): StepDraft[] {
  const { table, from, to } = change;
  const t = qualified(table);
  const c = q(to.name);
  const inPlace = (type: LogicalType) => `ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${postgresColumnType(type)} USING ${c}::${postgresColumnType(type)}`;
  if (binaryCoercible(from.type, to.type))
    return [
      {
        phase: 'migrate',
        title: `widen ${table}.${to.name} to ${postgresColumnType(to.type)}`,
        table,
        sql: [`ALTER TABLE ${t} ALTER COLUMN ${c} TYPE ${postgresColumnType(to.type)}`],
        transactional: true,
        reverse: { sql: [inPlace(from.type)], transactional: true },
        hazards: [],
        lighterWork: { work: 'metadata', because: 'the old type is binary coercible to the new one: no row is rewritten' },
      },
    ];
  if (!constrainedColumns(before(context, table)).has(from.name)) return dualWriteSteps(context, table, from, to, 'retype');
  return [
    {
      phase: 'migrate',
      title: `change ${table}.${to.name} to ${postgresColumnType(to.type)} in place`,
      table,
      sql: [inPlace(to.type)],
      transactional: true,
      reverse: { sql: [inPlace(from.type)], transactional: true },
      hazards: ['rewrite'],
      note: `${from.name} is part of an index, a key or a constraint, which a new column would have to rebuild: PostgreSQL rewrites the table and its indexes under ACCESS EXCLUSIVE, so on a large table plan a window or a new table`,
    },
  ];
}

export function alterNullability(change: Of<'alter-column-nullability'>): StepDraft[] {
  const t = qualified(change.table);
  const c = q(change.column);
  if (change.nullable)
    return [
      {
        phase: 'expand',
        title: `allow NULL in ${change.table}.${change.column}`,
        table: change.table,
        sql: [`ALTER TABLE ${t} ALTER COLUMN ${c} DROP NOT NULL`],
        transactional: true,
        reverse: { sql: [`ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL`], transactional: true },
        hazards: [],
      },
    ];
  return notNullSteps(change.table, change.column);
}

export function alterDefault(change: Of<'alter-column-default'>): StepDraft[] {
  const t = qualified(change.table);
  const c = q(change.to.name);
  const set = (column: Column) =>
    column.default ? `ALTER TABLE ${t} ALTER COLUMN ${c} SET DEFAULT ${defaultValue(column)}` : `ALTER TABLE ${t} ALTER COLUMN ${c} DROP DEFAULT`;
  return [
    {
      phase: 'expand',
      title: `${change.to.default ? 'set' : 'drop'} the default of ${change.table}.${change.to.name}`,
      table: change.table,
      sql: [set(change.to)],
      transactional: true,
      reverse: { sql: [set(change.from)], transactional: true },
      hazards: [],
      note: 'only rows inserted from now on get it; existing rows keep their values',
    },
  ];
}
