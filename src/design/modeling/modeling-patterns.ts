import type { Decision } from '../../model/decision.js';
import type { AggregateView, Schema, Table, Trigger } from '../../model/schema.js';
import { aggregateViewOf, REFRESH_SECONDS_PER_ROW, rowsInWindow } from '../caching/materialized-view.js';
import { historyStructureOf } from './history-table.js';
import { snapshotStructureOf } from './snapshot-table.js';
import { formatCount, formatRate } from '../../format.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { foldingReads } from '../../rules/design/fold-over-expiring-events.js';

export interface ModelingResult {
  readonly decisions: Decision[];
  /** The input schema plus the structures these decisions choose: history and snapshot tables with their triggers, pre-aggregate views. */
  readonly schema: Schema;
}

/** What one decision adds to the schema. */
interface Structures {
  readonly tables: readonly Table[];
  readonly triggers: readonly { readonly table: string; readonly trigger: Trigger }[];
  readonly views: readonly AggregateView[];
}

const NONE: Structures = { tables: [], triggers: [], views: [] };

/** Without a staleness in the spec, a pre-aggregate is assumed to be refreshed hourly. */
const ASSUMED_REFRESH_SECONDS = 3600;

/**
 * The modeling patterns a spec calls for, each a decision from the access patterns: hierarchies,
 * event logs and their snapshots, history for audited entities, aggregates for range reports, and
 * the tenancy model itself.
 */
export function chooseModelingPatterns(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[]): ModelingResult {
  const decisions: Decision[] = [];
  const added: Structures[] = [];
  for (const table of schema.tables) {
    const hierarchy = hierarchyDecision(table, workload);
    if (hierarchy) decisions.push(hierarchy);
    const events = eventLogDecision(table, workload);
    if (events) {
      decisions.push(events.decision);
      added.push(events.structures);
    }
  }
  const history = historyDecision(spec, schema);
  if (history) {
    decisions.push(history.decision);
    added.push(history.structures);
  }
  for (const aggregate of aggregateDecisions(spec, schema, workload)) {
    decisions.push(aggregate.decision);
    added.push(aggregate.structures);
  }
  const tenancy = tenancyDecision(spec);
  if (tenancy) decisions.push(tenancy);
  return { decisions, schema: withStructures(schema, added) };
}

function withStructures(schema: Schema, added: readonly Structures[]): Schema {
  const triggers = added.flatMap((s) => s.triggers);
  const tables = schema.tables.map((t) => {
    const own = triggers.filter((x) => x.table === t.name).map((x) => x.trigger);
    return own.length ? { ...t, triggers: [...(t.triggers ?? []), ...own] } : t;
  });
  const views = added.flatMap((s) => s.views);
  return { ...schema, tables: [...tables, ...added.flatMap((s) => s.tables)], ...(views.length ? { views: [...(schema.views ?? []), ...views] } : {}) };
}

/** A recursive CTE is how a pattern walks a tree: its presence decides between representations. */
const walksTree = (w: WorkloadPattern, table: string) => w.shape.ctes.length > 0 && w.shape.tables.some((t) => t.table === table && t.inCte !== undefined);

function hierarchyDecision(table: Table, workload: readonly WorkloadPattern[]): Decision | undefined {
  const self = table.foreignKeys.find((fk) => fk.refTable === table.name);
  if (!self) return undefined;
  const column = self.columns[self.columns.length - 1]!;
  const walkers = workload.filter((w) => w.shape.kind === 'select' && walksTree(w, table.name));
  const frequent = walkers.reduce((sum, w) => sum + w.ratePerSecond, 0) >= 50;
  const choice = frequent ? 'closure table' : 'adjacency list';
  return {
    id: `modeling/hierarchy/${table.name}`,
    area: 'modeling',
    title: `\`${table.name}\` is a hierarchy: ${choice}`,
    choice: frequent
      ? `keep \`${column}\` and add ${table.name}_closure(ancestor_id, descendant_id, depth), maintained by the writes, for subtree and ancestor reads (recommended, not emitted: keeping it in step takes writes on every insert and subtree move, which depend on how the application moves nodes)`
      : `\`${column}\` referencing the parent (adjacency list); subtrees and ancestors by WITH RECURSIVE when needed`,
    rationale: [
      walkers.length
        ? `Patterns that walk the tree: ${walkers.map((w) => `${w.name} (${w.ratePerSecond}/s)`).join(', ')}.`
        : 'No access pattern walks the tree (no recursive query): parents are read one level at a time, which the adjacency list serves with its foreign-key index.',
      frequent
        ? 'Subtree reads at this rate would recurse on every call; a closure table answers them with one indexed join, at the cost of O(depth) rows per node written.'
        : 'Moves and inserts touch one row; the recursion cost is paid only by the rare tree walk.',
    ],
    alternatives: [
      {
        option: 'materialized path (ltree)',
        rejectedBecause: frequent
          ? 'moving a subtree rewrites every path under it'
          : 'its GiST index and path rewrites on moves pay off only for frequent subtree queries',
      },
      { option: 'nested sets', rejectedBecause: 'an insert renumbers on average half the tree: unusable for a table that grows' },
      ...(frequent
        ? [{ option: 'adjacency list only', rejectedBecause: 'every subtree read would be a recursive query' }]
        : [
            { option: 'closure table', rejectedBecause: 'it stores O(depth) rows per node and must be kept in step on every move, for reads no pattern makes' },
          ]),
    ],
    evidence: [
      { tier: 'derived', source: 'rule:hierarchy-from-patterns', detail: `${walkers.length} access pattern(s) use a recursive query on ${table.name}` },
    ],
    patterns: walkers.map((w) => w.name),
  };
}

/**
 * An append-only table is an event log; reads that fold it over all time need a snapshot, above all
 * when retention drops events (the rule `design/fold-over-expiring-events` warns of that case).
 */
function eventLogDecision(table: Table, workload: readonly WorkloadPattern[]): { decision: Decision; structures: Structures } | undefined {
  if (!table.volume?.appendOnly) return undefined;
  const folds = foldingReads(table.name, workload);
  const retention = table.volume.retentionSeconds;
  const groupKeys = folds.flatMap((w) => w.shape.predicates.filter((p) => p.table === table.name && p.op === 'eq').map((p) => p.column));
  const key = [...new Set(groupKeys)];
  const snapshot = `${table.name}_snapshot`;
  const plan = folds.length
    ? snapshotStructureOf(
        table,
        key,
        folds.flatMap((w) => w.shape.aggregates),
        folds.map((w) => w.name),
      )
    : undefined;
  const readers = folds.map((w) => w.name).join(', ');
  const decision: Decision = {
    id: `modeling/event-log/${table.name}`,
    area: 'modeling',
    title: `\`${table.name}\` is an event log${folds.length ? ' with a running snapshot' : ''}`,
    choice: !plan
      ? 'append-only events; no snapshot, as no pattern folds the whole history'
      : plan.kind === 'snapshot'
        ? `append-only events, plus ${snapshot}(${plan.columns.join(', ')}) kept by the trigger ${snapshot}_trigger in the same transaction as each event, which ${readers} read instead of summing every event`
        : `append-only events, plus a snapshot of ${readers}'s totals per ${key.join(', ') || 'key'} kept by the writes (recommended, not emitted: ${plan.reason})`,
    rationale: [
      'Rows are never updated or deleted by the application: the table records what happened, and current state is a fold over it (event sourcing).',
      ...(folds.length
        ? [
            `${folds.map((w) => `${w.name} (${w.ratePerSecond}/s)`).join(', ')} aggregate all of an entity's events on every call; that cost grows without bound with the history.`,
          ]
        : []),
      ...(folds.length && retention !== undefined
        ? [
            `Retention drops events after ${Math.round(retention / 86_400)} days, so the sum over the remaining events becomes wrong: the snapshot is required for correctness, not only for speed.`,
          ]
        : []),
      ...(plan?.kind === 'snapshot'
        ? [
            'The trigger adds each event as it is inserted; dropping an expired partition fires no trigger, so the totals keep the dropped events. On a table that already holds events, fill the snapshot once from them before relying on it.',
          ]
        : []),
    ],
    alternatives: [
      { option: 'a mutable current-state table only', rejectedBecause: 'the history the spec asks to keep would be lost' },
      ...(folds.length
        ? [
            {
              option: 'sum the events on each read',
              rejectedBecause: retention !== undefined ? 'wrong once retention drops old events, and slower as history grows' : 'slower with every event added',
            },
          ]
        : []),
    ],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:event-log-snapshot',
        detail: `append_only; ${folds.length} folding pattern(s); retention ${retention === undefined ? 'none' : `${Math.round(retention / 86_400)} days`}`,
      },
    ],
    patterns: folds.map((w) => w.name),
  };
  const structures: Structures =
    plan?.kind === 'snapshot' ? { tables: [plan.table], triggers: [{ table: table.name, trigger: plan.trigger }], views: [] } : NONE;
  return { decision, structures };
}

function historyDecision(spec: Spec, schema: Schema): { decision: Decision; structures: Structures } | undefined {
  const audited = spec.requirements.compliance.filter((c) => c !== 'gdpr');
  if (audited.length === 0) return undefined;
  const mutable = schema.tables.filter(
    (t) => t.kind === 'entity' && !t.volume?.appendOnly && t.columns.some((c) => c.pii || (c.type.kind === 'decimal' && c.type.scale === 4)),
  );
  if (mutable.length === 0) return undefined;
  const built = mutable.map(historyStructureOf);
  const decision: Decision = {
    id: 'modeling/history',
    area: 'modeling',
    title: 'History of changes for audited entities',
    choice: `a history table per audited entity (${built.map((b) => b.table.name).join(', ')}): the old row, the operation, who and when, written by an AFTER UPDATE OR DELETE trigger on each (${built.map((b) => b.trigger.name).join(', ')})`,
    rationale: [
      `${audited.join(', ')} ask for a trail of changes to personal and financial data; these tables are updated in place.`,
      'History tables keep the live tables narrow and their indexes small; the trail is queried rarely and by time.',
    ],
    alternatives: [
      {
        option: 'temporal columns (valid_from, valid_to) in the live tables',
        rejectedBecause: 'every read must filter on the current version and every unique constraint must allow old versions',
      },
      { option: 'only pgaudit statement logs', rejectedBecause: 'they record statements, not the values before a change' },
    ],
    evidence: [{ tier: 'derived', source: 'rule:history-for-compliance', detail: `compliance: ${audited.join(', ')}` }],
    patterns: [],
  };
  return {
    decision,
    structures: { tables: built.map((b) => b.table), triggers: built.map((b, i) => ({ table: mutable[i]!.name, trigger: b.trigger })), views: [] },
  };
}

/**
 * A report that aggregates a large range at a rate is served by a pre-aggregate: a materialized
 * view refreshed within the pattern's staleness when its window ends now(); otherwise a summary
 * table the writes keep, recommended but not emitted (its upkeep depends on how the data arrives).
 */
function aggregateDecisions(spec: Spec, schema: Schema, workload: readonly WorkloadPattern[]): { decision: Decision; structures: Structures }[] {
  const out: { decision: Decision; structures: Structures }[] = [];
  for (const w of workload) {
    if (w.shape.kind !== 'select' || w.shape.aggregates.length === 0 || w.shape.groupBy.length === 0) continue;
    const table = schema.tables.find((t) => w.shape.tables.some((x) => x.table === t.name) && (t.volume?.rows ?? 0) >= 10_000_000);
    if (!table) continue;
    const grain = w.shape.groupBy.map((g) => g.expression ?? g.column ?? '?').join(', ');
    const keys = [...new Set(w.shape.predicates.filter((p) => p.op === 'eq' && p.value.kind === 'param').map((p) => p.column))];
    const staleness = spec.accessPatterns.find((p) => p.name === w.name)?.staleness?.seconds;
    const probe = aggregateViewOf(`${w.name}_mv`, w.shape, 1, `modeling/aggregate/${w.name}`);
    const refreshSeconds =
      probe.kind === 'view' ? Number((rowsInWindow(table.volume, probe.view.window!.seconds) * REFRESH_SECONDS_PER_ROW).toPrecision(3)) : 0;
    // The view's data is as old as the time between refresh starts plus one refresh: together within the staleness.
    const refreshEvery = staleness === undefined ? ASSUMED_REFRESH_SECONDS : Math.max(1, Math.floor(staleness - refreshSeconds));
    const plan = probe.kind === 'view' ? { kind: 'view' as const, view: { ...probe.view, refreshEverySeconds: refreshEvery } } : probe;
    const summary = `${table.name}_${w.name}(${[...keys, grain, 'aggregates'].join(', ')})`;
    out.push({
      decision: {
        id: `modeling/aggregate/${w.name}`,
        area: 'modeling',
        title: `Pre-aggregate ${w.name}`,
        choice:
          plan.kind === 'view'
            ? `a materialized view ${plan.view.name}(${plan.view.columns.map((c) => c.name).join(', ')}) over the pattern's window, with the unique index ${plan.view.uniqueIndex} so it refreshes concurrently every ${refreshEvery} s; the live query stays the fallback`
            : `a summary table ${summary} kept by the writes; the live query stays the fallback (recommended, not emitted: ${plan.reason})`,
        rationale: [
          `${w.name} groups by ${grain} over \`${table.name}\` (${formatCount(table.volume!.rows)} rows at the spec's volume); a summary at that grain holds one row per group instead of every source row.`,
          'A star schema is not warranted: one fact table and one grouping, no dimensions beyond the tenant and the date.',
          ...(plan.kind === 'view'
            ? [
                `One refresh aggregates the window (~${refreshSeconds} s at about 1 µs a row); refreshing every ${refreshEvery} s keeps the view within ${staleness === undefined ? `an assumed hour (the spec states no staleness for ${w.name})` : `the staleness of ${staleness} s`}. REFRESH … CONCURRENTLY needs the unique index and lets reads continue during the refresh; the job runs from a scheduler such as pg_cron.`,
              ]
            : []),
        ],
        alternatives: [
          { option: 'query the live table each time', rejectedBecause: 'its cost grows with the range and the table; the index only narrows the rows to read' },
          { option: 'a separate analytics store', rejectedBecause: 'one report does not pay for another system and its sync' },
        ],
        evidence: [
          {
            tier: 'derived',
            source: 'rule:aggregate-large-range',
            detail: `GROUP BY ${grain}; ${formatCount(table.volume!.rows)} rows; ${formatRate(w.ratePerSecond)}`,
          },
          ...(staleness === undefined && plan.kind === 'view'
            ? [{ tier: 'assumed' as const, source: 'default:refresh-hourly', detail: 'no staleness in the spec: an hourly refresh is assumed' }]
            : []),
        ],
        patterns: [w.name],
      },
      structures: plan.kind === 'view' ? { tables: [], triggers: [], views: [plan.view] } : NONE,
    });
  }
  return out;
}

function tenancyDecision(spec: Spec): Decision | undefined {
  const { tenancy, tenants, compliance } = spec.requirements;
  if (tenancy === 'none') return undefined;
  const count = tenants ?? 0;
  const strict = compliance.includes('hipaa');
  const recommended = strict && count <= 100 ? 'database-per-tenant' : count > 1000 || !strict ? 'shared-schema' : 'schema-per-tenant';
  const agrees = recommended === tenancy;
  return {
    id: 'modeling/tenancy-model',
    area: 'modeling',
    title: `Tenancy model: ${tenancy}${agrees ? '' : ` (the analysis would choose ${recommended})`}`,
    choice: tenancy,
    rationale: [
      `${count ? formatCount(count) : 'An unstated number of'} tenants${compliance.length ? `, compliance ${compliance.join(', ')}` : ''}.`,
      'Shared schema: one set of tables, tenant_id in every key, row-level security; cheapest to run and migrate, isolation by policy.',
      'Schema per tenant: isolation by namespace, but the catalog grows by tables × tenants and every migration runs once per tenant; practical up to a few hundred tenants.',
      'Database per tenant: the strongest isolation and per-tenant restore, at the cost of a connection pool and a migration per tenant; for a few large, regulated tenants.',
      agrees ? `The spec's ${tenancy} fits.` : `The spec asks for ${tenancy}; kept, with this note for review.`,
    ],
    alternatives: (['shared-schema', 'schema-per-tenant', 'database-per-tenant'] as const)
      .filter((m) => m !== tenancy)
      .map((m) => ({
        option: m,
        rejectedBecause:
          m === 'shared-schema'
            ? 'the spec chose stronger isolation'
            : m === 'schema-per-tenant'
              ? `${formatCount(count)} tenants × ${'tables'} in one catalog, and a migration per tenant`
              : 'a database, pool and migration per tenant',
      })),
    evidence: [{ tier: 'derived', source: 'rule:tenancy-model', detail: `tenants ${count || 'unknown'}; compliance ${compliance.join(', ') || 'none'}` }],
    patterns: [],
  };
}
