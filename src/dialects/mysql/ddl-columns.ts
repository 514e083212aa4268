import type { Column } from '../../model/schema.js';
import type { TableContext } from './ddl-context.js';
import { translatePgExpression } from './expression.js';
import { quoteMysqlIdentifier as q, quoteMysqlLiteral } from './quote.js';

/** MySQL caps a column comment at 1,024 characters and a table comment at 2,048. */
export const MAX_COLUMN_COMMENT = 1024;
export const MAX_TABLE_COMMENT = 2048;

const INTEGER = new Set(['int16', 'int32', 'int64']);

/**
 * The column that gets AUTO_INCREMENT: the identity column, or (read from another database) an
 * integer column whose default is a sequence. MySQL allows one per table; the others are stated.
 */
export function autoIncrementColumn(ctx: TableContext): string | undefined {
  const { table } = ctx;
  const candidates = [
    ...table.columns.filter((c) => c.identity !== undefined),
    ...table.columns.filter((c) => c.identity === undefined && c.default?.kind === 'sequence' && INTEGER.has(c.type.kind)),
  ];
  const [chosen, ...rest] = candidates;
  for (const column of rest)
    ctx.substitute(
      'a second identity or sequence column',
      `${table.name}.${column.name}`,
      `MySQL allows one AUTO_INCREMENT column a table (${chosen!.name} has it): the application supplies ${column.name}'s values`,
    );
  if (chosen?.identity === undefined && chosen?.default?.kind === 'sequence')
    ctx.substitute('sequence', `${table.name}.${chosen.name}`, `AUTO_INCREMENT instead of the sequence ${chosen.default.sequence} (MySQL has no sequences)`);
  return chosen?.name;
}

export function columnDefinition(column: Column, ctx: TableContext, autoIncrement: boolean): string {
  const type = ctx.type(column.name)!;
  const parts = [q(column.name), type];
  const generated = column.generated ? translatePgExpression(column.generated.expression, (c) => ctx.type(c)) : undefined;
  if (column.generated && generated) {
    parts.push(`AS (${generated.sql}) ${column.generated.stored ? 'STORED' : 'VIRTUAL'}`);
  } else if (column.generated) {
    ctx.substitute(
      'generated column',
      `${ctx.table.name}.${column.name}`,
      `an ordinary column: its PostgreSQL expression (${column.generated.expression}) has no MySQL translation here, so the application computes it`,
    );
  }
  // A generated column takes no NOT NULL of its own on MariaDB; its expression decides.
  if (!column.nullable && !generated) parts.push('NOT NULL');
  if (autoIncrement) parts.push('AUTO_INCREMENT');
  const value = autoIncrement || generated ? undefined : defaultValue(column, type, ctx);
  if (value !== undefined) parts.push(`DEFAULT ${value}`);
  const comment = [column.pii ? 'PII: personal data.' : '', column.comment ?? ''].filter(Boolean).join(' ');
  if (comment) parts.push(`COMMENT ${quoteMysqlLiteral(comment.slice(0, MAX_COLUMN_COMMENT))}`);
  return parts.join(' ');
}

/** TEXT, BLOB and JSON columns take a default only as an expression in parentheses (MySQL 8.0.13+, MariaDB 10.2+). */
const needsParentheses = (type: string) => /^(LONGTEXT|LONGBLOB|JSON)$/.test(type);

/** The DEFAULT clause's value as MySQL writes it, or undefined for none (a loss said as a substitution). */
export function defaultValue(column: Column, type: string, ctx: TableContext): string | undefined {
  const value = column.default;
  if (!value) return undefined;
  const object = `${ctx.table.name}.${column.name}`;
  switch (value.kind) {
    case 'literal': {
      const sql =
        typeof value.value === 'string'
          ? quoteMysqlLiteral(value.value)
          : typeof value.value === 'boolean'
            ? value.value
              ? 'TRUE'
              : 'FALSE'
            : String(value.value);
      return needsParentheses(type) ? `(${sql})` : sql;
    }
    case 'now':
      if (type === 'DATETIME(6)') return 'CURRENT_TIMESTAMP(6)';
      if (type === 'DATE') return '(CURRENT_DATE)';
      if (type === 'TIME(6)') return '(CURRENT_TIME(6))';
      ctx.substitute('default now()', object, 'no default: the application supplies the time');
      return undefined;
    case 'random-uuid':
      // UUID() gives version-1 UUIDs, time-ordered in part; gen_random_uuid() gives version 4. Both are unique.
      return '(UUID())';
    case 'sequence':
      ctx.substitute(
        'sequence',
        object,
        `no default: MySQL has no sequences and ${column.name} is not the table's AUTO_INCREMENT column; the application supplies it`,
      );
      return undefined;
    case 'expression': {
      const translated = translatePgExpression(value.sql, (c) => ctx.type(c));
      if (translated) return `(${translated.sql})`;
      ctx.substitute(
        'default expression',
        object,
        `no default: the PostgreSQL expression ${value.sql} has no MySQL translation here; the application supplies the value`,
      );
      return undefined;
    }
  }
}
