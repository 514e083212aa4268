import type { Check, ForeignKey } from '../../model/schema.js';
import type { TableContext } from './ddl-context.js';
import { translatePgExpression } from './expression.js';
import { quoteMysqlIdentifier as q, quoteMysqlLiteral } from './quote.js';

/**
 * The format checks' patterns, as loose as PostgreSQL's (they catch garbage, not every invalid
 * address), written without backslashes so they mean the same with NO_BACKSLASH_ESCAPES on or
 * off. No letters in them: the case rules of the collation do not matter.
 */
const FORMAT_PATTERNS = { email: '^[^@[:space:]]+@[^@[:space:]]+[.][^@[:space:]]+$', phone: '^[+][1-9][0-9]{6,14}$' } as const;

const ACTIONS_THAT_WRITE = new Set<ForeignKey['onDelete']>(['cascade', 'set-null', 'set-default']);

/**
 * A check as a CHECK constraint (enforced from MySQL 8.0.16 and MariaDB 10.2), or undefined with
 * the substitution said. MySQL refuses a check on an AUTO_INCREMENT column, or on a column a
 * foreign key's ON DELETE/UPDATE action writes; those are left to the application.
 */
export function mysqlCheck(check: Check, ctx: TableContext, autoIncrement: string | undefined): string | undefined {
  const rule = check.rule;
  let condition: string | undefined;
  let columns: readonly string[];
  if (rule.kind === 'range') {
    columns = [rule.column];
    condition = [rule.min !== undefined ? `${q(rule.column)} >= ${rule.min}` : '', rule.max !== undefined ? `${q(rule.column)} <= ${rule.max}` : '']
      .filter(Boolean)
      .join(' AND ');
  } else if (rule.kind === 'format') {
    columns = [rule.column];
    // RLIKE is REGEXP on both servers.
    condition = `${q(rule.column)} RLIKE ${quoteMysqlLiteral(FORMAT_PATTERNS[rule.format])}`;
  } else {
    columns = rule.columns;
    condition = translatePgExpression(rule.sql, (c) => ctx.type(c))?.sql;
    if (condition === undefined) {
      ctx.substitute(
        'check constraint',
        check.name,
        `not declared: its PostgreSQL condition (${rule.sql}) has no MySQL translation here; the application enforces it`,
      );
      return undefined;
    }
  }
  const written = ctx.table.foreignKeys.filter(
    (fk) => ACTIONS_THAT_WRITE.has(fk.onDelete) || (fk.onUpdate !== undefined && ACTIONS_THAT_WRITE.has(fk.onUpdate)),
  );
  const blocked = columns.find((c) => c === autoIncrement || written.some((fk) => fk.columns.includes(c)));
  if (blocked !== undefined) {
    ctx.substitute(
      'check constraint',
      check.name,
      `not declared: MySQL allows no check on ${blocked === autoIncrement ? 'an AUTO_INCREMENT column' : "a column a foreign key's action writes"} (${blocked}); the application enforces ${condition}`,
    );
    return undefined;
  }
  return `CONSTRAINT ${q(check.name)} CHECK (${condition || 'TRUE'})`;
}
