import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The runnable examples of the docs: every fenced block whose info string starts with `console`.
 * In it, a line `$ command` is run (a trailing `\` continues it on the next line) and the lines up
 * to the next command are its output (stdout and stderr as a terminal shows them). A line `…`
 * stands for any number of lines. `console requires=postgres` (or `mysql`, or both,
 * comma-separated) runs only where that server is; an HTML comment `<!-- docs-test: load postgres
 * FILE -->` before the block loads FILE into the scratch database first.
 */
export interface DocCommand {
  readonly command: string;
  readonly expected: readonly string[];
  /** Where the expected lines start in the file (0-based), for rewriting them. */
  readonly outputStart: number;
  readonly outputEnd: number;
}

export interface DocBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly requires: readonly ('postgres' | 'mysql')[];
  readonly loads: readonly { readonly server: 'postgres' | 'mysql'; readonly file: string }[];
  readonly commands: readonly DocCommand[];
}

/** The elision line: any number of lines. */
export const ELLIPSIS = '…';

/** The URLs the docs show; the test runs the commands against scratch databases instead. */
export const SHOWN_URLS = { postgres: 'postgres://me@localhost/shop', mysql: 'mysql://me@localhost/shop' } as const;

export function markdownFiles(root: string): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      return e.isDirectory() ? walk(path) : e.name.endsWith('.md') ? [path] : [];
    });
  return ['README.md', ...walk('docs')];
}

export function docBlocks(root: string, file: string): DocBlock[] {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks: DocBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,})console(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const requires = (/requires=(\S+)/.exec(open[2]!)?.[1]?.split(',') ?? []) as ('postgres' | 'mysql')[];
    const loads: { server: 'postgres' | 'mysql'; file: string }[] = [];
    for (let back = i - 1; back >= 0 && lines[back]!.startsWith('<!-- docs-test:'); back--) {
      const load = /^<!-- docs-test: load (postgres|mysql) (\S+) -->$/.exec(lines[back]!);
      if (!load) throw new Error(`${file}:${back + 1}: a docs-test comment reads \`<!-- docs-test: load postgres|mysql FILE -->\``);
      loads.unshift({ server: load[1] as 'postgres' | 'mysql', file: load[2]! });
    }
    const close = lines.findIndex((l, j) => j > i && l === fence);
    if (close < 0) throw new Error(`${file}:${i + 1}: the console block is not closed`);
    const commands: DocCommand[] = [];
    let j = i + 1;
    while (j < close) {
      if (!lines[j]!.startsWith('$ ')) throw new Error(`${file}:${j + 1}: a console block starts with a \`$ command\` line`);
      let command = lines[j]!.slice(2);
      while (command.endsWith('\\') && j + 1 < close) command = `${command.slice(0, -1)}\n${lines[++j]!}`;
      const start = ++j;
      while (j < close && !lines[j]!.startsWith('$ ')) j++;
      commands.push({ command, expected: lines.slice(start, j), outputStart: start, outputEnd: j });
    }
    blocks.push({ file, line: i + 1, requires, loads, commands });
    i = close;
  }
  return blocks;
}

/**
 * What may differ between two runs of the same command: durations (`4.2 s`, `0.031 ms`, `[5.3 s]`),
 * speedups (`(4.7×)`), hashes and timestamps. Everything else (counts, plans, sizes, paths) must match.
 */
export function normalizeOutput(text: string): string {
  return (
    text
      .replace(/\b\d+(?:\.\d+)? ?(?:ms|s)\b/g, '<time>')
      .replace(/\(\d+(?:\.\d+)?×\)/g, '(<n>×)')
      // A plan's hash covers its sides' locations, which name the scratch database a run used.
      .replace(/\b[0-9a-f]{64}\b/g, '<sha256>')
      // A live server's statistics window starts when its counters did.
      .replace(/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z\b/g, '<timestamp>')
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n')
      .replace(/\n+$/, '')
  );
}

/** Whether the actual lines match the expected ones, `…` matching any run of lines; the first mismatch otherwise. */
export function matchLines(expected: readonly string[], actual: readonly string[]): { ok: true } | { ok: false; at: number; expected: string; actual: string } {
  const go = (e: number, a: number): boolean => {
    if (e === expected.length) return a === actual.length;
    if (expected[e] === ELLIPSIS) {
      for (let skip = a; skip <= actual.length; skip++) if (go(e + 1, skip)) return true;
      return false;
    }
    return a < actual.length && expected[e] === actual[a] && go(e + 1, a + 1);
  };
  if (go(0, 0)) return { ok: true };
  // The first line that differs, for the message: the longest matching prefix up to an ellipsis.
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] !== ELLIPSIS && expected[at] === actual[at]) at++;
  return { ok: false, at, expected: expected[at] ?? '(end of output)', actual: actual[at] ?? '(end of output)' };
}

/** The new expected lines for an update: the actual output, keeping one elision's head and tail sizes. */
export function updatedLines(expected: readonly string[], actual: readonly string[]): string[] {
  const at = expected.indexOf(ELLIPSIS);
  if (at < 0) return [...actual];
  const tail = expected.length - at - 1;
  if (at + tail >= actual.length) return [...actual];
  return [...actual.slice(0, at), ELLIPSIS, ...actual.slice(actual.length - tail)];
}

export const scratchName = (): string => `dbarchitect_docs_${randomBytes(5).toString('hex')}`;

export const shownPath = (root: string, path: string): string => relative(root, path);
