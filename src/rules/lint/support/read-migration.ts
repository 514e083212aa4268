import { type Node, parsePlPgSQLSync } from 'libpg-query';
import type { Position } from '../../../diagnostics/diagnostic.js';
import { LineIndex } from '../../../diagnostics/line-index.js';
import type { DialectLocks } from '../../../dialects/locks.js';
import { nodeTag } from '../../../sql/ast-walk.js';
import { parsePg } from '../../../sql/pg-parser.js';
import type { IgnoreComment, LintContext, LintStatement, LintToken, TableFacts, TimeoutSettings } from '../context.js';
import { byteToChar, lintTokens } from './lexer.js';

/** What the caller knows beyond the file: the dialect's lock table and, where given, the tables' sizes and the spec's enums. */
export interface MigrationFacts {
  readonly locks: DialectLocks;
  readonly tables?: ReadonlyMap<string, TableFacts>;
  readonly indexTables?: ReadonlyMap<string, string>;
  readonly enums?: ReadonlyMap<string, readonly string[]>;
}

export type MigrationRead =
  | { readonly ok: true; readonly context: LintContext }
  | { readonly ok: false; readonly message: string; readonly position: Position };

const IGNORE = /dbarchitect-ignore\s+([a-z0-9/,\s-]+)/i;

/**
 * Parses one migration file (the parser must be loaded: `loadPgParser`) into the lint rules'
 * context: each statement with its span, tokens and locks, the transaction it runs in and the
 * timeouts set before it, the statements of its `DO` blocks, and the ignore comments. A file that
 * does not parse gives the parser's message and the position it points at.
 */
export function readMigration(file: string, text: string, facts: MigrationFacts): MigrationRead {
  const lines = new LineIndex(text);
  const parsed = parsePg(text);
  // The error's cursor counts characters (PostgreSQL's cursorpos); the tree's locations count bytes.
  if (!parsed.ok) return { ok: false, message: parsed.message, position: lines.position(parsed.offset) };
  const toChar = byteToChar(text);

  const statements: LintStatement[] = [];
  const comments: Comment[] = [];
  /** Table name -> the offset of the statement that created it: one map for the file, not a copy per statement. */
  const created = new Map<string, number>();
  const indexTables = new Map(facts.indexTables ?? []);
  const open: number[] = [];
  let session: TimeoutSettings = {};
  let local: TimeoutSettings = {};
  const raw = parsed.result.stmts ?? [];
  let previousEnd = 0;
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const node = r.stmt;
    if (!node) continue;
    const from = toChar(r.stmt_location ?? 0);
    const to = r.stmt_len ? toChar((r.stmt_location ?? 0) + r.stmt_len) : text.length;
    // libpg-query starts the first statement at its first token: the comments before it lie between the previous statement and this one.
    const start = skipTrivia(text, Math.min(from, previousEnd), to, comments);
    previousEnd = to;
    let end = to;
    while (end > start && /[\s;]/.test(text[end - 1]!)) end--;
    if (start >= end) continue;
    const base = {
      transactionDepth: open.length,
      ...(open.length ? { transaction: open[0]! } : {}),
      settings: { ...session, ...local },
      createdBefore: { has: (name: string) => (created.get(name) ?? Number.POSITIVE_INFINITY) < start },
    };
    let tokens: LintToken[] | undefined;
    const sql = text.slice(start, end);
    const statement: LintStatement = {
      node,
      tag: nodeTag(node) ?? '',
      start,
      end,
      sql,
      // Scanned when a rule asks: scanning a 10,000-statement file whole costs more than parsing it.
      get tokens() {
        tokens ??= lintTokens(sql, start).filter((t) => !isComment(t) && t.text !== ';');
        return tokens;
      },
      inTransaction: open.length > 0,
      at: (location: number | undefined) => (location === undefined || location < 0 ? start : toChar(location)),
      locks: facts.locks.locksOf(node),
      ...base,
    };
    statements.push(statement);
    if ('DoStmt' in node) statements.push(...doBlockStatements(statement, text, facts.locks, base));

    // The effects on the state of the statements after it.
    if ('TransactionStmt' in node) {
      const kind = node.TransactionStmt.kind;
      if (kind === 'TRANS_STMT_BEGIN' || kind === 'TRANS_STMT_START') open.push(start);
      else if (kind === 'TRANS_STMT_COMMIT' || kind === 'TRANS_STMT_ROLLBACK' || kind === 'TRANS_STMT_PREPARE') {
        open.length = 0;
        local = {};
      }
    } else if ('VariableSetStmt' in node) {
      const s = node.VariableSetStmt;
      const value = settingValue(s.args?.[0]);
      const apply = (settings: TimeoutSettings): TimeoutSettings => {
        if (s.kind === 'VAR_RESET_ALL') return {};
        const set = s.kind === 'VAR_SET_VALUE' ? value : undefined;
        if (s.name === 'lock_timeout') return { ...settings, lockTimeout: set };
        if (s.name === 'statement_timeout') return { ...settings, statementTimeout: set };
        return settings;
      };
      // SET LOCAL lasts until the transaction ends; outside one it does nothing (PostgreSQL warns).
      if (s.is_local) local = open.length ? apply(local) : local;
      else session = apply(session);
    } else if ('CreateStmt' in node) {
      addName(created, start, node.CreateStmt.relation?.schemaname, node.CreateStmt.relation?.relname);
    } else if ('CreateTableAsStmt' in node) {
      addName(created, start, node.CreateTableAsStmt.into?.rel?.schemaname, node.CreateTableAsStmt.into?.rel?.relname);
    } else if ('IndexStmt' in node && node.IndexStmt.idxname) {
      indexTables.set(node.IndexStmt.idxname.toLowerCase(), (node.IndexStmt.relation?.relname ?? '').toLowerCase());
    }
  }

  skipTrivia(text, statements.length ? statements[statements.length - 1]!.end : 0, text.length, comments);
  const ignores = ignoreComments(comments, statements);
  return {
    ok: true,
    context: {
      file,
      text,
      lines,
      statements,
      openAtEnd: open.length,
      openTransactions: [...open],
      tables: facts.tables ?? new Map(),
      indexTables,
      enums: facts.enums ?? new Map(),
      ignores,
    },
  };
}

function addName(names: Map<string, number>, at: number, schema: string | undefined, name: string | undefined): void {
  if (!name) return;
  if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), at);
  if (schema && !names.has(`${schema}.${name}`.toLowerCase())) names.set(`${schema}.${name}`.toLowerCase(), at);
}

function settingValue(arg: Node | undefined): string | undefined {
  if (!arg || !('A_Const' in arg)) return undefined;
  const c = arg.A_Const;
  if (c.sval) return c.sval.sval ?? '';
  if (c.ival) return String(c.ival.ival ?? 0);
  return undefined;
}

const isComment = (t: LintToken) => t.kind === 'SQL_COMMENT' || t.kind === 'C_COMMENT';

/** A comment between statements: where it starts and its text. */
interface Comment {
  readonly start: number;
  readonly text: string;
}

/**
 * The offset of the first token at or after `from` (before `to`), passing whitespace, semicolons
 * and comments (`--` to the end of the line, `/* … *\/` nested, as PostgreSQL's scanner reads
 * them), which it collects. Written by hand: only the trivia between statements is needed, and
 * libpg-query's scanner over the whole file costs more than the parse.
 */
function skipTrivia(text: string, from: number, to: number, comments: Comment[]): number {
  let i = from;
  while (i < to) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === ';') i++;
    else if (c === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      const end = nl < 0 ? text.length : nl;
      comments.push({ start: i, text: text.slice(i, end) });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      let depth = 0;
      let j = i;
      while (j < text.length) {
        if (text[j] === '/' && text[j + 1] === '*') depth++, (j += 2);
        else if (text[j] === '*' && text[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      comments.push({ start: i, text: text.slice(i, j) });
      i = j;
    } else break;
  }
  return i;
}

/** Each ignore comment, tied to the first statement that starts after it. */
function ignoreComments(comments: readonly Comment[], statements: readonly LintStatement[]): IgnoreComment[] {
  const starts = statements.filter((s) => s.inDoBlock === undefined).map((s) => s.start);
  return comments.flatMap((t) => {
    const match = IGNORE.exec(t.text.replace(/\*\/$/, ''));
    if (!match) return [];
    const rules = match[1]!
      .split(/[\s,]+/)
      .map((r) => r.trim().replace(/^lint\//, ''))
      .filter(Boolean);
    const next = starts.find((s) => s > t.start);
    return [{ start: t.start, rules, ...(next !== undefined ? { statementStart: next } : {}) }];
  });
}

type DoState = Pick<LintStatement, 'transactionDepth' | 'transaction' | 'settings' | 'createdBefore'>;

/**
 * The SQL statements of a plpgsql `DO` block, read through libpg-query's plpgsql parser: the
 * statements it runs directly and those an `EXECUTE` runs from a string literal. Each is located
 * where its text appears in the body (else at the `DO`), and runs inside the block's transaction.
 */
function doBlockStatements(statement: LintStatement, text: string, locks: DialectLocks, state: DoState): LintStatement[] {
  if (!('DoStmt' in statement.node)) return [];
  const args = (statement.node.DoStmt.args ?? []).flatMap((a) => ('DefElem' in a ? [a.DefElem] : []));
  const language = args.find((a) => a.defname === 'language')?.arg;
  if (language && 'String' in language && language.String.sval !== 'plpgsql') return [];
  const bodyArg = args.find((a) => a.defname === 'as')?.arg;
  const body = bodyArg && 'String' in bodyArg ? (bodyArg.String.sval ?? '') : '';
  const bodyToken = statement.tokens.find((t) => t.kind === 'SCONST');
  const bodyStart = bodyToken ? bodyToken.start : statement.start;
  let tree: unknown;
  try {
    tree = parsePlPgSQLSync(`CREATE FUNCTION dbarchitect_do() RETURNS void LANGUAGE plpgsql AS $dbarchitect_do$${body}$dbarchitect_do$`);
  } catch {
    return [];
  }
  const found: LintStatement[] = [];
  let cursor = bodyStart;
  for (const query of plpgsqlQueries(tree)) {
    const parsed = parsePg(query);
    if (!parsed.ok) continue;
    const at = text.indexOf(query, cursor);
    const located = at >= 0 && bodyToken !== undefined && at < bodyToken.end;
    const offset = located ? at : statement.start;
    if (located) cursor = at + query.length;
    const toChar = byteToChar(query);
    const tokens = located ? lintTokens(query, offset).filter((t) => !isComment(t) && t.text !== ';') : [];
    for (const r of parsed.result.stmts ?? []) {
      if (!r.stmt) continue;
      const from = toChar(r.stmt_location ?? 0);
      const to = r.stmt_len ? toChar((r.stmt_location ?? 0) + r.stmt_len) : query.length;
      const own = tokens.filter((t) => t.start >= offset + from && t.end <= offset + to);
      found.push({
        node: r.stmt,
        tag: nodeTag(r.stmt) ?? '',
        start: own[0]?.start ?? statement.start,
        end: own[own.length - 1]?.end ?? statement.end,
        sql: query.slice(from, to).trim(),
        tokens: own,
        ...state,
        inTransaction: true,
        transaction: state.transaction ?? statement.start,
        at: (location: number | undefined) => (located && location !== undefined && location >= 0 ? offset + toChar(location) : statement.start),
        locks: locks.locksOf(r.stmt),
        inDoBlock: statement.start,
      });
    }
  }
  return found;
}

/** The SQL texts a plpgsql function runs: its statements, and EXECUTE of a string literal (its quotes undone). */
function plpgsqlQueries(tree: unknown): string[] {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    const exec = record.PLpgSQL_stmt_execsql as { sqlstmt?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    if (exec?.sqlstmt?.PLpgSQL_expr?.query) out.push(exec.sqlstmt.PLpgSQL_expr.query);
    const dynamic = record.PLpgSQL_stmt_dynexecute as { query?: { PLpgSQL_expr?: { query?: string } } } | undefined;
    const literal = /^'((?:[^']|'')*)'$/s.exec(dynamic?.query?.PLpgSQL_expr?.query ?? '');
    if (literal) out.push(literal[1]!.replace(/''/g, "'"));
    for (const child of Object.values(record)) walk(child);
  };
  walk(tree);
  return out;
}
