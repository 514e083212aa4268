import { scanSync } from 'libpg-query';
import type { LintToken } from '../context.js';

/**
 * The tokens of SQL text as PostgreSQL's scanner splits it, for lint. Written by hand because
 * libpg-query's scanner, the real one, costs about 4 µs a token through WebAssembly and JSON (more
 * than parsing the same text): on a 10,000-statement migration that was the largest part of the
 * lint. This lexer follows PostgreSQL's scan.l for what migrations hold (words, quoted names,
 * strings of every kind, dollar quotes, numbers, parameters, operators, comments) and gives up on
 * the rest (junk after a number or parameter, a string continued after a comment, anything
 * unterminated): then,
 * and for the token kinds' names, it asks libpg-query's scanner, so both always agree
 * (lexer.test.ts compares them on every SQL fixture of the repository).
 */
export function lintTokens(sql: string, shift: number): LintToken[] {
  return lexTokens(sql, shift) ?? scannedTokens(sql, shift);
}

/** libpg-query's scanner, its byte offsets turned into character offsets, shifted by `shift`. */
export function scannedTokens(sql: string, shift: number): LintToken[] {
  const toChar = byteToChar(sql);
  return scanSync(sql).tokens.map((t) => ({
    start: toChar(t.start) + shift,
    end: toChar(t.end) + shift,
    text: t.text,
    kind: t.keywordKind ? 'keyword' : t.tokenName,
    ...(t.keywordKind ? { keyword: t.text.toUpperCase() } : {}),
  }));
}

/** The hand lexer: the same tokens as `scannedTokens`, or undefined where it leaves the text to libpg-query. */
export function lexTokens(sql: string, shift: number): LintToken[] | undefined {
  const tokens: LintToken[] = [];
  const n = sql.length;
  let i = 0;
  const push = (start: number, end: number, kind: string | undefined): boolean => {
    if (kind === undefined) return false;
    const text = sql.slice(start, end);
    tokens.push(
      kind === 'keyword'
        ? { start: start + shift, end: end + shift, text, kind, keyword: text.toUpperCase() }
        : { start: start + shift, end: end + shift, text, kind },
    );
    return true;
  };
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const next = i + 1 < n ? sql.charCodeAt(i + 1) : -1;
    let end: number | undefined;
    let kind: string | undefined;
    if (c === DASH && next === DASH) {
      end = lineEnd(sql, i);
      kind = kindOf('-- c');
    } else if (c === SLASH && next === STAR) {
      end = blockCommentEnd(sql, i);
      kind = kindOf('/* c */');
    } else if (isIdentStart(c)) {
      const lower = c | 0x20;
      if (next === QUOTE && (lower === E || lower === B || lower === X)) {
        end = stringEnd(sql, i + 1, lower === E);
        kind = kindOf(lower === E ? "E'a'" : lower === B ? "B'1'" : "X'1'");
        // A quote inside a bit or hex string: PostgreSQL's rules for it are not this lexer's.
        if (end !== undefined && lower !== E && sql.slice(i + 2, end - 1).includes("'")) end = undefined;
      } else if (next === QUOTE && lower === N) {
        // N'…': the scanner sends the N as the NCHAR keyword, then the string.
        end = i + 1;
        kind = 'keyword';
      } else if (next === AMP && lower === U && (sql.charCodeAt(i + 2) === QUOTE || sql.charCodeAt(i + 2) === DQUOTE)) {
        const quote = sql.charCodeAt(i + 2);
        end = quote === QUOTE ? stringEnd(sql, i + 2, false) : quotedNameEnd(sql, i + 2);
        kind = kindOf(quote === QUOTE ? "U&'a'" : 'U&"a"');
      } else {
        end = i + 1;
        while (end < n && isIdentCont(sql.charCodeAt(end))) end++;
        kind = wordKind(sql.slice(i, end));
      }
    } else if (c === QUOTE) {
      end = stringEnd(sql, i, false);
      kind = kindOf("'a'");
    } else if (c === DQUOTE) {
      end = quotedNameEnd(sql, i);
      kind = kindOf('"a"');
    } else if (c === DOLLAR) {
      if (isDigit(next)) {
        end = i + 1;
        while (end < n && isDigit(sql.charCodeAt(end))) end++;
        if (end < n && isIdentCont(sql.charCodeAt(end))) end = undefined;
        kind = kindOf('$1');
      } else {
        end = dollarQuoteEnd(sql, i);
        kind = kindOf('$$a$$');
      }
    } else if (isDigit(c) || (c === DOT && isDigit(next))) {
      end = numberEnd(sql, i);
      if (end !== undefined) kind = textKind(sql.slice(i, end));
    } else if (c === COLON && (next === COLON || next === EQUALS)) {
      end = i + 2;
      kind = textKind(sql.slice(i, end));
    } else if (c === DOT && next === DOT) {
      end = i + 2;
      kind = textKind('..');
    } else if (OP_CHARS.includes(sql[i]!)) {
      end = operatorEnd(sql, i);
      kind = textKind(sql.slice(i, end));
    } else {
      // `,()[].;:` and any other single character: a token of its own.
      end = i + 1;
      kind = textKind(sql[i]!);
    }
    if (end === undefined || !push(i, end, kind)) return undefined;
    i = end;
  }
  return tokens;
}

const DASH = 45;
const SLASH = 47;
const STAR = 42;
const QUOTE = 39;
const DQUOTE = 34;
const DOLLAR = 36;
const DOT = 46;
const COLON = 58;
const EQUALS = 61;
const AMP = 38;
const BACKSLASH = 92;
const E = 101;
const B = 98;
const X = 120;
const N = 110;
const U = 117;

/** PostgreSQL's `space`: [ \t\n\r\f\v]. */
const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number) => c >= 48 && c <= 57;
/** `ident_start`: [A-Za-z\200-\377_], every non-ASCII character included (the scanner reads UTF-8 bytes). */
const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
/** `ident_cont`: ident_start, digits and `$`. */
const isIdentCont = (c: number) => isIdentStart(c) || isDigit(c) || c === DOLLAR;
/** `op_chars`: what a multi-character operator is made of. */
const OP_CHARS = '~!@#^&|`?+-*/%<>=';

/** The end of a `--` comment: the end of its line, the newline left out. */
function lineEnd(sql: string, from: number): number {
  let i = from;
  while (i < sql.length && sql[i] !== '\n' && sql[i] !== '\r') i++;
  return i;
}

/** The end of a `/* … *\/` comment, nested ones included; undefined when it does not end. */
function blockCommentEnd(sql: string, from: number): number | undefined {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql[i] === '/' && sql[i + 1] === '*') {
      depth++;
      i += 2;
    } else if (sql[i] === '*' && sql[i + 1] === '/') {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return undefined;
}

/**
 * The end of a string literal whose opening quote is at `quote`: `''` is a quote inside it, a
 * backslash escapes the next character in an E'…' string, and a string followed by whitespace with
 * a newline and another quoted part continues into it (SQL's continuation). Undefined when it does
 * not end, or when the next quoted part comes after a comment (libpg-query's scanner then ends the
 * string, where scan.l's `quotecontinue` reads on: left to the scanner).
 */
function stringEnd(sql: string, quote: number, escapes: boolean): number | undefined {
  let i = quote + 1;
  for (;;) {
    while (i < sql.length) {
      const c = sql.charCodeAt(i);
      if (escapes && c === BACKSLASH) i += 2;
      else if (c === QUOTE) {
        if (sql.charCodeAt(i + 1) === QUOTE) i += 2;
        else break;
      } else i++;
    }
    if (i >= sql.length) return undefined;
    const close = i + 1;
    const next = continuation(sql, close);
    if (next === undefined) return close;
    if (next.afterComment) return undefined;
    i = next.quote + 1;
  }
}

/**
 * Where the next part of a continued string opens (its quote), or undefined: horizontal
 * whitespace, a newline, then any whitespace, as scan.l's `quotecontinue` (which also passes
 * `--` comments: `afterComment` says one was passed).
 */
function continuation(sql: string, from: number): { quote: number; afterComment: boolean } | undefined {
  let j = from;
  let afterComment = false;
  for (;;) {
    const c = sql.charCodeAt(j);
    if (c === 32 || c === 9 || c === 11 || c === 12) j++;
    else if (c === DASH && sql.charCodeAt(j + 1) === DASH) {
      j = lineEnd(sql, j);
      afterComment = true;
    } else break;
  }
  if (sql[j] !== '\n' && sql[j] !== '\r') return undefined;
  j++;
  for (;;) {
    if (isSpace(sql.charCodeAt(j))) j++;
    else if (sql.charCodeAt(j) === DASH && sql.charCodeAt(j + 1) === DASH) {
      const end = lineEnd(sql, j);
      if (end >= sql.length) return undefined;
      j = end + 1;
      afterComment = true;
    } else break;
  }
  return sql.charCodeAt(j) === QUOTE ? { quote: j, afterComment } : undefined;
}

/** The end of a quoted name (`"a ""b"""`); undefined when it does not end or is empty (an error to PostgreSQL). */
function quotedNameEnd(sql: string, quote: number): number | undefined {
  let i = quote + 1;
  while (i < sql.length) {
    if (sql.charCodeAt(i) === DQUOTE) {
      if (sql.charCodeAt(i + 1) === DQUOTE) i += 2;
      else return i === quote + 1 ? undefined : i + 1;
    } else i++;
  }
  return undefined;
}

/** The end of a dollar-quoted string (`$$…$$`, `$tag$…$tag$`) starting at `from`; undefined when `$` starts none or it does not end. */
function dollarQuoteEnd(sql: string, from: number): number | undefined {
  let i = from + 1;
  if (sql.charCodeAt(i) !== DOLLAR) {
    if (!isIdentStart(sql.charCodeAt(i))) return undefined;
    while (i < sql.length && isIdentCont(sql.charCodeAt(i)) && sql.charCodeAt(i) !== DOLLAR) i++;
    if (sql.charCodeAt(i) !== DOLLAR) return undefined;
  }
  const tag = sql.slice(from, i + 1);
  const close = sql.indexOf(tag, i + 1);
  return close < 0 ? undefined : close + tag.length;
}

/**
 * The end of a number: decimal with `_` between digits, 0x/0o/0b integers, a fraction, an
 * exponent; `1..2` ends before the `..`. Undefined when letters follow (PostgreSQL's "trailing
 * junk") or an exponent has no digits.
 */
function numberEnd(sql: string, from: number): number | undefined {
  const digits = (at: number, isDigitOf: (c: number) => boolean): number => {
    let i = at;
    if (!isDigitOf(sql.charCodeAt(i))) return at;
    i++;
    for (;;) {
      if (isDigitOf(sql.charCodeAt(i))) i++;
      else if (sql.charCodeAt(i) === 95 && isDigitOf(sql.charCodeAt(i + 1))) i += 2;
      else return i;
    }
  };
  let i = from;
  const radix = sql[i] === '0' ? (sql[i + 1] ?? '').toLowerCase() : '';
  if (radix === 'x' || radix === 'o' || radix === 'b') {
    const isDigitOf =
      radix === 'x'
        ? (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)
        : radix === 'o'
          ? (c: number) => c >= 48 && c <= 55
          : (c: number) => c === 48 || c === 49;
    let at = i + 2;
    if (sql.charCodeAt(at) === 95) at++;
    const end = digits(at, isDigitOf);
    if (end === at) return undefined;
    return isIdentCont(sql.charCodeAt(end)) ? undefined : end;
  }
  i = digits(i, isDigit);
  if (sql[i] === '.' && sql[i + 1] === '.') return i;
  if (sql[i] === '.') i = digits(i + 1, isDigit);
  if (sql[i] === 'e' || sql[i] === 'E') {
    let at = i + 1;
    if (sql[at] === '+' || sql[at] === '-') at++;
    const end = digits(at, isDigit);
    if (end === at) return undefined;
    i = end;
  }
  return isIdentCont(sql.charCodeAt(i)) ? undefined : i;
}

/**
 * The end of an operator: the longest run of op_chars, cut before a `--` or `/*` inside it, and
 * without trailing `+`/`-` unless it holds one of ~!@#^&|`?% (so `a*-1` is `*` then `-`).
 */
function operatorEnd(sql: string, from: number): number {
  let end = from;
  while (end < sql.length && OP_CHARS.includes(sql[end]!)) end++;
  const run = sql.slice(from, end);
  let length = run.length;
  for (const start of ['/*', '--']) {
    const at = run.indexOf(start, 1);
    if (at > 0) length = Math.min(length, at);
  }
  if (length > 1 && (run[length - 1] === '+' || run[length - 1] === '-') && !/[~!@#^&|`?%]/.test(run.slice(0, length))) {
    while (length > 1 && (run[length - 1] === '+' || run[length - 1] === '-')) length--;
  }
  return from + length;
}

/** A word's kind: `keyword` when PostgreSQL's scanner reads it as one, else the scanner's name for it (IDENT). */
const words = new Map<string, string | undefined>();
function wordKind(word: string): string | undefined {
  // PostgreSQL's keywords (kwlist.h) are ASCII letters and underscores, matched without case: a word
  // with a digit, `$` or another character is a name, and names are most of a file's distinct words.
  if (!/^[A-Za-z_]+$/.test(word)) return kindOf('a1');
  const key = word.toLowerCase();
  let kind = words.get(key);
  if (kind === undefined && !words.has(key)) {
    const token = soleToken(key);
    kind = token ? (token.keywordKind ? 'keyword' : token.tokenName) : undefined;
    words.set(key, kind);
  }
  return kind;
}

/** The scanner's name for a token with this text, read once from libpg-query's scanner; undefined when the text alone is not one token. */
const texts = new Map<string, string | undefined>();
function textKind(text: string): string | undefined {
  if (texts.has(text)) return texts.get(text);
  const token = soleToken(text);
  const kind = token && !token.keywordKind ? token.tokenName : undefined;
  texts.set(text, kind);
  return kind;
}

/** The kind of a token class (a string, a comment), by a sample of it. */
const kindOf = textKind;

function soleToken(text: string): ReturnType<typeof scanSync>['tokens'][number] | undefined {
  try {
    const tokens = scanSync(text).tokens;
    return tokens.length === 1 && tokens[0]!.start === 0 && tokens[0]!.end === Buffer.byteLength(text, 'utf8') ? tokens[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * libpg_query's offsets count UTF-8 bytes; JavaScript strings index UTF-16 units. One table per
 * text (sql/named-params.ts's helper re-encodes per call, too slow for a 10,000-statement file).
 */
export function byteToChar(text: string): (byteOffset: number) => number {
  // biome-ignore lint: a control-character range is the point of this test
  if (/^[\x00-\x7f]*$/.test(text)) return (b) => b;
  const bytes = Buffer.byteLength(text, 'utf8');
  const table = new Int32Array(bytes + 1);
  let b = 0;
  for (let c = 0; c < text.length; c++) {
    const code = text.codePointAt(c)!;
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < width; k++) table[b + k] = c;
    b += width;
    if (code >= 0x10000) c++;
  }
  table[bytes] = text.length;
  return (byteOffset) => table[Math.max(0, Math.min(byteOffset, bytes))]!;
}
