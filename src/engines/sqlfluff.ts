import { execFile } from 'node:child_process';

/**
 * sqlfluff (Debian's `sqlfluff`, or `pip install sqlfluff`) as the parser of dialects no engine here
 * runs: T-SQL, Oracle, ClickHouse and more. It is the most complete maintained multi-dialect SQL
 * parser; nothing on npm parses these dialects' DDL as fully. Spawned without a shell, the script on stdin.
 */
export type SqlfluffParse =
  | {
      readonly status: 'parsed';
      readonly statements: number;
      readonly parser: string;
      /** Statements per kind as the parse tree names them: `{ create_table_statement: 17, … }`. */
      readonly kinds: Readonly<Record<string, number>>;
    }
  | { readonly status: 'failed'; readonly message: string; readonly line?: number; readonly column?: number }
  | { readonly status: 'unavailable'; readonly reason: string };

const BINARY = process.env.DBARCHITECT_SQLFLUFF ?? 'sqlfluff';
const TIMEOUT_MS = 120_000;

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly missing: boolean;
}

function run(args: readonly string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(BINARY, [...args], { timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = (error as { code?: unknown } | null)?.code;
      resolve({ code: typeof code === 'number' ? code : error ? null : 0, stdout, stderr, missing: code === 'ENOENT' });
    });
    child.stdin?.on('error', () => undefined); // a binary that exits early closes stdin: the callback reports it
    child.stdin?.end(input ?? '');
  });
}

let version: Promise<string | undefined> | undefined;

/** `sqlfluff 1.4.5`, or undefined when it is not installed. */
export function sqlfluffVersion(): Promise<string | undefined> {
  version ??= run(['--version']).then((r) => (r.missing || r.code !== 0 ? undefined : r.stdout.trim().replace(/^sqlfluff, version /, 'sqlfluff ')));
  return version;
}

const INSTALL = 'install it with `apt-get install sqlfluff` (Debian) or `pip install sqlfluff`';

/** Parses a script with one of sqlfluff's dialects (`tsql`, `oracle`, `clickhouse`, `postgres`, …). */
export async function parseWithSqlfluff(sql: string, dialect: string): Promise<SqlfluffParse> {
  const parser = await sqlfluffVersion();
  if (!parser) return { status: 'unavailable', reason: `sqlfluff is not installed: ${INSTALL}` };
  const parsed = await run(['parse', '--dialect', dialect, '--format', 'json', '--nocolor', '-'], sql);
  if (parsed.code === null) return { status: 'failed', message: `sqlfluff did not finish within ${TIMEOUT_MS / 1000} s` };
  let tree: unknown;
  try {
    tree = (JSON.parse(parsed.stdout) as { segments: unknown }[])[0]?.segments;
  } catch {
    return { status: 'failed', message: `sqlfluff gave no parse tree: ${parsed.stderr.trim().split('\n')[0] ?? 'no output'}` };
  }
  if (tree && !hasKey(tree, 'unparsable'))
    return { status: 'parsed', statements: countKey(tree, 'statement'), parser: `${parser} (${dialect} dialect)`, kinds: statementKinds(tree) };
  return firstParseError(sql, dialect);
}

/** The parse tree says only that a part failed; sqlfluff's lint names the line and position. */
async function firstParseError(sql: string, dialect: string): Promise<SqlfluffParse> {
  const linted = await run(['lint', '--dialect', dialect, '--rules', 'L001', '--format', 'json', '--nocolor', '-'], sql);
  try {
    const violations =
      (JSON.parse(linted.stdout) as { violations: { line_no: number; line_pos: number; code: string; description: string }[] }[])[0]?.violations ?? [];
    const first = violations.find((v) => v.code === 'PRS');
    if (first) return { status: 'failed', message: first.description.replace(/^Line \d+, Position \d+: /, ''), line: first.line_no, column: first.line_pos };
  } catch {
    // fall through: no location to give
  }
  return { status: 'failed', message: 'sqlfluff could not parse the script' };
}

function hasKey(node: unknown, key: string): boolean {
  if (Array.isArray(node)) return node.some((n) => hasKey(n, key));
  if (node && typeof node === 'object') return Object.entries(node).some(([k, v]) => k === key || hasKey(v, key));
  return false;
}

function countKey(node: unknown, key: string): number {
  if (Array.isArray(node)) return node.reduce((n: number, child) => n + countKey(child, key), 0);
  if (node && typeof node === 'object') return Object.entries(node).reduce((n, [k, v]) => n + (k === key ? 1 : countKey(v, key)), 0);
  return 0;
}

/** The kind of each top-level statement: the first key under it that is not layout. */
function statementKinds(tree: unknown): Record<string, number> {
  const kinds: Record<string, number> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k !== 'statement') {
        visit(v);
        continue;
      }
      const entries = Array.isArray(v) ? v.flatMap((child) => Object.keys(child as object)) : Object.keys(v as object);
      const kind = entries.find((key) => !['whitespace', 'newline', 'comment', 'inline_comment', 'block_comment'].includes(key)) ?? 'statement';
      kinds[kind] = (kinds[kind] ?? 0) + 1;
    }
  };
  visit(tree);
  return kinds;
}
