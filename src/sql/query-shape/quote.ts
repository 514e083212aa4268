/** Identifier and literal quoting for printed expressions. */
import { pgKeywordKind, type KeywordKind } from '../pg-parser.js';

/**
 * Reserved and type/function-name keywords, as PostgreSQL's own scanner classifies them, are
 * quoted when used as identifiers. Column-name keywords (between, values, ...) stay bare: the
 * grammar accepts them as column names unquoted.
 */
const QUOTED_KINDS: ReadonlySet<KeywordKind> = new Set(['reserved', 'type-function-name']);

export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !QUOTED_KINDS.has(pgKeywordKind(name)) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
