import { quotePgIdentifier } from '../postgres/quote.js';

/** Words CockroachDB reserves beyond PostgreSQL's (its grammar's extra reserved and type-function keywords). */
const COCKROACH_RESERVED = new Set(['index', 'nothing', 'family']);

/** Quotes like PostgreSQL's quote_ident (lower-case plain words bare, keywords quoted), and CockroachDB's own reserved words too. */
export function quoteCockroachIdentifier(name: string): string {
  return COCKROACH_RESERVED.has(name) ? `"${name}"` : quotePgIdentifier(name);
}

export { quotePgLiteral as quoteCockroachLiteral } from '../postgres/quote.js';
