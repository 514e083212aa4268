import { scanSync } from 'libpg-query';
import { byteToCharOffsets } from './byte-offsets.js';

/** Words that end a column's DEFAULT expression when met outside parentheses. */
const COLUMN_CLAUSE_WORDS = new Set([
  'NOT',
  'NULL',
  'CONSTRAINT',
  'CHECK',
  'PRIMARY',
  'UNIQUE',
  'REFERENCES',
  'GENERATED',
  'COLLATE',
  'DEFERRABLE',
  'INITIALLY',
  'DEFAULT',
]);

/**
 * The source text of a clause's expression, exactly as written: the parse tree has each node's
 * start but not its end, and libpg-query's WASM build has no deparser. From `from` (a character
 * offset at or before the keyword), finds `keyword` outside parentheses with PostgreSQL's scanner;
 * for `DEFAULT` the expression runs to the next column clause, `,` or the closing `)`; for `CHECK`
 * and `AS` (a generated column) it is the parenthesized expression; for `WHERE`, the rest of the text.
 */
export function clauseText(text: string, from: number, keyword: 'DEFAULT' | 'CHECK' | 'WHERE' | 'AS'): string | undefined {
  const rest = text.slice(from);
  const char = byteToCharOffsets(rest);
  let tokens: ReturnType<typeof scanSync>['tokens'];
  try {
    tokens = scanSync(rest).tokens.filter((t) => t.tokenName !== 'SQL_COMMENT' && t.tokenName !== 'C_COMMENT');
  } catch {
    return undefined;
  }
  let depth = 0;
  let at = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depth === 0 && t.text.toUpperCase() === keyword) {
      at = i;
      break;
    }
    if (t.text === '(') depth++;
    if (t.text === ')') depth--;
  }
  if (at < 0 || at + 1 >= tokens.length) return undefined;
  const slice = (a: number, b: number) => rest.slice(char(tokens[a]!.start), char(tokens[b]!.end)).trim();
  if (keyword === 'WHERE') {
    const last = tokens[tokens.length - 1]!.text === ';' ? tokens.length - 2 : tokens.length - 1;
    return slice(at + 1, last);
  }
  if (keyword === 'CHECK' || keyword === 'AS') {
    if (tokens[at + 1]!.text !== '(') return undefined;
    let d = 0;
    for (let i = at + 1; i < tokens.length; i++) {
      if (tokens[i]!.text === '(') d++;
      if (tokens[i]!.text === ')' && --d === 0) return i > at + 2 ? slice(at + 2, i - 1) : '';
    }
    return undefined;
  }
  depth = 0;
  let end = at;
  for (let i = at + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (depth === 0 && (t.text === ',' || t.text === ';' || COLUMN_CLAUSE_WORDS.has(t.text.toUpperCase()))) break;
    if (t.text === '(') depth++;
    if (t.text === ')' && --depth < 0) break;
    end = i;
  }
  return end > at ? slice(at + 1, end) : undefined;
}
