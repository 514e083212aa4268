import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';

export type DocPath = readonly (string | number)[];

/** `entities.order.fields.customer`, `access_patterns[2].sql` */
export function formatPath(path: DocPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** Aliases may be used, but a few anchors expanding into millions of nodes (a "billion laughs") may not. */
const MAX_ALIAS_COUNT = 200;

export interface ParsedYaml {
  readonly value: unknown;
  readonly diagnostics: Diagnostic[];
  readonly locate: (path: DocPath, part?: 'key' | 'value') => SourceLocation;
  /** The position of a character inside a string scalar's value (for SQL errors inside the YAML). */
  readonly locateInString: (path: DocPath, offset: number) => SourceLocation;
}

/** Parses YAML keeping every node's position, so later checks can point into the file. */
export function parseYaml(file: string, text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true, strict: true });
  const at = (offset: number, path?: DocPath): SourceLocation => {
    const { line, col } = lineCounter.linePos(offset);
    return { file, line, column: col, ...(path && path.length ? { path: formatPath(path) } : {}) };
  };

  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => ({
    code: e.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : 'yaml/syntax',
    severity: doc.errors.includes(e) ? ('error' as const) : ('warning' as const),
    message: firstLine(e.message),
    fix:
      e.code === 'DUPLICATE_KEY'
        ? 'remove or rename one of the two keys'
        : 'fix the YAML syntax at this place (indentation, a missing colon, an unclosed quote or bracket)',
    location: at(e.pos[0]),
  }));

  let value: unknown = undefined;
  if (!diagnostics.some((d) => d.severity === 'error')) {
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      diagnostics.push({
        code: 'yaml/alias-expansion',
        severity: 'error',
        message: `the document's aliases expand too far (${firstLine(String((error as Error).message))})`,
        fix: `use fewer aliases (at most ${MAX_ALIAS_COUNT} expansions); write the repeated parts out`,
        location: at(0),
      });
    }
  }

  const locate = (path: DocPath, part: 'key' | 'value' = 'value'): SourceLocation => {
    const found = findNode(doc, path, part);
    return at(found?.range?.[0] ?? 0, path);
  };

  const locateInString = (path: DocPath, offset: number): SourceLocation => {
    const node = findNode(doc, path, 'value');
    if (!node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return locate(path);
    return at(scalarSourceOffset(text, node.range[0], node.range[1], node.type, node.value, offset), path);
  };

  return { value, diagnostics, locate, locateInString };
}

function firstLine(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .trim();
}

type Positioned = { range?: [number, number, number] | null };

function findNode(doc: Document, path: DocPath, part: 'key' | 'value'): Positioned | undefined {
  let node: unknown = doc.contents;
  let last: Positioned | undefined = (node as Positioned) ?? undefined;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) node = node.resolve(doc);
    const segment = path[i];
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return last;
      if (i === path.length - 1 && part === 'key') return pair.key as Positioned;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      if (node === undefined) return last;
    } else {
      return last;
    }
    last = node as Positioned;
  }
  return last as YamlNode | undefined;
}

/**
 * Maps an offset in a scalar's parsed value back to the source. Folding, indentation and block
 * headers change only whitespace, so the n-th non-space character of the value is the n-th
 * non-space character of the source after the scalar's opening indicator.
 */
function scalarSourceOffset(text: string, start: number, end: number, type: string | undefined, value: string, offset: number): number {
  let nonSpace = 0;
  for (let i = 0; i < Math.min(offset, value.length); i++) if (!/\s/.test(value[i]!)) nonSpace++;
  let cursor = start;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const newline = text.indexOf('\n', start);
    cursor = newline < 0 ? end : newline + 1;
  } else if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') {
    cursor = start + 1;
  }
  for (; cursor < end; cursor++) {
    if (/\s/.test(text[cursor]!)) continue;
    if (nonSpace === 0) return cursor;
    nonSpace--;
  }
  return Math.min(cursor, Math.max(start, end - 1));
}
