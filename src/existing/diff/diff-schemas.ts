import type { DialectDiff } from '../../dialects/diff.js';
import { type Change, type RenameCandidate, type RenameHint, type SchemaDiff, tableKey } from '../../model/change.js';
import type { Schema, Table } from '../../model/schema.js';
import { compareText } from './compare-text.js';
import { diffEnums } from './diff-enums.js';
import { diffNative } from './diff-native.js';
import { diffTable } from './diff-table.js';
import { neutralDiff } from './neutral-diff.js';
import { sortCandidates, tableRenameCandidates } from './rename-candidates.js';
import { applyRenames, confirmRenames } from './rename-hints.js';

export interface DiffOptions {
  /** Confirmed renames (`--rename old=new`); a hint that names nothing throws a RenameHintError. */
  readonly renames?: readonly RenameHint[];
  /** The dialect's comparison (`Dialect.diff`, see `diffHooksFor`); without it SQL is compared as written. */
  readonly hooks?: DialectDiff;
}

/**
 * The changes that turn `from` into `to` (Atlas's generic differ): pure and deterministic. Tables
 * match by namespace and name, their parts by name; a confirmed rename turns a drop and an add
 * into a rename, and any other likely rename is listed as a candidate while its drop and add stay.
 * Changes come enums first, then tables in name order (each: rename, add or drop, then its
 * columns, constraints, indexes, row security and policies), native objects last.
 */
export function diffSchemas(from: Schema, to: Schema, options: DiffOptions = {}): SchemaDiff {
  const hooks = options.hooks ?? neutralDiff;
  const renames = confirmRenames(from, to, options.renames ?? []);
  const source = applyRenames(from, renames);
  const sourceKeyOf = new Map([...renames.tables].map(([old, renamed]) => [renamed, old]));

  const [before, after] = [new Map(source.tables.map((t) => [tableKey(t), t])), new Map(to.tables.map((t) => [tableKey(t), t]))];
  const original = new Map(from.tables.map((t) => [tableKey(t), t]));
  const candidates: RenameCandidate[] = [];
  const dropped: Table[] = [];
  const added: Table[] = [];
  const groups: { readonly key: string; readonly changes: Change[] }[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort(compareText)) {
    const [a, b] = [before.get(key), after.get(key)];
    const changes: Change[] = [];
    if (!a) {
      changes.push({ kind: 'add-table', table: b! });
      added.push(b!);
    } else if (!b) {
      changes.push({ kind: 'drop-table', table: original.get(key)! });
      dropped.push(a);
    } else {
      const sourceKey = sourceKeyOf.get(key) ?? key;
      if (sourceKey !== key) changes.push({ kind: 'rename-table', from: sourceKey, to: key });
      changes.push(...diffTable({ from: a, to: b, key, sourceKey, columnRenames: renames.columns.get(key) ?? new Map() }, hooks, candidates));
    }
    if (changes.length) groups.push({ key, changes });
  }
  candidates.push(...tableRenameCandidates(dropped, added));
  return {
    changes: [...diffEnums(source.enums, to.enums), ...groups.flatMap((g) => g.changes), ...diffNative(source, to, hooks)],
    renameCandidates: sortCandidates(candidates),
  };
}
