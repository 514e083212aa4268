import { formatCount } from '../../format.js';
import type { Decision } from '../../model/decision.js';
import { derivedName } from '../../model/naming.js';
import type { Index, Schema, Table } from '../../model/schema.js';
import type { StorageModel } from '../../dialects/storage.js';
import { formatBytes } from '../../format.js';
import { formatRate } from '../../format.js';
import { candidatesFor, describeCondition, type Candidate } from './candidate.js';
import { constraintShape, serves } from './serves.js';
import { VolumeStatistics } from './statistics.js';
import { tableAccesses } from './table-access.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { ROWS_PER_UNIT, tableLoads, UNITS_PER_INDEX } from '../workload/plan-load.js';

/** Below this many rows a table is a few pages: a sequential scan is as fast as an index. */
const SMALL_TABLE_ROWS = 1000;
/**
 * rule:index-pays-for-itself. A B-tree costs each write of its table one insertion (the load's
 * UNITS_PER_INDEX); it saves each read it serves the rows a scan would read instead (ROWS_PER_UNIT
 * rows a unit). It is kept when the reads' saving exceeds the writes' cost; BRIN, which summarises
 * page ranges rather than rows, costs writes next to nothing and is never rejected for them.
 */

export interface IndexDerivation {
  readonly schema: Schema;
  readonly decisions: Decision[];
}

/**
 * rule:index-from-pattern. Every index comes from an access pattern: per table access, a candidate
 * (see candidate.ts); candidates already served by a key or by a longer candidate are merged into
 * it; each survivor is weighed by the reads it serves against its table's writes and its size.
 */
export function deriveIndexes(schema: Schema, patterns: readonly WorkloadPattern[], tenants: number | undefined, storage: StorageModel): IndexDerivation {
  const stats = new VolumeStatistics(schema, tenants);
  const decisions: Decision[] = [];
  const byTable = new Map<string, Candidate[]>();
  const servedByKey: Decision[] = [];

  for (const pattern of patterns) {
    for (const access of tableAccesses(pattern, schema, stats)) {
      const table = schema.tables.find((t) => t.name === access.table)!;
      for (const candidate of candidatesFor(access, table, stats.rows(table.name))) {
        const key = [table.primaryKey, ...table.uniques].find((k) => serves(constraintShape(k.columns), candidate) || pinsKey(candidate, k.columns));
        if (key) {
          servedByKey.push(servedDecision(candidate, table, key.name));
          continue;
        }
        byTable.set(table.name, [...(byTable.get(table.name) ?? []), candidate]);
      }
    }
  }

  // Writes per table as the load counts them (plan-load's tableLoads): an index is maintained on each.
  const writeRates = new Map(tableLoads(schema, patterns).map((t) => [t.table, t.insertsPerSecond + t.updatesPerSecond + t.deletesPerSecond]));
  const names = new Set(schema.tables.flatMap((t) => t.indexes.map((i) => i.name)));
  const tables = schema.tables.map((table) => {
    const merged = mergeCandidates(byTable.get(table.name) ?? []);
    const indexes: Index[] = [...table.indexes];
    for (const candidate of merged) {
      const rows = stats.rows(table.name);
      const readRate = sumRates(patterns, candidate.patterns);
      const writeRate = writeRates.get(table.name) ?? 0;
      const size = estimateSize(candidate, table, rows, stats, storage);
      const rejection =
        stats.hasVolume(table.name) && rows < SMALL_TABLE_ROWS
          ? `\`${table.name}\` has ${rows} rows: a sequential scan reads a few pages, as fast as an index`
          : candidate.method !== 'brin' && writeRate > 0 && readRate * (rows / ROWS_PER_UNIT) < writeRate * UNITS_PER_INDEX
            ? `it serves ${formatRate(readRate)} of reads, each saving a scan of up to ${formatCount(rows)} rows (${formatCount(Math.round(readRate * (rows / ROWS_PER_UNIT)))} units/s), but would cost ${formatRate(writeRate)} of writes an insertion each (${formatCount(Math.round(writeRate * UNITS_PER_INDEX))} units/s)`
            : undefined;
      const index = toIndex(candidate, table, names);
      if (rejection) {
        decisions.push(rejectedDecision(candidate, index, rejection));
        continue;
      }
      names.add(index.name);
      indexes.push(index);
      decisions.push(indexDecision(candidate, index, table, { rows, readRate, writeRate, size }));
    }
    return { ...table, indexes };
  });
  return { schema: { ...schema, tables }, decisions: [...decisions, ...dedupeServed(servedByKey)] };
}

/**
 * Equality on every column of a key finds at most one row: an index led by those columns adds no
 * order or coverage a pattern could use (one row needs no sort and one heap fetch), so the key serves it.
 */
function pinsKey(candidate: Candidate, keyColumns: readonly string[]): boolean {
  if (candidate.method !== 'btree' || candidate.equalityCount < keyColumns.length) return false;
  const leading = candidate.keys.slice(0, candidate.equalityCount).map((k) => k.column);
  return keyColumns.every((c) => leading.includes(c));
}

/** Longest first; a candidate another one serves is folded into it (patterns and covering columns). */
function mergeCandidates(candidates: readonly Candidate[]): Candidate[] {
  const sorted = [...candidates].sort((a, b) => b.keys.length - a.keys.length || b.include.length - a.include.length);
  const kept: Candidate[] = [];
  for (const candidate of sorted) {
    const host = kept.findIndex((k) => serves(k, candidate));
    if (host < 0) {
      kept.push(candidate);
      continue;
    }
    const into = kept[host]!;
    const keyColumns = new Set(into.keys.map((k) => k.column));
    kept[host] = {
      ...into,
      include: [...new Set([...into.include, ...candidate.include])].filter((c) => !keyColumns.has(c)),
      patterns: [...new Set([...into.patterns, ...candidate.patterns])],
      reasons: [...into.reasons, ...candidate.reasons],
    };
  }
  // Stable output: in the order the patterns first asked for them.
  return kept.sort((a, b) => candidates.indexOf(firstOf(candidates, a)) - candidates.indexOf(firstOf(candidates, b)));
}

function firstOf(candidates: readonly Candidate[], merged: Candidate): Candidate {
  return candidates.find((c) => merged.patterns.includes(c.patterns[0]!) && c.table === merged.table) ?? candidates[0]!;
}

const sumRates = (patterns: readonly WorkloadPattern[], names: readonly string[]) =>
  patterns.filter((p) => names.includes(p.name)).reduce((sum, p) => sum + p.ratePerSecond, 0);

function estimateSize(candidate: Candidate, table: Table, rows: number, stats: VolumeStatistics, storage: StorageModel): number {
  if (candidate.method === 'brin') return storage.estimateBrinBytes(Math.ceil(rows / 60));
  const type = (c: string) => table.columns.find((x) => x.name === c)?.type ?? { kind: 'text' as const };
  const keyTypes = [...candidate.keys.map((k) => (k.column ? type(k.column) : { kind: 'text' as const })), ...candidate.include.map(type)];
  const share = candidate.where.reduce(
    (s, c) =>
      s *
      (c.op === 'eq'
        ? 1 / stats.distinct(table.name, c.column).distinct
        : c.op === 'in'
          ? c.values.length / stats.distinct(table.name, c.column).distinct
          : 0.5),
    1,
  );
  if (candidate.method === 'gin') return storage.estimateBtreeBytes([{ kind: 'int64' }], rows * 4);
  return storage.estimateBtreeBytes(keyTypes, Math.max(1, Math.round(rows * Math.min(1, share))));
}

function toIndex(candidate: Candidate, table: Table, taken: Set<string>): Index {
  const parts = candidate.keys.map((k) => k.column ?? (k.expression ?? 'expr').replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, ''));
  const suffix = candidate.where
    .flatMap((c) => (c.op === 'eq' ? [String(c.values[0])] : c.op === 'is-null' ? [`no_${c.column}`] : []))
    .map((v) => v.replace(/[^a-z0-9]+/gi, '_'));
  let name = derivedName(table.name, [...parts, ...suffix], candidate.method === 'btree' ? 'idx' : candidate.method);
  for (let n = 2; taken.has(name); n++) name = derivedName(table.name, [...parts, ...suffix, String(n)], 'idx');
  return {
    name,
    table: table.name,
    keys: [...candidate.keys],
    include: [...candidate.include],
    where: [...candidate.where],
    method: candidate.method,
    unique: false,
    reason: `access patterns ${candidate.patterns.join(', ')}`,
  };
}

function keyText(index: Pick<Index, 'keys' | 'include' | 'where' | 'method'>): string {
  const keys = index.keys.map((k) => `${k.column ?? `(${k.expression})`}${k.order === 'desc' ? ' desc' : ''}`).join(', ');
  return `${index.method === 'btree' ? '' : `${index.method} `}(${keys})${index.include.length ? ` include (${index.include.join(', ')})` : ''}${index.where.length ? ` where ${index.where.map(describeCondition).join(' and ')}` : ''}`;
}

function indexDecision(candidate: Candidate, index: Index, table: Table, m: { rows: number; readRate: number; writeRate: number; size: number }): Decision {
  const alternatives: Decision['alternatives'] = [
    { option: 'no index', rejectedBecause: `each call would scan \`${table.name}\` (${formatCount(m.rows)} rows at the spec's volume)` },
  ];
  if (candidate.equalityCount > 0 && candidate.keys.length > candidate.equalityCount)
    alternatives.push({
      option: 'separate single-column indexes',
      rejectedBecause: 'a bitmap AND of them reads every matching entry and cannot return rows in order',
    });
  const sortKey = candidate.keys.slice(candidate.equalityCount).find((k) => k.column);
  if (sortKey && candidate.keys.length > candidate.equalityCount + 1)
    alternatives.push({
      option: 'the range column before the sort column',
      rejectedBecause: 'the index would no longer return rows in ORDER BY order, so every match would be read and sorted',
    });
  if (candidate.where.length)
    alternatives.push({
      option: `a full index with ${candidate.where.map((c) => c.column).join(', ')} as a key`,
      rejectedBecause: 'it holds rows no pattern reads here, so it is larger and a scan passes over them',
    });
  if (candidate.include.length)
    alternatives.push({ option: 'without INCLUDE', rejectedBecause: `every hit would visit the heap for ${candidate.include.join(', ')}` });
  return {
    id: `indexes/${index.name}`,
    area: 'indexes',
    title: `Index ${table.name} ${keyText(index)}`,
    choice: `${index.name} on ${table.name} ${keyText(index)}`,
    rationale: [
      ...candidate.reasons,
      `Weighed: serves ${formatRate(m.readRate)} of reads against ${formatRate(m.writeRate)} of writes to \`${table.name}\`; about ${formatBytes(m.size)} at ${formatCount(m.rows)} rows.`,
    ],
    alternatives,
    evidence: [
      {
        tier: 'derived',
        source: 'rule:index-from-pattern',
        detail: `key order equality → sort → range from the parsed patterns; size from the B-tree formula (docs/capacity.md)`,
      },
    ],
    patterns: [...candidate.patterns],
  };
}

function rejectedDecision(candidate: Candidate, index: Index, because: string): Decision {
  return {
    id: `indexes/rejected/${index.name}`,
    area: 'indexes',
    title: `No index ${index.table} ${keyText(index)}`,
    choice: 'not created',
    rationale: [...candidate.reasons, `Rejected: ${because}.`],
    alternatives: [{ option: `${index.table} ${keyText(index)}`, rejectedBecause: because }],
    evidence: [{ tier: 'derived', source: 'rule:index-from-pattern', detail: 'weighed by read rate, write rate and table size from the spec' }],
    patterns: [...candidate.patterns],
  };
}

function servedDecision(candidate: Candidate, table: Table, key: string): Decision {
  return {
    id: `indexes/served/${table.name}/${candidate.patterns.join('+')}/${key}`,
    area: 'indexes',
    title: `${candidate.patterns.join(', ')} on ${table.name}: served by ${key}`,
    choice: `no new index: ${key} already leads with the columns it needs`,
    rationale: [...candidate.reasons],
    alternatives: [
      {
        option: `a separate index ${table.name} ${keyText({ ...candidate, include: [...candidate.include], where: [...candidate.where], keys: [...candidate.keys] })}`,
        rejectedBecause: `it would duplicate ${key} and be maintained on every write`,
      },
    ],
    evidence: [{ tier: 'derived', source: 'rule:index-from-pattern', detail: `the pattern's equality columns are the leading columns of ${key}` }],
    patterns: [...candidate.patterns],
  };
}

function dedupeServed(decisions: readonly Decision[]): Decision[] {
  const seen = new Set<string>();
  return decisions.filter((d) => !seen.has(d.id) && seen.add(d.id));
}
