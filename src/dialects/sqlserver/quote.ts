/**
 * SQL Server identifiers in brackets, always: `[order]`, `[user]`, `[key]` need no keyword list, and a
 * `]` inside a name is doubled. Names are compared case-insensitively under the default collations.
 */
export function quoteSqlServerIdentifier(name: string): string {
  return `[${name.replace(/]/g, ']]')}]`;
}

/** National (Unicode) string literal: `N'it''s'`. */
export function quoteSqlServerLiteral(value: string): string {
  return `N'${value.replace(/'/g, "''")}'`;
}

/** SQL Server's limit on an identifier (sysname is nvarchar(128)). */
export const SQLSERVER_MAX_IDENTIFIER = 128;
