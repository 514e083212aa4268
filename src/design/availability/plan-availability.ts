import type { Decision } from '../../model/decision.js';
import type { Spec } from '../../model/spec.js';
import type { Cluster, ScalingEngine } from '../../model/parts/scaling.js';

export { availabilitySchema, type Availability } from '../../model/parts/availability.js';
import type { Availability } from '../../model/parts/availability.js';
import type { HealthQueries } from '../../dialects/dialect.js';

const MONTH_MINUTES = 30.44 * 24 * 60;

export interface StandbyPlan {
  readonly tier: 'four-nines' | 'sync' | 'async' | 'single';
  readonly standby: Availability['standby'];
  readonly rpoSeconds: number;
  readonly rtoSeconds: number;
  readonly targetsBasis: Availability['targetsBasis'];
}

/**
 * The standby the availability and RPO need: below 99.9% none (backups and a restore meet the RTO
 * of hours); an RPO of 0 a synchronous one; otherwise an asynchronous one. One function, read by
 * this analysis and by the consistency record (scaling), so the two cannot state different standbys.
 */
export function standbyFor(spec: Spec): StandbyPlan {
  const { availability } = spec.requirements;
  const tier = availability >= 99.99 ? 'four-nines' : availability >= 99.95 ? 'sync' : availability >= 99.9 ? 'async' : 'single';
  const derivedRpo = { 'four-nines': 0, sync: 0, async: 60, single: 300 }[tier];
  const derivedRto = { 'four-nines': 60, sync: 120, async: 300, single: 4 * 3600 }[tier];
  const rpoSeconds = spec.requirements.rpo?.seconds ?? derivedRpo;
  const rtoSeconds = spec.requirements.rto?.seconds ?? derivedRto;
  // A stated RPO of 0 or an RTO of minutes needs a standby even below 99.9%.
  const needsStandby = tier !== 'single' || rpoSeconds === 0 || rtoSeconds < 3600;
  const standby = !needsStandby ? 'none' : rpoSeconds === 0 ? 'synchronous' : 'asynchronous';
  return { tier, standby, rpoSeconds, rtoSeconds, targetsBasis: spec.requirements.rpo || spec.requirements.rto ? 'spec' : 'derived' };
}

/**
 * rule:topology-from-availability. The downtime budget decides the standby: at 99.95% a month
 * allows about 22 minutes, which only automatic failover to a synchronous standby in another zone
 * keeps (RPO 0, RTO about a minute); at 99.9% an asynchronous standby suffices; below, backups
 * (`standbyFor`). Alerts read the one max_connections the pooling plan sets.
 */
export interface AvailabilityInput {
  /** From the pooling plan (PostgreSQL plan only). */
  readonly maxConnections: number | undefined;
  readonly engine: ScalingEngine;
  readonly cluster?: Cluster;
  /** The target dialect's health queries, one per alert that has one. */
  readonly healthQueries: HealthQueries;
}

export function planAvailability(spec: Spec, options: AvailabilityInput): { availability: Availability; decisions: Decision[] } {
  const { availability, deployment } = spec.requirements;
  const downtime = Math.round((1 - availability / 100) * MONTH_MINUTES * 10) / 10;
  const { tier, standby, rpoSeconds, rtoSeconds, targetsBasis } = standbyFor(spec);
  const synchronous = standby === 'synchronous';
  const native = options.engine.plan === 'native';
  const copies = options.cluster?.replicationFactor ?? 1;
  const topology = native
    ? [
        standby === 'none'
          ? `${options.engine.name}, one copy of each shard: the targets need no standby`
          : `${options.engine.name} keeps ${copies} copies of each shard in different availability zones and fails over by itself (engine-native replication)`,
      ]
    : standby === 'none'
      ? [
          `one primary, no standby: ${availability}% allows ${downtime} minutes of downtime a month, within which a restore from the PITR backups (RTO ${Math.round(rtoSeconds / 60)} minutes) fits`,
        ]
      : [
          synchronous
            ? 'primary plus a synchronous standby in a second availability zone (synchronous_commit = on, synchronous_standby_names = ANY 1 (…)): a commit is on two zones before it returns'
            : 'primary plus an asynchronous streaming standby in a second availability zone',
          'automatic failover (managed Multi-AZ, or Patroni with a DCS) with a fencing step, clients reconnecting through a stable endpoint',
          ...(tier === 'four-nines' || synchronous
            ? ['a second standby, so losing one still leaves a synchronous partner (otherwise commits stall or durability drops)']
            : []),
        ];
  if (deployment === 'multi-region') topology.push('an asynchronous replica in a second region for disaster recovery, promoted by runbook');
  const pitrDays = spec.requirements.compliance.length ? 35 : 14;
  const backups = native
    ? [
        `${options.engine.name}'s own backups to object storage, daily, kept ${pitrDays} days`,
        'a restore test every week into a scratch cluster, checking row counts and running the access patterns; alert when it fails or takes longer than the RTO',
        'backups encrypted and copied to a second region or account',
      ]
    : [
        'continuous WAL archiving to object storage (pgBackRest or the managed equivalent), archive_timeout 60 s',
        `daily base backups, point-in-time recovery over the last ${pitrDays} days`,
        'a restore test every week: restore the latest backup to a scratch instance, replay to a point in time, check row counts and run the access patterns against it; alert when it fails or takes longer than the RTO',
        'backups encrypted and copied to a second region or account',
      ];
  const { maxConnections } = options;
  const postgresOnly = <T>(alerts: T[]): T[] => (native ? [] : alerts);
  const slow = spec.accessPatterns
    .filter((p) => p.p99)
    .map((p) => ({
      name: `slow pattern: ${p.name}`,
      threshold: `p99 > ${p.p99!.text} for 5 minutes`,
      why: `the spec's latency target for this pattern (${native ? `${options.engine.name}'s query log` : 'pg_stat_statements by query id'})`,
    }));
  const alerts: Availability['alerts'] = [
    ...(standby === 'none'
      ? []
      : [
          {
            name: 'replication lag',
            threshold: synchronous
              ? 'any standby more than 10 s behind, or no synchronous standby connected'
              : `lag > ${Math.max(10, Math.round(rpoSeconds / 2))} s (half the RPO)`,
            why: 'lag is the data a failover would lose',
            ...(native ? {} : { query: options.healthQueries.replicationLag }),
          },
        ]),
    ...postgresOnly([
      ...(maxConnections === undefined
        ? []
        : [
            {
              name: 'connection saturation',
              threshold: `> ${Math.round(maxConnections * 0.8)} of ${maxConnections} connections (80%)`,
              why: 'at the limit new sessions fail',
              query: options.healthQueries.connections,
            },
          ]),
      {
        name: 'cache hit ratio',
        threshold: '< 99% over 15 minutes',
        why: 'the hot set no longer fits in memory: reads go to disk',
        query: options.healthQueries.cacheHitRatio,
      },
      {
        name: 'table bloat',
        threshold: 'dead tuples > 20% of live tuples on any table over 1 GB',
        why: 'autovacuum is falling behind',
        query: options.healthQueries.deadTuples,
      },
      {
        name: 'long transactions',
        threshold: 'any transaction open > 5 minutes',
        why: 'it holds back vacuum and may hold locks',
        query: options.healthQueries.longTransactions,
      },
      {
        name: 'transaction ID age',
        threshold: 'age(datfrozenxid) > 1.2 billion',
        why: 'wraparound protection stops writes at 2 billion',
        query: options.healthQueries.transactionIdAge,
      },
      {
        name: 'WAL archiving',
        threshold: 'any failed archive in 5 minutes',
        why: 'point-in-time recovery stops at the last archived segment',
        query: options.healthQueries.walArchiving,
      },
    ]),
    { name: 'disk', threshold: '> 80% used', why: 'a full disk stops the server' },
    ...slow,
  ];
  const result: Availability = { availability, downtimeMinutesPerMonth: downtime, rpoSeconds, rtoSeconds, targetsBasis, standby, topology, backups, alerts };
  const decision: Decision = {
    id: 'availability/topology',
    area: 'availability',
    title:
      standby === 'none'
        ? `${availability}%: one primary, restored from backups`
        : native
          ? `High availability for ${availability}%: ${copies} copies of each shard, failed over by ${options.engine.name}`
          : `High availability for ${availability}%: ${standby} standby with automatic failover`,
    choice: topology.join('; '),
    rationale: [
      `${availability}% allows ${downtime} minutes of downtime a month; RPO ${rpoSeconds} s and RTO ${rtoSeconds} s (${result.targetsBasis === 'spec' ? 'from the spec' : 'derived from the availability'}).`,
      ...(standby === 'none'
        ? [
            'No standby: a standby doubles the instances and adds failover to operate, and nothing in the stated targets needs it; state a higher availability, an RPO of 0 or an RTO under an hour to get one.',
          ]
        : [
            native
              ? `${options.engine.name} replicates each shard itself, so the copies are its replicas, not a PostgreSQL standby; the RPO bounds how far a copy may lag.`
              : synchronous
                ? 'A synchronous standby loses no committed transaction on failover; each commit waits one round trip to the second zone (about 1 ms within a region).'
                : 'An asynchronous standby may lose the last seconds of commits on failover, within the RPO, and adds no commit latency.',
            'Failover is automatic because a person paged at night cannot act within the RTO.',
          ]),
    ],
    alternatives:
      standby === 'none'
        ? [{ option: 'an asynchronous standby', rejectedBecause: `${availability}% and an RTO of ${rtoSeconds} s do not need one` }]
        : [
            {
              option: synchronous ? 'asynchronous standby' : 'synchronous standby',
              rejectedBecause: synchronous
                ? `it could lose committed data, but the RPO is ${rpoSeconds} s`
                : 'it adds commit latency the RPO does not call for',
            },
            { option: 'backups only', rejectedBecause: `a restore takes hours; the RTO is ${rtoSeconds} s` },
          ],
    evidence: [
      {
        tier: result.targetsBasis === 'spec' ? 'derived' : 'assumed',
        source: 'rule:topology-from-availability',
        detail: `availability ${availability}%, RPO ${rpoSeconds} s, RTO ${rtoSeconds} s`,
      },
    ],
    patterns: [],
  };
  const backupDecision: Decision = {
    id: 'availability/backups',
    area: 'availability',
    title: 'Backups with point-in-time recovery, restore-tested',
    choice: backups.join('; '),
    rationale: [
      'Replication protects against losing a machine, not against a bad deploy or a mistaken DELETE: those need a restore to a point before them.',
      'A backup that has never been restored is a hope: the weekly restore test turns it into evidence.',
    ],
    alternatives: [{ option: 'snapshots only', rejectedBecause: 'they restore to the snapshot time, not to the minute before an accident' }],
    evidence: [{ tier: 'derived', source: 'rule:pitr-backups', detail: `PITR window ${pitrDays} days` }],
    patterns: [],
  };
  const alertDecision: Decision = {
    id: 'availability/alerts',
    area: 'availability',
    title: 'Monitoring and alerts',
    choice: alerts.map((a) => `${a.name}: ${a.threshold}`).join('; '),
    rationale: alerts.map((a) => `${a.name}: ${a.why}.`),
    alternatives: [{ option: 'dashboards without alerts', rejectedBecause: 'nobody watches a dashboard at night' }],
    evidence: [{ tier: 'assumed', source: 'rule:alert-thresholds', detail: 'common production thresholds; tune them against the first weeks of real traffic' }],
    patterns: spec.accessPatterns.filter((p) => p.p99).map((p) => p.name),
  };
  return { availability: result, decisions: [decision, backupDecision, alertDecision] };
}
