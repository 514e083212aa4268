import { pgKeywordKind } from '../../sql/pg-parser.js';

/**
 * Quotes an identifier only where PostgreSQL needs it, like its own quote_ident(): names that are
 * not plain lower-case words, or that the scanner reads as a keyword other than an unreserved one.
 */
export function quotePgIdentifier(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && ['none', 'unreserved'].includes(pgKeywordKind(name))) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

export function quotePgLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
