import { formatAmount, formatRate, formatRows, formatVolume } from '../format-amounts.js';
import { LARGE_SCAN_ROWS, type WorkloadFeatures } from '../workload-features.js';
import { STRENGTH_WORDS, strengthScore, type Criterion } from './criterion.js';

/** Criteria weighted by what the workload does: rates, volume and the kinds of queries. */

const TB = 1e12;
/** Reads one node serves per write it could take: an order-of-magnitude assumption for engines without replicas. */
const READS_PER_WRITE_CAPACITY = 10;

export const writeThroughputCriterion: Criterion = {
  name: 'write throughput',
  weight: (f) => {
    const w = f.writes.perSecond;
    return { weight: w >= 10_000 ? 3 : w >= 1_000 ? 2 : 1, why: `peak writes ${formatRate(w)}` };
  },
  judge: ({ engine }, f) => {
    const ceiling = engine.singleNodeWritesPerSecond;
    if (engine.writeScaling === 'native-sharding') {
      // Sharding removes the ceiling, not the bill: many small nodes cost and weigh on operations.
      const nodes = nodesFor(f.writes.perSecond, ceiling);
      const score = nodes <= 3 ? 1 : nodes <= 10 ? 0.9 : nodes <= 30 ? 0.7 : nodes <= 100 ? 0.5 : 0.3;
      return {
        score,
        why: `shards writes: about ${formatAmount(nodes)} node(s) or partitions for ${formatRate(f.writes.perSecond)} at about ${formatRate(ceiling)} each (assumed), before replication`,
      };
    }
    const headroom = ceiling / Math.max(f.writes.perSecond, 1e-9);
    const score = headroom >= 10 ? 1 : headroom >= 3 ? 0.8 : headroom >= 1 ? 0.5 : headroom >= 0.5 ? 0.2 : 0;
    const times = headroom >= 1 ? `${formatAmount(headroom)}× headroom` : `${formatAmount(1 / headroom)}× over`;
    return { score, why: `one writing node, about ${formatRate(ceiling)} (assumed): ${times} at ${formatRate(f.writes.perSecond)}` };
  },
};

export const readThroughputCriterion: Criterion = {
  name: 'read throughput',
  weight: (f) => {
    const r = f.reads.perSecond;
    return { weight: r >= 100_000 ? 3 : r >= 10_000 ? 2 : 1, why: `peak reads ${formatRate(r)}` };
  },
  judge: ({ engine }, f) => {
    if (engine.writeScaling === 'native-sharding') return { score: 1, why: 'reads spread over shards and replicas' };
    if (engine.multiRegion !== 'none' || engine.failover !== 'none') return { score: 1, why: 'read replicas add read capacity' };
    const capacity = engine.singleNodeWritesPerSecond * READS_PER_WRITE_CAPACITY;
    const score = capacity >= f.reads.perSecond * 3 ? 1 : capacity >= f.reads.perSecond ? 0.6 : 0.2;
    return { score, why: `one node, no replicas: about ${formatRate(capacity)} of reads (assumed)` };
  },
};

export const volumeCriterion: Criterion = {
  name: 'data volume',
  weight: (f) => {
    const b = f.volume.bytes;
    return { weight: b >= 10 * TB ? 3 : b >= TB ? 2 : 1, why: `${formatRows(f.volume.rows)}, about ${formatVolume(b)} at the ${f.volume.horizon} horizon` };
  },
  judge: ({ engine }, f) => {
    const bytes = f.volume.bytes;
    if (engine.maxDataBytes !== undefined && bytes > engine.maxDataBytes)
      return { score: 0, why: `beyond its practical limit of ${formatVolume(engine.maxDataBytes)}` };
    if (engine.inMemory) {
      const score = bytes <= 100e9 ? 0.8 : bytes <= TB ? 0.3 : 0;
      return { score, why: `in memory: ${formatVolume(bytes)} of RAM (plus replicas)` };
    }
    if (engine.writeScaling === 'native-sharding') return { score: 1, why: 'data spreads over nodes' };
    const score = bytes <= 2 * TB ? 1 : bytes <= 10 * TB ? 0.6 : bytes <= 50 * TB ? 0.3 : 0.1;
    return { score, why: `one node holds all ${formatVolume(bytes)}` };
  },
};

export const joinsCriterion: Criterion = {
  name: 'joins',
  weight: (f) => {
    if (f.joins.length === 0) return { weight: 0, why: 'no pattern joins tables' };
    const share = readShare(
      f,
      f.joins.map((j) => j.ratePerSecond),
    );
    return { weight: 1 + 2 * share, why: `${f.joins.length} joining pattern(s), ${percent(share)} of reads` };
  },
  judge: ({ engine }) => ({ score: strengthScore(engine.joins), why: `joins: ${STRENGTH_WORDS[engine.joins]}` }),
};

export const secondaryIndexCriterion: Criterion = {
  name: 'secondary indexes',
  weight: (f) => {
    if (f.secondaryAccess.length === 0) return { weight: 0, why: 'each table is read by one path, which a key can serve' };
    const share = readShare(
      f,
      f.secondaryAccess.map((p) => p.ratePerSecond),
    );
    return { weight: 1 + 2 * share, why: `${f.secondaryAccess.length} pattern(s) reach a table by another path than its busiest, ${percent(share)} of reads` };
  },
  judge: ({ engine }) => ({ score: strengthScore(engine.secondaryIndexes), why: `secondary indexes: ${STRENGTH_WORDS[engine.secondaryIndexes]}` }),
};

export const queryLanguageCriterion: Criterion = {
  name: 'query language',
  weight: (f) =>
    f.reads.patterns.length + f.writes.tables.length > 0
      ? { weight: 1, why: 'the access patterns are written in SQL' }
      : { weight: 0, why: 'no access pattern' },
  judge: ({ engine }) => {
    const { kind, name } = engine.queryLanguage;
    const score = { sql: 1, 'sql-like': 0.6, own: 0.3 }[kind];
    const why = {
      sql: `${name}: the patterns run as written`,
      'sql-like': `${name}: the patterns need translating, within the engine's limits`,
      own: `${name}: every pattern is rewritten against its API`,
    }[kind];
    return { score, why };
  },
};

export const analyticsCriterion: Criterion = {
  name: 'aggregation',
  weight: (f) => {
    if (f.aggregates.length === 0) return { weight: 0, why: 'no aggregating pattern' };
    const large = f.aggregates.filter((a) => a.rowsPerCall >= LARGE_SCAN_ROWS);
    if (large.length === 0) return { weight: 0.5, why: `${f.aggregates.length} aggregating pattern(s), each over few rows` };
    const biggest = large.reduce((a, b) => (b.rowsPerCall > a.rowsPerCall ? b : a));
    return { weight: 2, why: `${large.length} aggregation(s) over large ranges (${biggest.pattern}: ${formatRows(biggest.rowsPerCall)} per call)` };
  },
  judge: ({ engine }) => ({ score: strengthScore(engine.analytics), why: `aggregation and analytics: ${STRENGTH_WORDS[engine.analytics]}` }),
};

export const fullTextCriterion: Criterion = {
  name: 'full-text search',
  weight: (f) => {
    if (f.textSearch.length === 0) return { weight: 0, why: 'no text search' };
    const rate = searchRate(f);
    return { weight: 1 + 2 * Math.min(1, rate / 1000), why: `text search at ${formatRate(rate)}` };
  },
  judge: ({ engine }) => ({ score: strengthScore(engine.fullTextSearch), why: `full-text search: ${STRENGTH_WORDS[engine.fullTextSearch]}` }),
};

export const graphCriterion: Criterion = {
  name: 'graph traversal',
  weight: (f) => {
    const { recursive, selfReferences } = f.graph;
    if (recursive.length > 0) {
      const share = readShare(
        f,
        recursive.map((r) => r.ratePerSecond),
      );
      return { weight: 1 + 2 * share, why: `${recursive.length} recursive pattern(s), ${percent(share)} of reads` };
    }
    if (selfReferences.length > 0) return { weight: 0.5, why: `self-references (${selfReferences.join('; ')}) but no recursive pattern` };
    return { weight: 0, why: 'no traversal' };
  },
  judge: ({ engine }) => ({ score: strengthScore(engine.graphTraversal), why: `graph traversal: ${STRENGTH_WORDS[engine.graphTraversal]}` }),
};

export const timeSeriesCriterion: Criterion = {
  name: 'time series',
  weight: (f) => {
    if (f.timeSeries.length === 0) return { weight: 0, why: 'no fast-growing append-only series' };
    const fastest = f.timeSeries.reduce((a, b) => (b.rowsPerSecond > a.rowsPerSecond ? b : a));
    const rate = fastest.rowsPerSecond;
    return { weight: rate >= 10_000 ? 3 : rate >= 1_000 ? 2 : 1, why: `append-only ${fastest.table} by ${fastest.timestampColumn} at ${formatRate(rate)}` };
  },
  judge: ({ engine }) => ({ score: strengthScore(engine.timeSeries), why: `time-series features: ${STRENGTH_WORDS[engine.timeSeries]}` }),
};

/** Room for query needs the spec does not state yet: a spec describes today's patterns, not next year's. */
export const versatilityCriterion: Criterion = {
  name: 'versatility',
  weight: () => ({ weight: 1, why: 'headroom for access patterns the spec does not list yet' }),
  judge: ({ engine }) => {
    const strengths = [engine.joins, engine.secondaryIndexes, engine.analytics, engine.fullTextSearch, engine.graphTraversal, engine.timeSeries];
    const score = sum(strengths) / (3 * strengths.length);
    return { score, why: `joins, indexes, aggregation, text, graph and time series together at ${Math.round(score * 100)}% of the catalog's best` };
  },
};

export const systemOfRecordCriterion: Criterion = {
  name: 'system of record',
  weight: () => ({ weight: 2, why: 'the primary store holds the only copy of the data' }),
  judge: ({ engine }) => {
    const score = { yes: 1, 'with-caveats': 0.3, no: 0 }[engine.systemOfRecord];
    const why = {
      yes: 'durable store of record',
      'with-caveats': 'durability optional or not its purpose: better fed from a store of record',
      no: 'no persistence',
    }[engine.systemOfRecord];
    return { score, why };
  },
};

/** Nodes (or partitions) a sharded engine needs for a write rate; fractions of a row per second do not add a node. */
export function nodesFor(writesPerSecond: number, perNode: number): number {
  return Math.max(1, Math.ceil(Math.round(writesPerSecond) / perNode));
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const readShare = (f: WorkloadFeatures, rates: readonly number[]) => (f.reads.perSecond > 0 ? Math.min(1, sum(rates) / f.reads.perSecond) : 0);
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Text-search calls per second: a pattern with several text predicates counts once. */
export function searchRate(f: WorkloadFeatures): number {
  const byPattern = new Map(f.textSearch.map((t) => [t.pattern, t.ratePerSecond]));
  return sum([...byPattern.values()]);
}

export const WORKLOAD_CRITERIA: readonly Criterion[] = [
  writeThroughputCriterion,
  readThroughputCriterion,
  volumeCriterion,
  joinsCriterion,
  secondaryIndexCriterion,
  queryLanguageCriterion,
  analyticsCriterion,
  fullTextCriterion,
  graphCriterion,
  timeSeriesCriterion,
  versatilityCriterion,
  systemOfRecordCriterion,
];
