import type { Check, ForeignKey, Index, Schema, Table } from '../../../model/schema.js';
import { tableKey } from '../../../model/change.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { mysqlColumnDefinition } from './column-sql.js';
import { qualified } from './names.js';

/** The parts of CREATE TABLE and ALTER TABLE … ADD the plans write, from the model. */

const RULES: Readonly<Record<ForeignKey['onDelete'], string>> = {
  restrict: 'RESTRICT',
  cascade: 'CASCADE',
  'set-null': 'SET NULL',
  'set-default': 'SET DEFAULT',
  'no-action': 'NO ACTION',
};

export const columnList = (columns: readonly string[]): string => columns.map(q).join(', ');

export function foreignKeySql(fk: ForeignKey): string {
  return [
    `CONSTRAINT ${q(fk.name)} FOREIGN KEY (${columnList(fk.columns)}) REFERENCES ${qualified(fk.refTable)} (${columnList(fk.refColumns)})`,
    `ON DELETE ${RULES[fk.onDelete]}`,
    ...(fk.onUpdate ? [`ON UPDATE ${RULES[fk.onUpdate]}`] : []),
  ].join(' ');
}

/** A check's condition: the catalog's own text, or a spec's range and format rules written out. */
export function checkSql(check: Check): string {
  const rule = check.rule;
  const condition =
    rule.kind === 'expression'
      ? rule.sql
      : rule.kind === 'range'
        ? [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : '']
            .filter(Boolean)
            .join(' AND ') || 'TRUE'
        : rule.format === 'email'
          ? `${q(rule.column)} LIKE '%_@_%'`
          : `${q(rule.column)} REGEXP '^[+]?[0-9 ()-]+$'`;
  return `CONSTRAINT ${q(check.name)} CHECK (${condition})`;
}

/** An index's key parts: a column (DESC kept), or an introspected expression (a prefix `c`(10), a functional part) as written. */
export function indexKeys(index: Index): string {
  return index.keys.map((k) => `${k.column !== undefined ? q(k.column) : k.expression}${k.order === 'desc' ? ' DESC' : ''}`).join(', ');
}

/** `INDEX name (…)` or `UNIQUE INDEX name (…)`, as CREATE TABLE and ALTER TABLE … ADD take it. */
export const indexSql = (index: Index): string => `${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} (${indexKeys(index)})`;

/** The whole table as one CREATE TABLE: columns, keys, indexes, foreign keys and checks (InnoDB, the model's engine). */
export function createTableSql(table: Table, schema: Schema): string {
  const parts = [
    ...table.columns.map((c) => mysqlColumnDefinition(c, schema)),
    ...(table.primaryKey.columns.length ? [`PRIMARY KEY (${columnList(table.primaryKey.columns)})`] : []),
    ...table.uniques.map((u) => `UNIQUE INDEX ${q(u.name)} (${columnList(u.columns)})`),
    ...table.indexes.map(indexSql),
    ...table.foreignKeys.map(foreignKeySql),
    ...table.checks.map(checkSql),
  ];
  return `CREATE TABLE ${qualified(tableKey(table))} (\n  ${parts.join(',\n  ')}\n) ENGINE=InnoDB`;
}
