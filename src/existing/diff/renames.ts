import { type RenameCandidate, type RenameHint, tableKey } from '../../model/change.js';
import type { Column, Schema, Table } from '../../model/schema.js';
import { columnSignature } from './compare.js';

/** The renames a user confirmed, resolved against both schemas. */
export interface ResolvedRenames {
  /** Old table key -> new table key. */
  readonly tables: ReadonlyMap<string, string>;
  /** New table key -> (old column -> new column). */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

/** A hint that names nothing on one side: the caller reports it as bad input. */
export class RenameHintError extends Error {}

const split = (hint: string): { table: string; column?: string } => {
  const parts = hint.split('.');
  // `table.column`, `schema.table.column`; a lone `schema.table` is told apart by the schemas below.
  return parts.length >= 2 ? { table: parts.slice(0, -1).join('.'), column: parts[parts.length - 1]! } : { table: hint };
};

/** Checks each hint against the two schemas and sorts it into a table or a column rename. */
export function resolveRenames(from: Schema, to: Schema, hints: readonly RenameHint[]): ResolvedRenames {
  const fromTables = new Map(from.tables.map((t) => [tableKey(t), t]));
  const toTables = new Map(to.tables.map((t) => [tableKey(t), t]));
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  for (const hint of hints) {
    if (fromTables.has(hint.from) || toTables.has(hint.to)) {
      if (!fromTables.has(hint.from)) throw new RenameHintError(`--rename ${hint.from}=${hint.to}: the first schema has no table ${hint.from}`);
      if (!toTables.has(hint.to)) throw new RenameHintError(`--rename ${hint.from}=${hint.to}: the second schema has no table ${hint.to}`);
      tables.set(hint.from, hint.to);
      continue;
    }
    const a = split(hint.from);
    const b = split(hint.to);
    const source = fromTables.get(a.table);
    const target = toTables.get(b.table);
    if (!source || a.column === undefined) throw new RenameHintError(`--rename ${hint.from}=${hint.to}: the first schema has no table or column ${hint.from}`);
    if (!target || b.column === undefined) throw new RenameHintError(`--rename ${hint.from}=${hint.to}: the second schema has no table or column ${hint.to}`);
    if (!source.columns.some((c) => c.name === a.column))
      throw new RenameHintError(`--rename ${hint.from}=${hint.to}: ${a.table} has no column ${a.column} in the first schema`);
    if (!target.columns.some((c) => c.name === b.column))
      throw new RenameHintError(`--rename ${hint.from}=${hint.to}: ${b.table} has no column ${b.column} in the second schema`);
    const map = columns.get(b.table) ?? new Map<string, string>();
    map.set(a.column, b.column);
    columns.set(b.table, map);
  }
  return { tables, columns };
}

/** How alike two tables are: the share of columns (by name and definition) they have in common. */
function tableLikeness(a: Table, b: Table): number {
  const sig = (c: Column) => `${c.name}:${columnSignature(c)}`;
  const left = new Set(a.columns.map(sig));
  const common = b.columns.filter((c) => left.has(sig(c))).length;
  return common / Math.max(a.columns.length, b.columns.length, 1);
}

/** Dropped and added tables that look like one renamed (at least half their columns alike), best first. */
export function tableCandidates(dropped: readonly Table[], added: readonly Table[]): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  for (const a of dropped)
    for (const b of added) {
      const confidence = Math.round(tableLikeness(a, b) * 100) / 100;
      if (confidence < 0.5) continue;
      const [from, to] = [tableKey(a), tableKey(b)];
      out.push({
        kind: 'table',
        from,
        to,
        confidence,
        basis: `${Math.round(confidence * 100)}% of the columns alike (names and definitions)`,
        hint: `${from}=${to}`,
      });
    }
  return out.sort((x, y) => y.confidence - x.confidence || x.from.localeCompare(y.from));
}

/** Dropped and added columns of one table with the same definition: a rename, or a coincidence only the user can tell. */
export function columnCandidates(table: string, dropped: readonly Column[], added: readonly Column[], position: (name: string) => number): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  for (const a of dropped)
    for (const b of added) {
      if (columnSignature(a) !== columnSignature(b)) continue;
      const samePlace = position(a.name) === position(b.name);
      const confidence = samePlace ? 0.9 : 0.6;
      out.push({
        kind: 'column',
        table,
        from: a.name,
        to: b.name,
        confidence,
        basis: `the same type and nullability${samePlace ? ', at the same position' : ''}`,
        hint: `${table}.${a.name}=${table}.${b.name}`,
      });
    }
  return out.sort((x, y) => y.confidence - x.confidence || x.from.localeCompare(y.from));
}
