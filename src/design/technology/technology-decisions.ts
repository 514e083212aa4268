import type { Decision, Evidence } from '../../model/decision.js';
import type { EngineProfile } from './engine-profile.js';
import { formatAmount, formatRate, formatRows, formatVolume } from './format-amounts.js';
import { describeHosting, hostingFor } from './hosting.js';
import { rankSearchEngines, SEARCH_MIN_RATE, SEARCH_MIN_ROWS, type PolyglotFinding } from './polyglot.js';
import { lostOn, strongestOn, type CriterionWeight, type RankedEngine } from './rank-engines.js';
import type { ConsistencyTradeoff } from './tradeoff.js';
import { nodesFor, searchRate } from './criteria/workload-criteria.js';
import { LARGE_SCAN_ROWS, type WorkloadFeatures } from './workload-features.js';

/** The rule every technology decision is derived by; named so a report can point at it. */
export const TECHNOLOGY_RULE = 'rule:technology-score';
const POLYGLOT_RULE = 'rule:technology-polyglot';
/** Data one node of a sharded engine practically holds: an assumption for sizing prose only, not for scoring. */
const BYTES_PER_NODE = 10e12;
/** Runners-up listed beside the winner, before one per remaining family. */
const RUNNERS_UP = 4;

export interface TechnologyDecisionInput {
  readonly features: WorkloadFeatures;
  readonly ranking: readonly RankedEngine[];
  readonly weights: readonly CriterionWeight[];
  readonly chosen: RankedEngine;
  readonly engine: EngineProfile;
  readonly tradeoff: ConsistencyTradeoff;
  readonly polyglot: readonly PolyglotFinding[];
  readonly allPatterns: readonly string[];
}

export function technologyDecisions(input: TechnologyDecisionInput): Decision[] {
  const decisions = [primaryStoreDecision(input)];
  const search = input.polyglot.find((p) => p.store.role === 'search');
  if (input.features.textSearch.length > 0 && !search) decisions.push(builtInSearchDecision(input));
  for (const finding of input.polyglot) decisions.push(polyglotDecision(finding, input));
  return decisions;
}

function primaryStoreDecision({ features, ranking, weights, chosen, engine, tradeoff, allPatterns }: TechnologyDecisionInput): Decision {
  const qualified = ranking.filter((r) => r.disqualifiers.length === 0);
  const where = describeHosting(engine, hostingFor(engine, features.requirements));
  const rationale = [
    workloadLine(features),
    ...queryFeatureLine(features),
    `Weights from the spec: ${weights
      .filter((w) => w.weight > 0)
      .map((w) => `${w.name} ${formatAmount(w.weight)} (${w.why})`)
      .join('; ')}.`,
    qualified.includes(chosen)
      ? `${engine.name} (${where}) scores ${chosen.score}/100, the best of ${qualified.length} engines that meet every hard requirement; ${ranking.length - qualified.length} of ${ranking.length} catalog engines are disqualified.`
      : `No catalog engine meets every hard requirement; ${engine.name} scores highest (${chosen.score}/100) despite: ${chosen.disqualifiers.join('; ')}.`,
    `Strongest on: ${strongestOn(chosen)
      .map((c) => `${c.name} (${c.why})`)
      .join('; ')}.`,
    writesLine(features, engine),
    `Trade-off: CAP ${tradeoff.cap}, PACELC ${tradeoff.pacelc}. ${tradeoff.explanation}`,
    ...engine.notes.map((n) => `Note: ${n}.`),
  ];
  return {
    id: 'technology/primary-store',
    area: 'technology',
    title: `Primary store: ${engine.name}`,
    choice: engine.id,
    rationale,
    alternatives: alternativesTo(chosen, ranking),
    evidence: [
      {
        tier: 'derived',
        source: TECHNOLOGY_RULE,
        detail: `weighted mean of ${chosen.criteria.length} criteria over ${ranking.length} catalog engines, hard requirements first: ${engine.name} ${chosen.score}/100${qualified[1] ? `, next ${qualified[1].name} ${qualified[1].score}/100` : ''}`,
      },
      ...catalogEvidence(engine, features),
      ...requirementDefaults(features),
    ],
    patterns: [...allPatterns],
  };
}

function workloadLine(f: WorkloadFeatures): string {
  const total = (w: (typeof f.writes.tables)[number]) => w.inserts + w.updates + w.deletes;
  // The tables that make the write load: the biggest, and any other above 1% of it.
  const writers = [...f.writes.tables]
    .sort((a, b) => total(b) - total(a))
    .filter((w, i) => i === 0 || total(w) >= f.writes.perSecond / 100)
    .slice(0, 3);
  const writerText = writers.map((w) => `${w.table} ${formatRate(total(w))}${w.insertSource === 'growth' ? ' from growth' : ''}`).join(', ');
  const ratio = f.readWriteRatio === null ? 'no writes' : `${formatAmount(f.readWriteRatio)} reads per write`;
  return `Workload: peak writes ${formatRate(f.writes.perSecond)}${writerText ? ` (${writerText})` : ''}, peak reads ${formatRate(f.reads.perSecond)} (${ratio}); ${formatRows(f.volume.rows)}, about ${formatVolume(f.volume.bytes)} of rows (uncompressed, before indexes and replicas) at the ${f.volume.horizon} horizon.`;
}

function queryFeatureLine(f: WorkloadFeatures): string[] {
  const parts = [
    f.joins.length > 0 ? `joins in ${f.joins.map((j) => j.pattern).join(', ')}` : '',
    f.aggregates.some((a) => a.rowsPerCall >= LARGE_SCAN_ROWS)
      ? `aggregation over large ranges in ${f.aggregates
          .filter((a) => a.rowsPerCall >= LARGE_SCAN_ROWS)
          .map((a) => `${a.pattern} (${formatRows(a.rowsPerCall)} per call)`)
          .join(', ')}`
      : '',
    f.textSearch.length > 0 ? `text search in ${[...new Set(f.textSearch.map((t) => t.pattern))].join(', ')} at ${formatRate(searchRate(f))}` : '',
    f.graph.recursive.length > 0 ? `recursive traversal in ${f.graph.recursive.map((r) => r.pattern).join(', ')}` : '',
    f.timeSeries.length > 0 ? `append-only time series ${f.timeSeries.map((t) => `${t.table} at ${formatRate(t.rowsPerSecond)}`).join(', ')}` : '',
    f.multiRowTransactions.needed ? 'multi-row transactions' : '',
  ].filter((p) => p !== '');
  return parts.length > 0 ? [`Query features: ${parts.join('; ')}.`] : [];
}

function writesLine(f: WorkloadFeatures, engine: EngineProfile): string {
  const peak = f.writes.perSecond;
  const ceiling = engine.singleNodeWritesPerSecond;
  if (engine.writeScaling === 'native-sharding') {
    const nodes = nodesFor(peak, ceiling);
    const forData = Math.ceil(f.volume.bytes / BYTES_PER_NODE);
    const data =
      forData > nodes
        ? ` The data sets the size rather than the writes: about ${formatVolume(f.volume.bytes)} uncompressed at about ${formatVolume(BYTES_PER_NODE)} per node (an assumption) is about ${formatAmount(forData)} nodes before compression.`
        : '';
    return `Writes: ${formatRate(peak)} at about ${formatRate(ceiling)} per node (an order-of-magnitude assumption) is about ${formatAmount(nodes)} node(s) for writes alone, before replication; ${engine.name} adds nodes without application changes.${data}`;
  }
  const headroom = ceiling / Math.max(peak, 1e-9);
  return `Writes: ${formatRate(peak)} against about ${formatRate(ceiling)} on one node (an order-of-magnitude assumption): ${formatAmount(headroom)}× headroom${engine.scaleOut ? `; beyond one node: ${engine.scaleOut}` : ''}.`;
}

/** The next engines by score, then the best of each family not yet shown, each with why it lost. */
function alternativesTo(chosen: RankedEngine, ranking: readonly RankedEngine[]): Decision['alternatives'] {
  const others = ranking.filter((r) => r !== chosen);
  const shown = others.slice(0, RUNNERS_UP);
  for (const r of others) if (!shown.some((s) => s.family === r.family) && r.family !== chosen.family) shown.push(r);
  return shown.map((r) => ({ option: `${r.name} (${r.family}, ${r.score}/100)`, rejectedBecause: whyLost(r, chosen) }));
}

function whyLost(loser: RankedEngine, winner: RankedEngine): string {
  if (loser.disqualifiers.length > 0) return `disqualified: ${loser.disqualifiers.join('; ')}`;
  const gaps = lostOn(loser, winner);
  if (gaps.length === 0) return `scored ${loser.score} against ${winner.score}: equal on every weighed criterion, ranked after by id`;
  return `scored ${loser.score} against ${winner.score}; behind on ${gaps.map((c) => `${c.name} (${c.why})`).join(' and ')}`;
}

/** Sourced catalog claims as derived evidence; order-of-magnitude and judgement claims as assumed. */
function catalogEvidence(engine: EngineProfile, features: WorkloadFeatures): Evidence[] {
  const sourced: Evidence[] = Object.entries(engine.sources).map(([claim, url]) => ({
    tier: 'derived',
    source: url!,
    detail: `catalog ${engine.id}.${claim}`,
  }));
  const hosting = hostingFor(engine, features.requirements);
  if (hosting.kind === 'managed') {
    sourced.push({
      tier: 'derived',
      source: hosting.offering.source,
      detail: `catalog ${engine.id}.managed: ${hosting.offering.service} on ${hosting.offering.cloud}`,
    });
    if (hosting.offering.certificationSource && hosting.offering.certifications.length > 0)
      sourced.push({
        tier: 'derived',
        source: hosting.offering.certificationSource,
        detail: `catalog ${engine.id}.certifications: ${hosting.offering.certifications.join(', ')}`,
      });
  }
  const assumed: Evidence[] = [
    {
      tier: 'assumed',
      source: `catalog:${engine.id}.singleNodeWritesPerSecond`,
      detail: `about ${formatRate(engine.singleNodeWritesPerSecond)} on one node: an order-of-magnitude assumption, not a measurement`,
    },
  ];
  const judged = engine.assumed.filter((c) => c !== 'singleNodeWritesPerSecond');
  if (judged.length > 0) assumed.push({ tier: 'assumed', source: `catalog:${engine.id}`, detail: `judgement rather than a cited fact: ${judged.join(', ')}` });
  return [...sourced, ...assumed];
}

function requirementDefaults(features: WorkloadFeatures): Evidence[] {
  const assumed = features.requirements.assumed;
  return assumed.length > 0 ? [{ tier: 'assumed', source: 'spec:requirements', detail: `defaults assumed for ${assumed.join(', ')}` }] : [];
}

/** Text search the primary serves itself: which index for which predicate, and why no search engine. */
function builtInSearchDecision({ features, engine }: TechnologyDecisionInput): Decision {
  const rate = searchRate(features);
  const rows = Math.max(...features.textSearch.map((t) => t.tableRows));
  const fullText = (operator: string) => operator === '@@';
  const indexFor = (operator: string) =>
    (fullText(operator) ? engine.fullTextIndex : (engine.patternIndex ?? engine.fullTextIndex)) ?? 'its built-in full-text index';
  const indexes = unique(features.textSearch.map((t) => indexFor(t.operator)));
  const label = features.textSearch.some((t) => fullText(t.operator)) ? 'full-text search' : 'substring search';
  const searchEngine = rankSearchEngines(features).find((r) => r.disqualifiers.length === 0);
  return {
    id: 'technology/full-text-search',
    area: 'technology',
    title: `Text search: ${engine.name} itself`,
    choice: `${engine.name} ${label} with ${indexes.join(' and ')}`,
    rationale: [
      `Text search: ${features.textSearch.map((t) => `${t.pattern} (${formatRate(t.ratePerSecond)}) on ${t.table}.${t.column} with ${t.operator}`).join('; ')}; ${formatRows(rows)} at the horizon.`,
      ...unique(
        features.textSearch.map(
          (t) =>
            `Index \`${t.expression ?? t.column}\` on \`${t.table}\` (${t.operator}) with ${indexFor(t.operator)}: it serves the predicate without a second system.`,
        ),
      ),
      `A dedicated search engine pays off from about ${formatRate(SEARCH_MIN_RATE)} of searches over ${formatRows(SEARCH_MIN_ROWS)}; this workload searches at ${formatRate(rate)}${rows >= SEARCH_MIN_ROWS ? '' : ` over ${formatRows(rows)}`}.`,
    ],
    alternatives: searchEngine
      ? [
          {
            option: `${searchEngine.name} beside ${engine.name}`,
            rejectedBecause: `another system to run and keep in sync (change data capture, seconds of lag) for ${formatRate(rate)} of searches the primary's index serves`,
          },
        ]
      : [],
    evidence: [
      {
        tier: 'derived',
        source: POLYGLOT_RULE,
        detail: `text search at ${formatRate(rate)} over ${formatRows(rows)}: below ${formatRate(SEARCH_MIN_RATE)} over ${formatRows(SEARCH_MIN_ROWS)}`,
      },
      ...(engine.sources.fullTextSearch
        ? [{ tier: 'derived' as const, source: engine.sources.fullTextSearch, detail: `catalog ${engine.id}.fullTextSearch` }]
        : []),
      { tier: 'assumed', source: POLYGLOT_RULE, detail: `the ${formatRate(SEARCH_MIN_RATE)} / ${formatRows(SEARCH_MIN_ROWS)} threshold is a rule of thumb` },
    ],
    patterns: unique(features.textSearch.map((t) => t.pattern)),
  };
}

function polyglotDecision(finding: PolyglotFinding, { engine: primary }: TechnologyDecisionInput): Decision {
  const { store, engine } = finding;
  const others = finding.candidates.filter((c) => c.id !== engine.id);
  const chosen = finding.candidates.find((c) => c.id === engine.id)!;
  return {
    id: `technology/polyglot/${store.role}`,
    area: 'technology',
    title: `${capitalise(store.role)} store: ${engine.name} beside ${primary.name}`,
    choice: engine.id,
    rationale: [
      `Why: ${store.why}.`,
      `Kept in step (${store.sync}): ${finding.syncHow}.`,
      `Cost: ${store.cost}.`,
      `${engine.name} scores ${chosen.score}/100 among ${finding.candidates.length} ${store.role} candidates (${chosen.criteria
        .filter((c) => c.weight > 0)
        .map((c) => `${c.name}: ${c.why}`)
        .join('; ')}).`,
    ],
    alternatives: [
      { option: `${primary.name} alone`, rejectedBecause: finding.primaryAlone },
      ...others.map((o) => ({ option: `${o.name} (${o.score}/100)`, rejectedBecause: whyLost(o, chosen) })),
    ],
    evidence: [
      { tier: 'derived', source: POLYGLOT_RULE, detail: store.why },
      ...Object.entries(engine.sources).map(([claim, url]) => ({ tier: 'derived' as const, source: url!, detail: `catalog ${engine.id}.${claim}` })),
      { tier: 'assumed', source: POLYGLOT_RULE, detail: `the thresholds that call for a ${store.role} store are rules of thumb (docs/technology.md)` },
    ],
    patterns: [...finding.patterns],
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const unique = <T>(items: readonly T[]): T[] => [...new Set(items)];
