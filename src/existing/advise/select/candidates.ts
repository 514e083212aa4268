import { candidatesFor } from '../../../design/indexes/candidate.js';
import { serves } from '../../../design/indexes/serves.js';
import type { VolumeStatistics } from '../../../design/indexes/statistics.js';
import { tableAccesses, type TableAccess } from '../../../design/indexes/table-access.js';
import { derivedName } from '../../../model/naming.js';
import type { Index, IndexKey, Schema, Table } from '../../../model/schema.js';
import { indexesOf } from './existing-indexes.js';
import type { WorkloadQuery } from '../workload/workload.js';

/** An index the search may choose: the model's index, named, with the queries that asked for it. */
export interface CandidateIndex {
  readonly index: Index;
  /** Its identity: what it indexes, independent of its name. */
  readonly key: string;
  /** Queries whose shape proposed it (others may use it too; the plans decide). */
  readonly askedBy: readonly string[];
}

/** Keys past this many are not tried as variants; the shape's own key may be longer where it asks for it. */
export const MAX_VARIANT_WIDTH = 3;
/** Covering columns tried per candidate: a few narrow ones (wide values belong in the heap). */
const MAX_INCLUDE = 4;

export interface CandidateOptions {
  /** Methods the what-if engine can cost: hypopg cannot imagine a GIN index. */
  readonly methods: ReadonlySet<Index['method']>;
}

/**
 * The candidate indexes of a workload, from the same shapes and rules as the design-time indexes
 * (design/indexes: equality → sort → range keys, partial on constant low-cardinality conditions,
 * expression keys, GIN for containment, BRIN for time ranges on large append-only tables), and
 * around each of those the variants a search needs to trade size for benefit: its prefixes up to
 * three columns, each of its columns alone, with and without covering columns, and the partial
 * one as a full one led by its condition columns. Indexes the database already has (or one
 * serving the same lookups with the same columns) are left out. Deterministic: the same workload
 * gives the same candidates, names and order.
 */
export function workloadCandidates(workload: readonly WorkloadQuery[], schema: Schema, stats: VolumeStatistics, options: CandidateOptions): CandidateIndex[] {
  const byKey = new Map<string, { index: Omit<Index, 'name'>; askedBy: Set<string> }>();
  const add = (index: Omit<Index, 'name'>, query: string) => {
    if (!options.methods.has(index.method) || index.keys.length === 0) return;
    const key = identity(index);
    const entry = byKey.get(key) ?? { index, askedBy: new Set<string>() };
    entry.askedBy.add(query);
    byKey.set(key, entry);
  };
  for (const query of workload) {
    if (query.shape.kind === 'other') continue;
    const pattern = { name: query.id, ratePerSecond: query.weight, shape: query.shape };
    for (const access of tableAccesses(pattern, schema, stats)) {
      const table = schema.tables.find((t) => t.name === access.table)!;
      for (const candidate of candidatesFor(access, table, stats.rows(table.name))) {
        const base = {
          table: table.name,
          keys: [...candidate.keys],
          include: [],
          where: [...candidate.where],
          method: candidate.method,
          unique: false,
          reason: '',
        };
        for (const variant of variantsOf(base, access, table)) add(variant, query.id);
      }
    }
  }
  const existing = schema.tables.flatMap((t) => indexesOf(t));
  const taken = new Set(existing.map((i) => i.name));
  const out: CandidateIndex[] = [];
  for (const [key, { index, askedBy }] of byKey) {
    if (existing.some((e) => sameOrServedBy(e, index))) continue;
    const name = nameFor(index, taken);
    taken.add(name);
    out.push({ index: { ...index, name, reason: `asked for by ${[...askedBy].join(', ')}` }, key, askedBy: [...askedBy] });
  }
  return out;
}

/** The shape's own index and the variants around it (see workloadCandidates). */
function variantsOf(base: Omit<Index, 'name'>, access: TableAccess, table: Table): Omit<Index, 'name'>[] {
  if (base.method !== 'btree') return [base];
  const out: Omit<Index, 'name'>[] = [base];
  const keys = base.keys;
  for (let width = 1; width < Math.min(keys.length, MAX_VARIANT_WIDTH + 1); width++) out.push({ ...base, keys: keys.slice(0, width) });
  for (const key of keys.slice(1)) out.push({ ...base, keys: [plain(key)] });
  if (base.where.length) {
    const led: IndexKey[] = [...base.where.map((w) => ({ column: w.column })), ...keys.filter((k) => !base.where.some((w) => w.column === k.column))];
    out.push({ ...base, keys: led.slice(0, Math.max(MAX_VARIANT_WIDTH, base.where.length + 1)), where: [] });
  }
  // Covering: the columns the query reads from this table beyond the key, when they are few and narrow.
  const keyColumns = new Set(keys.flatMap((k) => (k.column ? [k.column] : [])));
  const rest = access.needed.filter((c) => !keyColumns.has(c) && !base.where.some((w) => w.column === c));
  if (!access.star && rest.length > 0 && rest.length <= MAX_INCLUDE && rest.every((c) => narrow(table, c))) out.push({ ...base, include: rest });
  return out;
}

const plain = (key: IndexKey): IndexKey => (key.column ? { column: key.column } : key);

function narrow(table: Table, column: string): boolean {
  const type = table.columns.find((c) => c.name === column)?.type;
  if (!type) return false;
  if (type.kind === 'string') return type.length <= 100;
  return !['text', 'json', 'bytes', 'native'].includes(type.kind);
}

/** What an index indexes: table, method, keys in order with direction, covering columns as a set, condition. */
export function identity(index: Pick<Index, 'table' | 'method' | 'keys' | 'include' | 'where' | 'predicate'>): string {
  return JSON.stringify([
    index.table,
    index.method,
    index.keys.map((k) => [k.column ?? `(${k.expression})`, k.order ?? 'asc', k.opclass ?? '']),
    [...index.include].sort(),
    index.where,
    index.predicate ?? '',
  ]);
}

/** An existing index is this one, or serves the same lookups with every column this one would cover. */
function sameOrServedBy(existing: Index, wanted: Omit<Index, 'name'>): boolean {
  if (existing.valid === false || existing.predicate) return false;
  if (identity(existing) === identity(wanted)) return true;
  const covered = new Set([...existing.keys.flatMap((k) => (k.column ? [k.column] : [])), ...existing.include]);
  return (
    existing.table === wanted.table && serves({ ...existing, equalityCount: 0 }, { ...wanted, equalityCount: 0 }) && wanted.include.every((c) => covered.has(c))
  );
}

function nameFor(index: Omit<Index, 'name'>, taken: ReadonlySet<string>): string {
  const parts = index.keys.map((k) => k.column ?? (k.expression ?? 'expr').replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, ''));
  const suffix = [
    ...(index.include.length ? ['incl'] : []),
    ...index.where
      .flatMap((c) => (c.op === 'eq' ? [String(c.values[0])] : c.op === 'is-null' ? [`no_${c.column}`] : [c.column]))
      .map((v) => v.replace(/[^a-z0-9]+/gi, '_')),
  ];
  const kind = index.method === 'btree' ? 'idx' : index.method;
  let name = derivedName(index.table, [...parts, ...suffix], kind);
  for (let n = 2; taken.has(name); n++) name = derivedName(index.table, [...parts, ...suffix, String(n)], kind);
  return name;
}
