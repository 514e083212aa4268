import { TECHNOLOGY_CATALOG } from './catalog.js';
import { strengthScore, STRENGTH_WORDS, type Criterion } from './criteria/criterion.js';
import { complianceCriterion, costCriterion, hostingCriterion, maturityCriterion, operationsCriterion } from './criteria/requirement-criteria.js';
import { searchRate } from './criteria/workload-criteria.js';
import { hostingDisqualifiers } from './disqualifiers.js';
import type { EngineProfile } from './engine-profile.js';
import { formatRate, formatRows } from './format-amounts.js';
import { describeHosting, hostingFor } from './hosting.js';
import { rankEngines, type RankedEngine } from './rank-engines.js';
import { LARGE_SCAN_ROWS, type WorkloadFeatures } from './workload-features.js';

export type PolyglotRole = 'cache' | 'search' | 'analytics' | 'time-series';

/** A second store beside the primary, for the part of the workload it serves clearly better. */
export interface PolyglotStore {
  readonly role: PolyglotRole;
  /** Catalog id of the engine. */
  readonly engine: string;
  readonly why: string;
  /** How it stays in step with the primary: a transactional outbox, change data capture, or no second write at all. */
  readonly sync: 'outbox' | 'cdc' | 'dual-write-avoided';
  /** What it adds: a system to run, lag, money. */
  readonly cost: string;
}

/** A polyglot store with what the decision needs to explain it. */
export interface PolyglotFinding {
  readonly store: PolyglotStore;
  readonly engine: EngineProfile;
  readonly patterns: readonly string[];
  readonly syncHow: string;
  /** The other candidates for the role, best first. */
  readonly candidates: readonly RankedEngine[];
  /** Why the primary alone was not enough. */
  readonly primaryAlone: string;
}

/** Text search from this rate over a table of at least SEARCH_MIN_ROWS rows is a search engine's job. */
export const SEARCH_MIN_RATE = 200;
export const SEARCH_MIN_ROWS = 1_000_000;
/** Rows per second scanned by aggregations before a columnar store pays for itself. */
export const ANALYTICS_MIN_ROWS_SCANNED_PER_SECOND = 5_000_000;
/** An append-only series this fast, on a primary weak at time series, belongs in a time-series store. */
export const TIME_SERIES_MIN_ROWS_PER_SECOND_FOR_STORE = 1_000;

/**
 * Side stores for the parts of the workload the primary serves poorly: each is another system to
 * run and keep in step, so each must be clearly justified by the workload, never added by default.
 */
export function recommendPolyglot(primary: EngineProfile, features: WorkloadFeatures): PolyglotFinding[] {
  // No cache here: the caching analysis decides per pattern whether a cache pays and names its store,
  // so the design states one cache, the one its patterns use.
  return [searchFinding(primary, features), analyticsFinding(primary, features), timeSeriesFinding(primary, features)].filter(
    (f): f is PolyglotFinding => f !== undefined,
  );
}

function searchFinding(primary: EngineProfile, f: WorkloadFeatures): PolyglotFinding | undefined {
  if (f.textSearch.length === 0 || primary.fullTextSearch >= 3) return undefined;
  const rate = searchRate(f);
  const rows = Math.max(...f.textSearch.map((t) => t.tableRows));
  const heavy = rate >= SEARCH_MIN_RATE && rows >= SEARCH_MIN_ROWS;
  if (!heavy && primary.fullTextSearch >= 1) return undefined;
  const candidates = rankSearchEngines(f);
  const chosen = firstQualified(candidates);
  if (!chosen) return undefined;
  const engine = profile(chosen.id);
  const where = describeHosting(engine, hostingFor(engine, f.requirements));
  const searched = [...new Set(f.textSearch.map((t) => `${t.table}.${t.column}`))].join(', ');
  const sync = primary.changeCapture ? ('cdc' as const) : ('outbox' as const);
  const primaryAlone = heavy
    ? `${primary.name} full-text search (${primary.fullTextIndex ?? 'its built-in index'}) would rank ${formatRate(rate)} of searches over ${formatRows(rows)} on the primary, competing with its transactions, without relevance tuning, typo tolerance or shard-level scale-out`
    : `${primary.name} has no full-text search of its own`;
  return {
    store: {
      role: 'search',
      engine: engine.id,
      why: `${formatRate(rate)} of text search over ${searched} (${formatRows(rows)}): ${heavy ? 'at this rate and size a search engine ranks, scales and tunes relevance better than the primary' : `${primary.name} cannot search text`}`,
      sync,
      cost: `${where} to run; search results lag the primary by the capture pipeline plus the index refresh (seconds); ${sync === 'cdc' ? 'a connector (Debezium on Kafka Connect) to operate; ' : ''}mapping changes need reindexing`,
    },
    engine,
    patterns: unique(f.textSearch.map((t) => t.pattern)),
    syncHow:
      sync === 'cdc'
        ? `change data capture from ${primary.name} (${primary.changeCapture}) feeds the index: the application writes only to the primary`
        : `a transactional outbox: the application writes the row and an outbox event in one ${primary.name} transaction, and a relay indexes the events`,
    candidates,
    primaryAlone,
  };
}

function analyticsFinding(primary: EngineProfile, f: WorkloadFeatures): PolyglotFinding | undefined {
  if (primary.analytics >= 3) return undefined;
  const large = f.aggregates.filter((a) => a.rowsPerCall >= LARGE_SCAN_ROWS);
  const scanned = sum(large.map((a) => a.rowsPerCall * a.ratePerSecond));
  if (scanned < ANALYTICS_MIN_ROWS_SCANNED_PER_SECOND) return undefined;
  // Columnar engines built for scans: the analytics strength of a time-series store, not of a primary.
  const candidates = rankSideStores(
    TECHNOLOGY_CATALOG.filter((e) => e.analytics >= 3 && e.family === 'time-series' && e.id !== primary.id),
    f,
    'analytics',
  );
  const chosen = firstQualified(candidates);
  if (!chosen) return undefined;
  const engine = profile(chosen.id);
  const where = describeHosting(engine, hostingFor(engine, f.requirements));
  const sync = primary.changeCapture ? ('cdc' as const) : ('outbox' as const);
  return {
    store: {
      role: 'analytics',
      engine: engine.id,
      why: `aggregations read about ${formatRows(scanned)} per second (${large.map((a) => `${a.pattern}: ${formatRows(a.rowsPerCall)} × ${formatRate(a.ratePerSecond)}`).join('; ')}): a columnar store scans them at a fraction of the cost and keeps them off ${primary.name}`,
      sync,
      cost: `${where} to run and a second copy of the aggregated tables; results lag the primary by seconds; ${sync === 'cdc' ? 'a capture pipeline to operate' : 'an outbox relay to operate'}`,
    },
    engine,
    patterns: large.map((a) => a.pattern),
    syncHow:
      sync === 'cdc'
        ? `change data capture from ${primary.name} (${primary.changeCapture}) streams rows into ${engine.name}`
        : `a transactional outbox in ${primary.name}, relayed to ${engine.name}`,
    candidates,
    primaryAlone: `${primary.name} (aggregation ${STRENGTH_WORDS[primary.analytics]}) would scan about ${formatRows(scanned)} per second on the primary`,
  };
}

function timeSeriesFinding(primary: EngineProfile, f: WorkloadFeatures): PolyglotFinding | undefined {
  if (primary.timeSeries >= 2) return undefined;
  const series = f.timeSeries.filter((t) => t.rowsPerSecond >= TIME_SERIES_MIN_ROWS_PER_SECOND_FOR_STORE);
  if (series.length === 0) return undefined;
  const candidates = rankSideStores(
    TECHNOLOGY_CATALOG.filter((e) => e.family === 'time-series' && e.timeSeries >= 3),
    f,
    'time-series',
    primary,
  );
  const chosen = firstQualified(candidates);
  if (!chosen) return undefined;
  const engine = profile(chosen.id);
  const inside = engine.extends === primary.id;
  const where = inside ? `the ${engine.name} extension in the same ${primary.name}` : describeHosting(engine, hostingFor(engine, f.requirements));
  const tables = series.map((t) => `${t.table} (${formatRate(t.rowsPerSecond)}, by ${t.timestampColumn})`).join(', ');
  return {
    store: {
      role: 'time-series',
      engine: engine.id,
      why: `append-only series ${tables}: time partitioning, compression and retention by dropping whole partitions suit them better than ${primary.name}'s tables`,
      sync: 'dual-write-avoided',
      cost: inside
        ? `${where}: no second system, but an extension to install and upgrade with the database (${engine.licence.name})`
        : `${where} to run; queries that combine the series with ${primary.name} data join in the application`,
    },
    engine,
    patterns: [],
    syncHow: inside
      ? `the series stay in ${primary.name}, in ${engine.name} hypertables: same transactions, nothing to synchronise`
      : `the application writes the series only to ${engine.name}: the tables move, so nothing is written twice`,
    candidates,
    primaryAlone: `${primary.name} (time-series features ${STRENGTH_WORDS[primary.timeSeries]}) would keep ${tables} in ordinary tables`,
  };
}

/** How well an engine does the role itself, weighted above the requirement criteria. */
function roleCriterion(role: PolyglotRole): Criterion {
  const strength = (e: EngineProfile) => ({ cache: e.inMemory ? 3 : 0, search: e.fullTextSearch, analytics: e.analytics, 'time-series': e.timeSeries })[role];
  return {
    name: `${role} strength`,
    weight: () => ({ weight: 3, why: `what the ${role} store is for` }),
    judge: ({ engine }) => ({ score: strengthScore(strength(engine)), why: `${role}: ${STRENGTH_WORDS[strength(engine)]}` }),
  };
}

/** An extension of the primary runs in it: no second system to operate. */
function sameSystemCriterion(primary: EngineProfile | undefined): Criterion {
  return {
    name: 'same system',
    weight: () => ({ weight: primary ? 2 : 0, why: 'one system fewer to run' }),
    judge: ({ engine }) =>
      primary && engine.extends === primary.id ? { score: 1, why: `runs inside ${primary.name}` } : { score: 0, why: 'a separate system' },
  };
}

/** Search engines for this spec, best first: what a search store would be if the workload called for one. */
export function rankSearchEngines(f: WorkloadFeatures): RankedEngine[] {
  return rankSideStores(
    TECHNOLOGY_CATALOG.filter((e) => e.family === 'search'),
    f,
    'search',
  );
}

function rankSideStores(engines: readonly EngineProfile[], f: WorkloadFeatures, role: PolyglotRole, primary?: EngineProfile): RankedEngine[] {
  const criteria = [
    roleCriterion(role),
    sameSystemCriterion(primary),
    hostingCriterion,
    operationsCriterion,
    costCriterion,
    complianceCriterion,
    maturityCriterion,
  ];
  return rankEngines(engines, f, criteria, hostingDisqualifiers);
}

const firstQualified = (ranked: readonly RankedEngine[]) => ranked.find((r) => r.disqualifiers.length === 0);
const profile = (id: string) => TECHNOLOGY_CATALOG.find((e) => e.id === id)!;
const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
