import { scanSync, type ScanToken } from 'libpg-query';
import { LineIndex } from '../diagnostics/line-index.js';
import { byteToCharOffsets } from './byte-offsets.js';

/** One piece of a SQL script as psql would run it. */
export type ScriptPiece =
  /** A SQL statement, its text from its first token to its semicolon; a `COPY … FROM stdin` carries the data rows that follow it. */
  | { readonly kind: 'statement'; readonly text: string; readonly offset: number; readonly line: number; readonly column: number; readonly copyData?: string }
  /** A psql meta-command (`\connect shop`, `\restrict …`): psql's, not the server's. */
  | { readonly kind: 'meta'; readonly text: string; readonly offset: number; readonly line: number; readonly column: number }
  /** Text the scanner cannot read to its end (an unterminated quote or dollar-quote). */
  | { readonly kind: 'unreadable'; readonly text: string; readonly offset: number; readonly line: number; readonly column: number; readonly message: string };

const COMMENT_TOKENS = new Set(['SQL_COMMENT', 'C_COMMENT']);
/** pg_dump writes `COPY t (a, b) FROM stdin;` on one line, its rows after it and `\.` alone on a line at the end. */
const COPY_FROM_STDIN_LINE = /^[ \t]*COPY\b[^\n]*\bFROM\s+stdin\b[^\n]*;[ \t]*$/im;
const NEXT_META_LINE = /\n[ \t]*\\/g;

/**
 * Splits a script (a pg_dump file, a migration) into statements, psql meta-commands and COPY data,
 * each with its line and column. Statement boundaries come from PostgreSQL's own scanner
 * (libpg-query), so semicolons inside strings, dollar-quoted bodies and comments never split. psql's
 * own syntax (backslash commands, COPY data) is not SQL and no library reads it, so the few lines of
 * it are recognized here by hand: a line starting with `\` between statements, and the rows after a
 * `COPY … FROM stdin;` up to the `\.` line.
 */
export function splitScript(text: string): ScriptPiece[] {
  const lines = new LineIndex(text);
  const at = (offset: number) => lines.position(offset);
  const pieces: ScriptPiece[] = [];
  let pos = 0;
  while (pos < text.length) {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
    if (pos >= text.length) break;
    if (text[pos] === '\\') {
      const end = lineEnd(text, pos);
      pieces.push({ kind: 'meta', text: text.slice(pos, end).trimEnd(), offset: pos, ...at(pos) });
      pos = end + 1;
      continue;
    }
    let chunkEnd = nextMetaLine(text, pos);
    const copyLine = COPY_FROM_STDIN_LINE.exec(text.slice(pos, chunkEnd));
    if (copyLine) chunkEnd = pos + copyLine.index + copyLine[0].length;
    let tokens: ScanToken[] | undefined;
    let chunk = '';
    // A backslash line inside a string or a function body is not a meta-command: read on past it.
    while (!tokens) {
      try {
        chunk = text.slice(pos, chunkEnd);
        tokens = scanSync(chunk).tokens;
      } catch (error) {
        if (chunkEnd >= text.length) {
          // The statements before the bad text still count: keep the longest run of whole lines that scans.
          const good = longestScannablePrefix(text, pos);
          if (good > pos) {
            const prefix = text.slice(pos, good);
            const char = byteToCharOffsets(prefix);
            const whole = scanSync(prefix).tokens.map((t) => ({ ...t, start: char(t.start), end: char(t.end) }));
            const lastSemicolon = whole.findLastIndex((t) => t.text === ';');
            if (lastSemicolon >= 0) {
              statementsOf(text, pos, whole.slice(0, lastSemicolon + 1), pieces, at);
              pos += whole[lastSemicolon]!.end;
              while (pos < text.length && /\s/.test(text[pos]!)) pos++;
            }
          }
          pieces.push({ kind: 'unreadable', text: text.slice(pos).trim(), offset: pos, ...at(pos), message: scanMessage(error) });
          return pieces;
        }
        chunkEnd = nextMetaLine(text, chunkEnd + 1);
      }
    }
    const char = byteToCharOffsets(chunk);
    const inChars = tokens.map((t) => ({ ...t, start: char(t.start), end: char(t.end) }));
    const next = statementsOf(text, pos, inChars, pieces, at);
    pos = next ?? chunkEnd;
  }
  return pieces;
}

/** Adds the chunk's statements; returns where to go on after a COPY's data, or undefined to go on at the chunk's end. */
function statementsOf(
  text: string,
  base: number,
  tokens: readonly ScanToken[],
  pieces: ScriptPiece[],
  at: (offset: number) => { line: number; column: number },
): number | undefined {
  let first: ScanToken | undefined;
  let words: string[] = [];
  for (const token of tokens) {
    if (COMMENT_TOKENS.has(token.tokenName)) continue;
    if (token.text !== ';') {
      first ??= token;
      if (words.length < 64) words.push(token.text.toUpperCase());
      continue;
    }
    if (!first) continue; // an empty statement: `;;`
    const start = base + first.start;
    const end = base + token.end;
    const statement = { kind: 'statement' as const, text: text.slice(start, end), offset: start, ...at(start) };
    if (words[0] === 'COPY' && words.some((w, i) => w === 'FROM' && words[i + 1] === 'STDIN')) {
      const dataStart = lineEnd(text, end) + 1;
      const terminator = /^\\\.[ \t]*$/m.exec(text.slice(dataStart));
      const dataEnd = terminator ? dataStart + terminator.index : text.length;
      pieces.push({ ...statement, copyData: text.slice(dataStart, dataEnd) });
      return terminator ? lineEnd(text, dataEnd) + 1 : text.length;
    }
    pieces.push(statement);
    first = undefined;
    words = [];
  }
  if (first) {
    // The last statement of a file may lack its semicolon; psql runs it all the same.
    const start = base + first.start;
    const last = tokens[tokens.length - 1]!;
    pieces.push({ kind: 'statement', text: text.slice(start, base + last.end), offset: start, ...at(start) });
  }
  return undefined;
}

/** The end of the longest prefix of `text` from `from`, ending at a line's end, that the scanner reads (a binary search over lines). */
function longestScannablePrefix(text: string, from: number): number {
  const ends: number[] = [];
  for (let i = text.indexOf('\n', from); i >= 0; i = text.indexOf('\n', i + 1)) ends.push(i);
  let [low, high, best] = [0, ends.length - 1, from];
  while (low <= high) {
    const mid = (low + high) >> 1;
    try {
      scanSync(text.slice(from, ends[mid]));
      best = ends[mid]!;
      low = mid + 1;
    } catch {
      high = mid - 1;
    }
  }
  return best;
}

const lineEnd = (text: string, from: number): number => {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
};

function nextMetaLine(text: string, from: number): number {
  NEXT_META_LINE.lastIndex = from;
  const match = NEXT_META_LINE.exec(text);
  return match ? match.index + 1 : text.length;
}

/**
 * libpg-query's scanner fails on an unterminated literal with a message its own JSON reading garbles
 * ("Unexpected token 'u', \"unterminat\"…"): the one case it fails on, said plainly.
 */
function scanMessage(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return /unterminat/i.test(message) ? 'an unterminated quoted string, quoted identifier, comment or dollar-quoted body' : message;
}
