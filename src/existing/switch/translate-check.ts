/**
 * A MySQL CHECK clause in PostgreSQL SQL, when it is made only of what both read alike: backquoted
 * column names, numbers, plain string literals, comparisons, arithmetic, AND/OR/NOT, IS [NOT] NULL,
 * IN and BETWEEN. Anything else (a function, a backslash escape, a MySQL operator) gives undefined:
 * carrying it would need a MySQL SQL parser, and the tool has none, so such a check is listed
 * instead of guessed. Written by hand because it only recognises, it never rewrites meaning.
 */
const TOKEN = /\s+|`((?:[^`]|``)+)`|'(?:[^'\\]|'')*'|\d+(?:\.\d+)?(?:e[-+]?\d+)?|<>|!=|<=|>=|[=<>+\-*/%(),]|[A-Za-z_]+/gy;
const WORDS = new Set(['and', 'or', 'not', 'is', 'null', 'in', 'between', 'true', 'false']);

export function translateCheck(clause: string, quote: (name: string) => string): string | undefined {
  // MySQL's NULL-safe equality would otherwise read as <= then >.
  if (clause.includes('<=>')) return undefined;
  let out = '';
  TOKEN.lastIndex = 0;
  let at = 0;
  while (at < clause.length) {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(clause);
    if (!match || match.index !== at) return undefined;
    const text = match[0];
    at += text.length;
    if (match[1] !== undefined) out += quote(match[1].replace(/``/g, '`'));
    else if (/^[A-Za-z_]+$/.test(text)) {
      if (!WORDS.has(text.toLowerCase())) return undefined;
      out += text.toUpperCase();
    } else out += text;
  }
  return out.trim() === '' ? undefined : out;
}
