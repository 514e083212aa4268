import { type Change, type Constraint, type RenameCandidate, type RenameHint, type SchemaDiff, tableKey } from '../../model/change.js';
import type { EnumType, Index, Schema, Table } from '../../model/schema.js';
import {
  columnSignature,
  expressionText,
  foreignKeySignature,
  policySignature,
  rowSecurityOf,
  sameCheck,
  sameDefault,
  sameIndex,
  typeText,
} from './compare.js';
import { columnCandidates, type ResolvedRenames, resolveRenames, tableCandidates } from './renames.js';

export interface DiffOptions {
  /** Confirmed renames (`orders=purchases`, `orders.total=orders.amount`); everything else that differs is a drop and an add. */
  readonly renames?: readonly RenameHint[];
}

const byName = <T extends { readonly name: string }>(items: readonly T[]) => new Map(items.map((i) => [i.name, i]));
const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Whether `a` keeps its order inside `b`: then `b` only inserts values, which ADD VALUE can do. */
function isSubsequence(a: readonly string[], b: readonly string[]): boolean {
  let i = 0;
  for (const value of b) if (value === a[i]) i++;
  return i === a.length;
}

function diffEnums(from: readonly EnumType[], to: readonly EnumType[]): Change[] {
  const out: Change[] = [];
  const [a, b] = [byName(from), byName(to)];
  for (const e of [...from].sort((x, y) => x.name.localeCompare(y.name))) if (!b.has(e.name)) out.push({ kind: 'drop-enum', enum: e });
  for (const e of [...to].sort((x, y) => x.name.localeCompare(y.name))) {
    const old = a.get(e.name);
    if (!old) out.push({ kind: 'add-enum', enum: e });
    else if (sameList(old.values, e.values)) continue;
    else if (isSubsequence(old.values, e.values)) {
      e.values.forEach((value, i) => {
        if (old.values.includes(value)) return;
        // Values are added in order, so the one before it exists by then.
        out.push(
          i > 0
            ? { kind: 'add-enum-value', enum: e.name, value, after: e.values[i - 1]! }
            : { kind: 'add-enum-value', enum: e.name, value, before: e.values[1]! },
        );
      });
    } else out.push({ kind: 'replace-enum', from: old, to: e });
  }
  return out;
}

interface TablePair {
  readonly from: Table;
  readonly to: Table;
  readonly key: string;
}

function constraintsOf(t: Table) {
  return {
    uniques: t.uniques.map((u) => ({ kind: 'unique' as const, name: u.name, columns: u.columns })),
    foreignKeys: t.foreignKeys.map((foreignKey) => ({ kind: 'foreign-key' as const, foreignKey })),
    checks: t.checks.map((check) => ({ kind: 'check' as const, check })),
  };
}

function diffTable(pair: TablePair, renames: ResolvedRenames, candidates: RenameCandidate[]): Change[] {
  const { from, to, key } = pair;
  const out: Change[] = [];
  const renamedColumns = renames.columns.get(key) ?? new Map<string, string>();
  const column = (name: string) => renamedColumns.get(name) ?? name;
  const renamedTable = (name: string) => renames.tables.get(name) ?? name;

  // Columns: matched by name after the confirmed renames.
  const toColumns = byName(to.columns);
  const matched = new Set<string>();
  const dropped = [];
  for (const c of from.columns) {
    const target = toColumns.get(column(c.name));
    if (!target) {
      dropped.push(c);
      continue;
    }
    matched.add(target.name);
    if (target.name !== c.name) out.push({ kind: 'rename-column', table: key, from: c.name, to: target.name });
    const typeChanged =
      typeText(c.type) !== typeText(target.type) ||
      (c.identity ?? null) !== (target.identity ?? null) ||
      columnSignature(c) !== columnSignature({ ...target, nullable: c.nullable });
    if (typeChanged) {
      out.push({ kind: 'alter-column-type', table: key, from: c, to: target });
      continue;
    }
    if (c.nullable !== target.nullable) out.push({ kind: 'alter-column-nullability', table: key, column: target.name, nullable: target.nullable });
    if (!sameDefault(c, target)) out.push({ kind: 'alter-column-default', table: key, from: c, to: target });
  }
  const added = to.columns.filter((c) => !matched.has(c.name));
  const position = (name: string) =>
    Math.max(
      from.columns.findIndex((c) => c.name === name),
      to.columns.findIndex((c) => c.name === name),
    );
  candidates.push(...columnCandidates(key, dropped, added, position));
  for (const c of dropped) out.push({ kind: 'drop-column', table: key, column: c });
  for (const c of added) out.push({ kind: 'add-column', table: key, column: c });

  // A dropped object as the plan finds it in the contract phase: after the renames of expand (PostgreSQL
  // renames the columns inside keys and indexes with them), so its reverse rebuilds it over the new names.
  const asRenamed = (c: Constraint): Constraint => {
    switch (c.kind) {
      case 'primary-key':
      case 'unique':
        return { ...c, columns: c.columns.map(column) };
      case 'foreign-key':
        return {
          kind: 'foreign-key',
          foreignKey: { ...c.foreignKey, columns: c.foreignKey.columns.map(column), refTable: renamedTable(c.foreignKey.refTable) },
        };
      case 'check': {
        const rule = c.check.rule;
        return {
          kind: 'check',
          check: { ...c.check, rule: rule.kind === 'expression' ? { ...rule, columns: rule.columns.map(column) } : { ...rule, column: column(rule.column) } },
        };
      }
    }
  };
  const indexAsRenamed = (i: Index): Index => ({
    ...i,
    table: to.name,
    keys: i.keys.map((k) => (k.column !== undefined ? { ...k, column: column(k.column) } : k)),
    include: i.include.map(column),
    where: i.where.map((w) => ({ ...w, column: column(w.column) })),
  });

  // Primary key by its columns (its name is the schema's own choice).
  const pkFrom = from.primaryKey.columns.map(column);
  if (!sameList(pkFrom, to.primaryKey.columns)) {
    if (from.primaryKey.columns.length) out.push({ kind: 'drop-constraint', table: key, constraint: asRenamed({ kind: 'primary-key', ...from.primaryKey }) });
    if (to.primaryKey.columns.length) out.push({ kind: 'add-constraint', table: key, constraint: { kind: 'primary-key', ...to.primaryKey } });
  }

  // Other constraints by name, redefined = dropped and added.
  const [a, b] = [constraintsOf(from), constraintsOf(to)];
  const same = (x: Constraint, y: Constraint): boolean => {
    if (x.kind === 'unique' && y.kind === 'unique') return sameList(x.columns.map(column), y.columns);
    if (x.kind === 'foreign-key' && y.kind === 'foreign-key')
      return (
        foreignKeySignature(x.foreignKey, renamedTable, column) ===
        foreignKeySignature(
          y.foreignKey,
          (n) => n,
          (n) => n,
        )
      );
    if (x.kind === 'check' && y.kind === 'check') return sameCheck(x.check, y.check, column);
    return false;
  };
  const nameOf = (c: Constraint) => (c.kind === 'foreign-key' ? c.foreignKey.name : c.kind === 'check' ? c.check.name : c.kind === 'unique' ? c.name : '');
  for (const group of ['uniques', 'foreignKeys', 'checks'] as const) {
    const left: Constraint[] = a[group];
    const right: Constraint[] = b[group];
    const rightByName = new Map(right.map((c) => [nameOf(c), c]));
    const leftByName = new Map(left.map((c) => [nameOf(c), c]));
    for (const c of left) {
      const other = rightByName.get(nameOf(c));
      if (!other || !same(c, other)) out.push({ kind: 'drop-constraint', table: key, constraint: asRenamed(c) });
    }
    for (const c of right) {
      const other = leftByName.get(nameOf(c));
      if (!other || !same(other, c)) out.push({ kind: 'add-constraint', table: key, constraint: c });
    }
  }

  // Indexes by name.
  const [ia, ib] = [byName(from.indexes), byName(to.indexes)];
  for (const i of from.indexes) {
    const other = ib.get(i.name);
    if (!other || !sameIndex(i, other, column)) out.push({ kind: 'drop-index', index: indexAsRenamed(i) });
  }
  for (const i of to.indexes) {
    const other = ia.get(i.name);
    if (!other || !sameIndex(other, i, column)) out.push({ kind: 'add-index', index: i });
  }

  // Row security and policies.
  const [ra, rb] = [rowSecurityOf(from), rowSecurityOf(to)];
  if (ra.enabled !== rb.enabled || ra.forced !== rb.forced) out.push({ kind: 'alter-row-security', table: key, enabled: rb.enabled, forced: rb.forced });
  const [pa, pb] = [byName(ra.policies), byName(rb.policies)];
  for (const p of ra.policies) {
    const other = pb.get(p.name);
    if (!other || policySignature(other) !== policySignature(p)) out.push({ kind: 'drop-policy', table: key, policy: p });
  }
  for (const p of rb.policies) {
    const other = pa.get(p.name);
    if (!other || policySignature(other) !== policySignature(p)) out.push({ kind: 'add-policy', table: key, policy: p });
  }
  return out;
}

/**
 * Native objects compare only when both sides were read from a database or a SQL file: a spec's
 * design says nothing of them (its triggers and views come back from a database as native objects,
 * and are left out of the comparison).
 */
function diffNative(from: Schema, to: Schema): Change[] {
  if (!from.native || !to.native) return [];
  const keyOf = (o: { kind: string; name: string }) => `${o.kind} ${o.name}`;
  const [a, b] = [new Map(from.native.map((o) => [keyOf(o), o])), new Map(to.native.map((o) => [keyOf(o), o]))];
  const out: Change[] = [];
  for (const o of from.native) {
    const other = b.get(keyOf(o));
    if (!other || expressionText(other.sql) !== expressionText(o.sql)) out.push({ kind: 'drop-native', object: o });
  }
  for (const o of to.native) {
    const other = a.get(keyOf(o));
    if (!other || expressionText(other.sql) !== expressionText(o.sql)) out.push({ kind: 'add-native', object: o });
  }
  return out;
}

/**
 * One generic differ over the model (Atlas's idea): enums, then tables in name order (each with
 * its columns, constraints, indexes and policies), then native objects. Renames happen only by a
 * confirmed hint; other look-alikes are listed as candidates beside their drop and add. Throws
 * `RenameHintError` for a hint that names nothing.
 */
export function diffSchemas(from: Schema, to: Schema, options: DiffOptions = {}): SchemaDiff {
  const renames = resolveRenames(from, to, options.renames ?? []);
  const changes: Change[] = diffEnums(from.enums, to.enums);
  const candidates: RenameCandidate[] = [];
  const toByKey = new Map(to.tables.map((t) => [tableKey(t), t]));
  const pairs: TablePair[] = [];
  const droppedTables: Table[] = [];
  const matched = new Set<string>();
  for (const t of from.tables) {
    const key = renames.tables.get(tableKey(t)) ?? tableKey(t);
    const target = toByKey.get(key);
    if (!target) droppedTables.push(t);
    else {
      pairs.push({ from: t, to: target, key });
      matched.add(key);
    }
  }
  const addedTables = to.tables.filter((t) => !matched.has(tableKey(t)));
  candidates.push(...tableCandidates(droppedTables, addedTables));

  type Entry = { readonly key: string; readonly changes: Change[] };
  const entries: Entry[] = [
    ...droppedTables.map((table) => ({ key: tableKey(table), changes: [{ kind: 'drop-table', table } as Change] })),
    ...addedTables.map((table) => ({ key: tableKey(table), changes: [{ kind: 'add-table', table } as Change] })),
    ...pairs.map((pair) => ({
      key: pair.key,
      changes: [
        ...(tableKey(pair.from) !== pair.key ? [{ kind: 'rename-table', from: tableKey(pair.from), to: pair.key } as Change] : []),
        ...diffTable(pair, renames, candidates),
      ],
    })),
  ];
  entries.sort((x, y) => x.key.localeCompare(y.key));
  for (const e of entries) changes.push(...e.changes);
  changes.push(...diffNative(from, to));
  return { changes, renameCandidates: candidates };
}
