import type { Check, Column, ColumnDefault, ForeignKey, Index, Policy, Table } from '../../model/schema.js';
import { describeType, type LogicalType } from '../../model/logical-type.js';

/**
 * What the differ compares: each object reduced to the facts the database holds, in one spelling,
 * so a spec's design, the same DDL read from a SQL file and read back from a live database compare
 * equal. Left out on purpose: origins, reasons, PII flags, statistics, volumes, comments (no change
 * kind for them yet), column order (PostgreSQL cannot reorder without a rewrite), and the primary
 * key's name (a spec derives it, a hand-written schema names it as it likes).
 */

/** A name as PostgreSQL folds it; the differ matches names case-sensitively otherwise. */
const text = (value: unknown): string => JSON.stringify(value);

/** Expression text in one spelling: no casts to text, no redundant parentheses or spaces, lower case keywords. */
export function expressionText(sql: string): string {
  return sql
    .replace(/::(text|character varying|varchar|bpchar)\b(\[\])?/gi, '')
    .replace(/[()\s"]/g, '')
    .toLowerCase();
}

export function defaultText(value: ColumnDefault | undefined, type: LogicalType): string {
  if (!value) return '';
  switch (value.kind) {
    case 'literal':
      return type.kind === 'bool' ? String(value.value === true || value.value === 'true') : String(value.value);
    case 'now':
      return 'now()';
    case 'random-uuid':
      return 'gen_random_uuid()';
    case 'sequence':
      return `nextval(${value.sequence.replace(/^public\./, '')})`;
    case 'expression': {
      const e = expressionText(value.sql);
      if (e === 'now()' || e === 'current_timestamp') return 'now()';
      if (e === 'gen_random_uuid()') return 'gen_random_uuid()';
      const literal = /^'((?:[^']|'')*)'(::[a-z_ ]+)?$/i.exec(value.sql.trim());
      return literal ? literal[1]!.replace(/''/g, "'") : e;
    }
  }
}

/** The type as the database holds it; an enum by its name, a native type by its SQL. */
export const typeText = (type: LogicalType): string => describeType(type).toLowerCase();

/** What makes two columns of the same name the same column. */
export function columnSignature(c: Column): string {
  return text([typeText(c.type), c.nullable, c.identity ?? null, c.generated ? [expressionText(c.generated.expression), c.generated.stored] : null]);
}

export const sameDefault = (a: Column, b: Column): boolean =>
  a.identity || b.identity ? true : defaultText(a.default, a.type) === defaultText(b.default, b.type);

/** A foreign key's definition; `refTable` passes through the confirmed table renames. */
export function foreignKeySignature(fk: ForeignKey, renamed: (table: string) => string, column: (name: string) => string): string {
  const initiallyDeferred = fk.deferrable ? (fk.initiallyDeferred ?? true) : false;
  return text([
    fk.columns.map(column),
    renamed(fk.refTable),
    fk.refColumns,
    fk.onDelete === 'no-action' ? 'no-action' : fk.onDelete,
    fk.onUpdate ?? 'no-action',
    fk.onDelete === 'set-null' ? (fk.setNullColumns ?? null) : null,
    fk.deferrable,
    initiallyDeferred,
    fk.notValid ?? false,
  ]);
}

/**
 * A check's rule. A structured rule (a spec's range or format) and an expression read from a
 * database are two spellings the differ cannot set side by side without a dialect: such a pair
 * under one name compares equal, and only two rules of one form are compared.
 */
export function sameCheck(a: Check, b: Check, column: (name: string) => string): boolean {
  if ((a.notValid ?? false) !== (b.notValid ?? false)) return false;
  if (a.rule.kind === 'expression' && b.rule.kind === 'expression') return expressionText(a.rule.sql) === expressionText(b.rule.sql);
  if (a.rule.kind !== b.rule.kind) return true;
  if (a.rule.kind === 'range' && b.rule.kind === 'range')
    return column(a.rule.column) === b.rule.column && a.rule.min === b.rule.min && a.rule.max === b.rule.max;
  if (a.rule.kind === 'format' && b.rule.kind === 'format') return column(a.rule.column) === b.rule.column && a.rule.format === b.rule.format;
  return false;
}

/** An index's definition (its keys, method, uniqueness, INCLUDE and condition), columns passed through the renames. */
export function indexSignature(i: Index, column: (name: string) => string): string {
  const where = i.where.length ? text(i.where.map((w) => [column(w.column), w.op, w.values.map(String)])) : i.predicate ? expressionText(i.predicate) : '';
  return text([
    i.keys.map((k) => [k.column !== undefined ? column(k.column) : expressionText(k.expression ?? ''), k.order ?? 'asc', k.opclass ?? null]),
    i.method,
    i.unique,
    i.include.map(column),
    where,
  ]);
}

/**
 * Conditions written structurally by a spec come back from a database as SQL text: a pair of one of
 * each under one name compares by keys alone, as for checks.
 */
export function sameIndex(a: Index, b: Index, column: (name: string) => string): boolean {
  const mixed =
    (a.where.length > 0 && b.predicate !== undefined && b.where.length === 0) || (b.where.length > 0 && a.predicate !== undefined && a.where.length === 0);
  if (mixed) return indexSignature({ ...a, where: [], predicate: undefined }, column) === indexSignature({ ...b, where: [], predicate: undefined }, (n) => n);
  return indexSignature(a, column) === indexSignature(b, (n) => n);
}

export const policySignature = (p: Policy): string =>
  text([
    p.command,
    p.permissive,
    [...p.roles].sort(),
    p.using !== undefined ? expressionText(p.using) : null,
    p.withCheck !== undefined ? expressionText(p.withCheck) : null,
  ]);

/** Row security as stated; a spec's design says nothing of it, which is off with no policy. */
export const rowSecurityOf = (t: Table) => t.rowSecurity ?? { enabled: false, forced: false, policies: [] };
