import type { Check, Index, IndexCondition, Schema, Table } from '../../model/schema.js';

/**
 * What the DDL holds beside a model's columns and keys, said in words and standard SQL for the
 * comments the ORM files carry where the ORM cannot declare it: nothing the design has is dropped
 * without a line that says the DDL has it. Standard SQL spelling (double-quoted names, doubled
 * single quotes) because the ORM files are written for PostgreSQL designs and read by people.
 */

export const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const sqlLiteral = (value: string | number | boolean) => (typeof value === 'string' ? `'${value.replace(/'/g, "''")}'` : String(value));

/** One partial-index condition as standard SQL: `"status" IN ('paid', 'shipped')`. */
export function conditionSql(c: IndexCondition): string {
  const column = quoteName(c.column);
  const list = () => c.values.map(sqlLiteral).join(', ');
  switch (c.op) {
    case 'eq':
      return `${column} = ${sqlLiteral(c.values[0]!)}`;
    case 'neq':
      return `${column} <> ${sqlLiteral(c.values[0]!)}`;
    case 'in':
      return `${column} IN (${list()})`;
    case 'not-in':
      return `${column} NOT IN (${list()})`;
    case 'is-null':
      return `${column} IS NULL`;
    case 'is-not-null':
      return `${column} IS NOT NULL`;
  }
}

/** The whole WHERE of a partial index (structured conditions and an introspected predicate), or undefined. */
export function indexWhereSql(index: Index): string | undefined {
  const parts = [...index.where.map(conditionSql), ...(index.predicate ? [`(${index.predicate})`] : [])];
  return parts.length ? parts.join(' AND ') : undefined;
}

/** The index as the DDL creates it, on one line: `order_x_idx ON "order" ("tenant_id", "placed_at" DESC) INCLUDE ("id") WHERE …`. */
export function describeIndex(index: Index): string {
  const keys = index.keys
    .map((k) => `${k.column !== undefined ? quoteName(k.column) : `(${k.expression})`}${k.opclass ? ` ${k.opclass}` : ''}${k.order === 'desc' ? ' DESC' : ''}`)
    .join(', ');
  const method = index.method === 'btree' ? '' : ` USING ${index.method}`;
  const include = index.include.length ? ` INCLUDE (${index.include.map(quoteName).join(', ')})` : '';
  const where = indexWhereSql(index);
  return `${index.unique ? 'unique ' : ''}index ${index.name}${method} (${keys})${include}${where ? ` WHERE ${where}` : ''}`;
}

/** The parts of an index an ORM may lack, each named, so a writer says exactly which it could not declare. */
export interface IndexFeatures {
  readonly expressionKeys: boolean;
  readonly include: boolean;
  readonly partial: boolean;
  readonly method: boolean;
  readonly opclass: boolean;
  readonly descending: boolean;
}

export function indexFeatures(index: Index): IndexFeatures {
  return {
    expressionKeys: index.keys.some((k) => k.column === undefined),
    include: index.include.length > 0,
    partial: index.where.length > 0 || index.predicate !== undefined,
    method: index.method !== 'btree',
    opclass: index.keys.some((k) => k.opclass !== undefined),
    descending: index.keys.some((k) => k.order === 'desc'),
  };
}

const FEATURE_WORDS: Record<keyof IndexFeatures, string> = {
  expressionKeys: 'expression keys',
  include: 'INCLUDE columns',
  partial: 'a WHERE condition',
  method: 'an index method',
  opclass: 'operator classes',
  descending: 'key order',
};

/**
 * The features of `index` the target lacks (`supported` says which it has), or undefined when it
 * can declare all of them.
 */
export function missingIndexFeatures(index: Index, supported: Partial<Record<keyof IndexFeatures, boolean>>): string[] | undefined {
  const features = indexFeatures(index);
  const missing = (Object.keys(features) as (keyof IndexFeatures)[]).filter((f) => features[f] && !supported[f]).map((f) => FEATURE_WORDS[f]);
  return missing.length ? missing : undefined;
}

/** A check as the DDL has it: `order_line_quantity_check: "quantity" >= 1`. */
export function describeCheck(check: Check): string {
  const rule = check.rule;
  if (rule.kind === 'range') {
    const parts = [
      rule.min !== undefined ? `${quoteName(rule.column)} >= ${rule.min}` : '',
      rule.max !== undefined ? `${quoteName(rule.column)} <= ${rule.max}` : '',
    ];
    return `${check.name}: ${parts.filter(Boolean).join(' AND ')}`;
  }
  if (rule.kind === 'format') return `${check.name}: ${quoteName(rule.column)} is ${rule.format === 'email' ? 'an email address' : 'a phone number (E.164)'}`;
  return `${check.name}: ${rule.sql}`;
}

/**
 * What the DDL has on a table that no ORM here declares: checks (their format rules are
 * PostgreSQL regular expressions), triggers, partitioning, row-level security. One line each.
 */
export function tableDdlNotes(table: Table): string[] {
  return [
    ...table.checks.map((c) => `check ${describeCheck(c)}`),
    ...(table.triggers ?? []).map((t) =>
      t.kind === 'history' ? `trigger ${t.name} copies old rows into ${t.historyTable}` : `trigger ${t.name} keeps running totals in ${t.snapshotTable}`,
    ),
    ...(table.partitioning
      ? [
          `partitioned by range of ${table.partitioning.column}, one partition per ${table.partitioning.interval} (the partitions are made by the DDL and its jobs)`,
        ]
      : []),
    ...(table.rowSecurity?.enabled ? [`row-level security with ${table.rowSecurity.policies.length} policies`] : []),
  ];
}

/** What the DDL has beyond the tables: materialized views and objects kept as native SQL. */
export function schemaDdlNotes(schema: Schema): string[] {
  return [
    ...(schema.views ?? []).map((v) => `materialized view ${v.name} over ${v.table} (refreshed every ${v.refreshEverySeconds} s)`),
    ...(schema.native ?? []).filter((n) => n.table === undefined).map((n) => `${n.kind} ${n.name}`),
  ];
}

/** The model's foreign key as the DDL has it: `order_customer_id_fkey (tenant_id, customer_id) -> customer (tenant_id, id)`. */
export const describeForeignKey = (fk: { name: string; columns: readonly string[]; refTable: string; refColumns: readonly string[] }) =>
  `${fk.name} (${fk.columns.join(', ')}) -> ${fk.refTable} (${fk.refColumns.join(', ')})`;
