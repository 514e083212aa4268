import type { AlterTableCmd, ColumnDef, Node } from 'libpg-query';
import type { Fix, Severity, TextEdit } from '../../../diagnostics/diagnostic.js';
import type { Finding } from '../../../diagnostics/rule.js';
import { textEditAt } from '../../../diagnostics/text-edit.js';
import type { StatementLock, TableLockMode } from '../../../dialects/locks.js';
import { pgKeywordKind } from '../../../sql/pg-parser.js';
import { factsOf, isNewTable, type LintContext, type LintStatement, type LintToken, locationAt, sizeSeverity } from '../context.js';

/** `ACCESS EXCLUSIVE`, as PostgreSQL's documentation and LOCK TABLE spell the mode. */
export const modeWords = (mode: TableLockMode): string => mode.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();

const WORK = { rewrite: 'rewrites every row', scan: 'reads every row', metadata: 'changes only the catalog' } as const;

/** "takes an ACCESS EXCLUSIVE lock on `t` (reads and writes wait) and rewrites every row". */
export function describeLock(lock: StatementLock): string {
  const waits = lock.blocks === 'nothing' ? 'nothing waits' : `${lock.blocks} wait`;
  const on = lock.object === 'index' ? `the table of index \`${lock.relation}\`` : `\`${lock.relation}\``;
  return `takes a${/^[AEIOU]/.test(modeWords(lock.mode)) ? 'n' : ''} ${modeWords(lock.mode)} lock on ${on} (${waits}) and ${WORK[lock.work]}`;
}

/** The statement's locks on tables that existed before the file: a table the file created has no rows and no readers yet. */
export function existingLocks(statement: LintStatement, match?: (lock: StatementLock) => boolean): StatementLock[] {
  let all = existing.get(statement);
  if (!all) {
    all = statement.locks.filter((l) => l.relation !== '' && !(l.object === 'table' && isNewTable(statement, l.relation)));
    existing.set(statement, all);
  }
  return match ? all.filter(match) : all;
}

// Every rule asks the same questions of each statement: the answers are kept per statement (a 10,000-statement file is linted by 25 rules).
const existing = new WeakMap<LintStatement, StatementLock[]>();
const commands = new WeakMap<LintStatement, AlterTableCmd[]>();
const definitions = new WeakMap<LintStatement, ReturnType<typeof readColumnDefinitions>>();
const memo = <T>(cache: WeakMap<LintStatement, T>, statement: LintStatement, make: (s: LintStatement) => T): T => {
  let value = cache.get(statement);
  if (value === undefined) {
    value = make(statement);
    cache.set(statement, value);
  }
  return value;
};

/** A finding on a lock whose cost grows with the table: its severity from the table's facts, the facts in the message. */
export function sizedFinding(
  context: LintContext,
  lock: StatementLock,
  base: Severity,
  finding: Omit<Finding, 'severity'> & { readonly message: string },
): Finding {
  const { severity, because } = sizeSeverity(factsOf(context, lock.relation, lock.object), base);
  return { ...finding, message: `${finding.message}${because}`, severity };
}

export const at = locationAt;

/** The statement's ALTER TABLE subcommands, in order. */
export const alterCommands = (statement: LintStatement): AlterTableCmd[] =>
  memo(commands, statement, (s) =>
    'AlterTableStmt' in s.node ? (s.node.AlterTableStmt.cmds ?? []).flatMap((c) => ('AlterTableCmd' in c ? [c.AlterTableCmd] : [])) : [],
  );

/** The table an ALTER TABLE statement alters, as written. */
export const alteredTable = (statement: LintStatement): string => {
  const r = 'AlterTableStmt' in statement.node ? statement.node.AlterTableStmt.relation : undefined;
  return r ? [r.schemaname, r.relname].filter(Boolean).join('.') : '';
};

/**
 * The columns an ALTER TABLE adds to a table that existed before the file, each with the lock the
 * dialect's table gives its ADD COLUMN (one per subcommand, in order: dialects/postgres/locks.ts).
 * Empty for a table the file created.
 */
export function columnsAddedToExisting(statement: LintStatement): { table: string; def: ColumnDef; lock: StatementLock | undefined }[] {
  const table = alteredTable(statement);
  if (!existingLocks(statement, (l) => l.relation === table).length) return [];
  const addLocks = statement.locks.filter((l) => l.action.startsWith('ADD COLUMN'));
  const adds = alterCommands(statement).flatMap((c) => (c.subtype === 'AT_AddColumn' && c.def && 'ColumnDef' in c.def ? [c.def.ColumnDef] : []));
  return adds.map((def, i) => ({ table, def, lock: addLocks[i] }));
}

/** Every column definition the statement makes: CREATE TABLE's, ADD COLUMN's and ALTER COLUMN … TYPE's (with the column's name). */
export const columnDefinitions = (statement: LintStatement) => memo(definitions, statement, readColumnDefinitions);

function readColumnDefinitions(statement: LintStatement): { column: string; def: ColumnDef; table: string; tableElts?: readonly Node[] }[] {
  const node = statement.node;
  if ('CreateStmt' in node) {
    const s = node.CreateStmt;
    const table = [s.relation?.schemaname, s.relation?.relname].filter(Boolean).join('.');
    return (s.tableElts ?? []).flatMap((e) =>
      'ColumnDef' in e ? [{ column: e.ColumnDef.colname ?? '', def: e.ColumnDef, table, tableElts: s.tableElts ?? [] }] : [],
    );
  }
  const table = alteredTable(statement);
  return alterCommands(statement).flatMap((c) => {
    if (!c.def || !('ColumnDef' in c.def)) return [];
    if (c.subtype === 'AT_AddColumn') return [{ column: c.def.ColumnDef.colname ?? '', def: c.def.ColumnDef, table }];
    if (c.subtype === 'AT_AlterColumnType') return [{ column: c.name ?? '', def: c.def.ColumnDef, table }];
    return [];
  });
}

/** The type's last name (`int4`, `bpchar`), without `pg_catalog`. */
export function typeName(def: ColumnDef): string {
  const names = def.typeName?.names ?? [];
  const last = names[names.length - 1];
  return last && 'String' in last ? (last.String.sval ?? '') : '';
}

/** The token at (or first after) a file offset, within the statement. */
export const tokenAt = (statement: LintStatement, offset: number): LintToken | undefined => statement.tokens.find((t) => t.end > offset);

/** The first run of tokens spelling the keywords, from token `from` on: SET NOT NULL. */
export function keywordRun(statement: LintStatement, keywords: readonly string[], from = 0): LintToken | undefined {
  const t = statement.tokens;
  for (let i = from; i + keywords.length <= t.length; i++) if (keywords.every((k, j) => t[i + j]!.keyword === k)) return t[i];
  return undefined;
}

/** An edit inserting text at a file offset. */
export const insertAt = (context: LintContext, offset: number, text: string): TextEdit => textEditAt(context.file, context.lines, offset, offset, text);

export const replaceRange = (context: LintContext, start: number, end: number, text: string): TextEdit =>
  textEditAt(context.file, context.lines, start, end, text);

export const fix = (description: string, ...edits: TextEdit[]): Fix => ({ description, edits });

/** An identifier as SQL: bare when PostgreSQL's scanner reads it back as the same name, else double-quoted. */
export function quoteName(name: string): string {
  if (/^[a-z_][a-z0-9_$]*$/.test(name) && (pgKeywordKind(name) === 'none' || pgKeywordKind(name) === 'unreserved')) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

export const qualified = (name: string): string => name.split('.').map(quoteName).join('.');
