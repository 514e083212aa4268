import type { Constraint } from 'libpg-query';
import type { Check, ForeignKey } from '../../model/schema.js';
import { clauseText } from '../../sql/clause-text.js';
import { byteToCharOffsets } from '../../sql/byte-offsets.js';

type Names = { String?: { sval?: string } }[] | undefined;
export const stringsOf = (list: unknown): string[] => ((list as Names) ?? []).map((n) => n.String?.sval ?? '');

const ACTIONS: Readonly<Record<string, ForeignKey['onDelete']>> = { a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default' };

/** PostgreSQL's default constraint names, as the engine would give them. */
export const defaultName = (table: string, columns: readonly string[], suffix: string) => `${[table, ...columns].join('_')}_${suffix}`;

/** A FOREIGN KEY / REFERENCES clause as the model's reference; `columns` for a column's own REFERENCES. */
export function foreignKeyOf(c: Constraint, table: string, ownNamespace: string, columns?: readonly string[]): ForeignKey {
  const cols = columns ?? stringsOf(c.fk_attrs);
  const refNamespace = c.pktable?.schemaname ?? 'public';
  const refTable = refNamespace === ownNamespace ? (c.pktable?.relname ?? '') : `${refNamespace}.${c.pktable?.relname ?? ''}`;
  const setNull = stringsOf(c.fk_del_set_cols);
  return {
    name: c.conname ?? defaultName(table, cols, 'fkey'),
    columns: [...cols],
    refTable,
    // An omitted list means the referenced table's primary key; the reading leaves it empty when it cannot know it.
    refColumns: stringsOf(c.pk_attrs),
    onDelete: ACTIONS[c.fk_del_action ?? 'a'] ?? 'no-action',
    ...(c.fk_upd_action && c.fk_upd_action !== 'a' ? { onUpdate: ACTIONS[c.fk_upd_action] ?? 'no-action' } : {}),
    ...(setNull.length ? { setNullColumns: setNull } : {}),
    deferrable: c.deferrable === true,
    ...(c.deferrable ? { initiallyDeferred: c.initdeferred === true } : {}),
    ...(c.skip_validation ? { notValid: true } : {}),
  };
}

/** A CHECK clause: its condition as written in the statement, with the columns it names. */
export function checkOf(c: Constraint, table: string, statement: string, columns: readonly string[]): Check {
  const char = byteToCharOffsets(statement);
  const sql = clauseText(statement, char(c.location ?? 0), 'CHECK') ?? '';
  const named = columns.filter((col) => new RegExp(`(^|[^a-z0-9_"])"?${col.replace(/[^a-z0-9_]/gi, '')}"?([^a-z0-9_"]|$)`, 'i').test(sql));
  return {
    name: c.conname ?? defaultName(table, named.slice(0, 1), 'check'),
    rule: { kind: 'expression', sql, columns: named },
    ...(c.skip_validation ? { notValid: true } : {}),
  };
}
