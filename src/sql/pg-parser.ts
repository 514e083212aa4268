import { loadModule, parseSync, scanSync, type ParseResult } from 'libpg-query';

/**
 * The real PostgreSQL parser (libpg_query compiled to WebAssembly). It must be loaded once,
 * asynchronously, before the synchronous calls below; `loadPgParser` is safe to call many times.
 */
let loading: Promise<void> | undefined;
let loaded = false;

export async function loadPgParser(): Promise<void> {
  loading ??= loadModule().then(() => {
    loaded = true;
  });
  return loading;
}

/** The module is shared: libpg-query's own loadModule (as some tests call it) loads it for us too. */
function assertLoaded(): void {
  if (loaded) return;
  try {
    scanSync('x'); // throws until the WASM module is loaded (an empty string always throws)
    loaded = true;
  } catch {
    throw new Error('the PostgreSQL parser is not loaded: await loadPgParser() first');
  }
}

export type PgParse = { readonly ok: true; readonly result: ParseResult } | { readonly ok: false; readonly message: string; readonly offset: number };

/** Parses SQL text; on a syntax error returns the parser's message and the 0-based offset it points at. */
export function parsePg(sql: string): PgParse {
  assertLoaded();
  try {
    return { ok: true, result: parseSync(sql) };
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    return { ok: false, message: (error as Error).message, offset: Math.max(0, details?.cursorPosition ?? 0) };
  }
}

export type KeywordKind = 'none' | 'unreserved' | 'column-name' | 'type-function-name' | 'reserved';
const KINDS: KeywordKind[] = ['none', 'unreserved', 'column-name', 'type-function-name', 'reserved'];
const keywordCache = new Map<string, KeywordKind>();

/** How PostgreSQL's own scanner classifies a word: the source of truth for when to quote. */
export function pgKeywordKind(word: string): KeywordKind {
  assertLoaded();
  let kind = keywordCache.get(word);
  if (kind === undefined) {
    const token = scanSync(word).tokens[0];
    kind = token && token.end - token.start === word.length ? (KINDS[token.keywordKind] ?? 'none') : 'none';
    keywordCache.set(word, kind);
  }
  return kind;
}
