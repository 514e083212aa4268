import { scanSync } from 'libpg-query';

export interface BoundSql {
  /** The SQL with `:name` replaced by `$1`, `$2`, … (the same name gets the same number). */
  readonly sql: string;
  /** Parameter names in number order: params[0] is `$1`. */
  readonly params: readonly string[];
  /** Maps an offset in `sql` back to the offset in the original text. */
  readonly originalOffset: (offset: number) => number;
}

/**
 * Replaces the spec's `:name` parameters with PostgreSQL's `$n`. Uses PostgreSQL's own scanner so
 * `::int` casts, `':x'` strings and comments are left alone. Unscannable text is returned as is:
 * the parser then reports the error.
 */
export function bindNamedParams(text: string): BoundSql {
  // Without strings, comments, casts or dollar quotes every `:name` is a parameter, so a plain
  // pattern finds them exactly; anything else goes through the scanner.
  if (!/['$]|--|\/\*|::|"[^"]*:/.test(text)) return bindPlain(text);
  let tokens: { start: number; end: number; text: string }[];
  try {
    tokens = scanSync(text).tokens;
  } catch {
    return { sql: text, params: [], originalOffset: (o) => o };
  }
  const toChar = byteToCharOffsets(text);
  const params: string[] = [];
  const edits: { start: number; end: number; replacement: string }[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const colon = tokens[i]!;
    const name = tokens[i + 1]!;
    if (colon.text !== ':' || name.start !== colon.end || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name.text)) continue;
    let number = params.indexOf(name.text) + 1;
    if (number === 0) number = params.push(name.text);
    edits.push({ start: toChar(colon.start), end: toChar(name.end), replacement: `$${number}` });
    i++;
  }
  let sql = '';
  let cursor = 0;
  const shifts: { at: number; delta: number }[] = [];
  for (const edit of edits) {
    sql += text.slice(cursor, edit.start) + edit.replacement;
    shifts.push({ at: sql.length, delta: edit.end - edit.start - edit.replacement.length });
    cursor = edit.end;
  }
  sql += text.slice(cursor);
  const originalOffset = (offset: number) => offset + shifts.filter((s) => s.at <= offset).reduce((sum, s) => sum + s.delta, 0);
  return { sql, params, originalOffset };
}

function bindPlain(text: string): BoundSql {
  const params: string[] = [];
  const shifts: { at: number; delta: number }[] = [];
  let sql = '';
  let cursor = 0;
  for (const match of text.matchAll(/(?<![\w:]):([A-Za-z_][A-Za-z0-9_]*)/g)) {
    let number = params.indexOf(match[1]!) + 1;
    if (number === 0) number = params.push(match[1]!);
    sql += text.slice(cursor, match.index) + `$${number}`;
    shifts.push({ at: sql.length, delta: match[0].length - `$${number}`.length });
    cursor = match.index! + match[0].length;
  }
  sql += text.slice(cursor);
  const originalOffset = (offset: number) => offset + shifts.filter((s) => s.at <= offset).reduce((sum, s) => sum + s.delta, 0);
  return { sql, params, originalOffset };
}

/** libpg_query reports byte offsets into the UTF-8 text; JavaScript strings index UTF-16 units. */
export function byteToCharOffsets(text: string): (byteOffset: number) => number {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const bytes = Buffer.from(text, 'utf8');
  return (b) => bytes.subarray(0, b).toString('utf8').length;
}
