import type { DialectDiff } from '../../dialects/diff.js';
import type { Change, Constraint, RenameCandidate } from '../../model/change.js';
import { constraintName } from '../../model/change.js';
import type { Column, Index, Policy, Table } from '../../model/schema.js';
import { compareText } from './compare-text.js';
import { columnDefaultKey, columnTypeKey, foreignKeyKey, indexKey, policyKey, rowSecurityOf } from './compare-keys.js';
import { columnRenameCandidates } from './rename-candidates.js';

export interface TablePair {
  /** The source table, renames already applied (`applyRenames`). */
  readonly from: Table;
  readonly to: Table;
  /** The target's table key, which every change names. */
  readonly key: string;
  /** The source's own key for the table, for the hints of candidates. */
  readonly sourceKey: string;
  /** Confirmed column renames of this table: source name -> target name. */
  readonly columnRenames: ReadonlyMap<string, string>;
}

/** A map by name, built once: the differ looks each part up instead of scanning (1,000 tables of 20 columns stay fast). */
const byName = <T>(items: readonly T[], name: (item: T) => string): Map<string, T> => new Map(items.map((i) => [name(i), i]));

/**
 * The changes inside one table that exists on both sides, in the differ's order: column renames,
 * then the columns by name (added, dropped, type, nullability, default), the constraints (drops,
 * then adds, by name), the indexes (the same), row security and the policies.
 */
export function diffTable(pair: TablePair, hooks: DialectDiff, candidates: RenameCandidate[]): Change[] {
  const { from, to, key: table } = pair;
  const changes: Change[] = [];
  for (const [fromName, toName] of [...pair.columnRenames].sort(([a], [b]) => compareText(a, b)))
    changes.push({ kind: 'rename-column', table, from: fromName, to: toName });

  const [before, after] = [byName(from.columns, (c) => c.name), byName(to.columns, (c) => c.name)];
  const names = [...new Set([...before.keys(), ...after.keys()])].sort(compareText);
  const dropped: Column[] = [];
  const added: Column[] = [];
  for (const name of names) {
    const [a, b] = [before.get(name), after.get(name)];
    if (!a) {
      changes.push({ kind: 'add-column', table, column: b! });
      added.push(b!);
      continue;
    }
    if (!b) {
      changes.push({ kind: 'drop-column', table, column: a });
      dropped.push(a);
      continue;
    }
    if (columnTypeKey(a, hooks) !== columnTypeKey(b, hooks)) changes.push({ kind: 'alter-column-type', table, from: a, to: b });
    if (a.nullable !== b.nullable) changes.push({ kind: 'alter-column-nullability', table, column: name, nullable: b.nullable });
    if (columnDefaultKey(a, hooks) !== columnDefaultKey(b, hooks)) changes.push({ kind: 'alter-column-default', table, from: a, to: b });
  }
  if (dropped.length && added.length) candidates.push(...columnRenameCandidates(table, pair.sourceKey, from, to, dropped, added));

  changes.push(
    ...diffNamed(
      constraintsOf(from, hooks),
      constraintsOf(to, hooks),
      (c) => ({ kind: 'drop-constraint', table, constraint: c.part }),
      (c) => ({ kind: 'add-constraint', table, constraint: c.part }),
    ),
  );
  changes.push(
    ...diffNamed(
      indexesOf(from, hooks),
      indexesOf(to, hooks),
      (i) => ({ kind: 'drop-index', index: i.part }),
      (i) => ({ kind: 'add-index', index: i.part }),
      // An index a failed concurrent build left invalid is rebuilt, whatever its definition.
      (a, b) => a.part.valid === false && b.part.valid !== false,
    ),
  );

  const [rsA, rsB] = [rowSecurityOf(from), rowSecurityOf(to)];
  if (rsA.enabled !== rsB.enabled || rsA.forced !== rsB.forced) changes.push({ kind: 'alter-row-security', table, enabled: rsB.enabled, forced: rsB.forced });
  changes.push(
    ...diffNamed(
      policiesOf(rsA.policies, hooks),
      policiesOf(rsB.policies, hooks),
      (p) => ({ kind: 'drop-policy', table, policy: p.part }),
      (p) => ({ kind: 'add-policy', table, policy: p.part }),
    ),
  );
  return changes;
}

/** A named part with the key the comparison uses. */
interface Keyed<T> {
  readonly name: string;
  readonly key: string;
  readonly part: T;
}

/**
 * Parts matched by name: one only in the source is dropped, one only in the target added, one
 * whose key differs (or that `rebuild` says must be remade) dropped and added again. Drops come
 * first, then adds, each in name order.
 */
function diffNamed<T>(
  before: readonly Keyed<T>[],
  after: readonly Keyed<T>[],
  drop: (p: Keyed<T>) => Change,
  add: (p: Keyed<T>) => Change,
  rebuild: (a: Keyed<T>, b: Keyed<T>) => boolean = () => false,
): Change[] {
  const [a, b] = [byName(before, (p) => p.name), byName(after, (p) => p.name)];
  const drops = before.filter((p) => {
    const other = b.get(p.name);
    return !other || other.key !== p.key || rebuild(p, other);
  });
  const dropped = new Set(drops.map((p) => p.name));
  const adds = after.filter((p) => !a.has(p.name) || dropped.has(p.name));
  const order = (x: Keyed<T>, y: Keyed<T>) => compareText(x.name, y.name);
  return [...drops.sort(order).map(drop), ...adds.sort(order).map(add)];
}

function constraintsOf(table: Table, hooks: DialectDiff): Keyed<Constraint>[] {
  const out: Keyed<Constraint>[] = [];
  const keyed = (constraint: Constraint, key: string) => out.push({ name: constraintName(constraint), key, part: constraint });
  if (table.primaryKey.columns.length)
    keyed({ kind: 'primary-key', name: table.primaryKey.name, columns: table.primaryKey.columns }, `primary-key:${table.primaryKey.columns.join(',')}`);
  for (const u of table.uniques) keyed({ kind: 'unique', name: u.name, columns: u.columns }, `unique:${u.columns.join(',')}`);
  for (const fk of table.foreignKeys) keyed({ kind: 'foreign-key', foreignKey: fk }, `foreign-key:${foreignKeyKey(table, fk, hooks)}`);
  for (const check of table.checks) keyed({ kind: 'check', check }, `check:${hooks.checkKey(check)}`);
  return out;
}

const indexesOf = (table: Table, hooks: DialectDiff): Keyed<Index>[] => table.indexes.map((i) => ({ name: i.name, key: indexKey(i, hooks), part: i }));

const policiesOf = (policies: readonly Policy[], hooks: DialectDiff): Keyed<Policy>[] =>
  policies.map((p) => ({ name: p.name, key: policyKey(p, hooks), part: p }));
