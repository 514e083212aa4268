import type { Design } from '../../model/design.js';
import { runsOnPostgres } from '../scaling/design-scaling.js';
import { TECHNOLOGY_CATALOG } from '../technology/catalog.js';

/** One contradiction: the quantity, and what two parts of the design say about it. */
export interface Inconsistency {
  readonly quantity: string;
  readonly message: string;
}

/** Rates are rounded to 4 significant digits where they are stored: equal within that. */
const RATE_TOLERANCE = 1e-3;

/**
 * The design agrees with itself: every figure that several parts state is the same in each (the
 * standby, max_connections, the hot set, data at the horizon, writes and the write ceiling, insert
 * rates), the parts follow the chosen engine, and each store the design names is used. Pure: run by
 * `design` on every design and by the tests on planted contradictions.
 */
export function checkConsistency(design: Design): Inconsistency[] {
  const found: Inconsistency[] = [];
  const differ = (quantity: string, a: [string, unknown], b: [string, unknown]) => {
    if (a[1] !== b[1]) found.push({ quantity, message: `${quantity}: ${a[0]} says ${String(a[1])}, ${b[0]} says ${String(b[1])}` });
  };
  const { scaling, availability, capacity, load, technology } = design;

  // The standby: availability decides it; the consistency record and the replica plan restate it.
  const standbyInConsistency = /synchronous standby/.test(scaling.consistency.detail)
    ? 'synchronous'
    : /asynchronous/.test(scaling.consistency.detail)
      ? 'asynchronous'
      : /no standby|one copy/.test(scaling.consistency.detail)
        ? 'none'
        : 'unstated';
  if (scaling.engine.plan === 'postgresql') {
    differ('standby', ['availability.standby', availability.standby], ['scaling.consistency', standbyInConsistency]);
    differ('failover standby', ['availability.standby', availability.standby !== 'none'], ['scaling.replicas.standby', scaling.replicas.standby]);
  }

  // max_connections: the pooling plan sets it; every other mention must repeat it.
  const maxConnections = scaling.pooling?.maxConnections;
  const saturation = availability.alerts.find((a) => a.name === 'connection saturation');
  const stated = saturation ? Number(/of (\d+) connections/.exec(saturation.threshold)?.[1]) : undefined;
  if (stated !== undefined || maxConnections !== undefined)
    differ('max_connections', ['scaling.pooling.maxConnections', maxConnections], ['the connection-saturation alert', stated]);
  for (const decision of design.decisions)
    for (const match of JSON.stringify(decision).matchAll(/max_connections = (\d+)/g))
      differ('max_connections', ['scaling.pooling.maxConnections', maxConnections], [`decision ${decision.id}`, Number(match[1])]);

  // The hot set and the data at the horizon: capacity computes them; scaling sizes from them.
  differ('hot set', ['capacity.memory.hotSetBytes', capacity.memory.hotSetBytes], ['scaling.singleNode.hotSetBytes', scaling.singleNode.hotSetBytes.value]);
  if (scaling.instance && !scaling.sharding)
    differ('hot set', ['capacity.memory.hotSetBytes', capacity.memory.hotSetBytes], ['scaling.instance.hotSetBytes', scaling.instance.hotSetBytes]);
  if (scaling.engine.plan === 'postgresql')
    differ(
      'data at the horizon',
      ['capacity.atHorizon.totalBytes', capacity.atHorizon.totalBytes],
      ['scaling.singleNode.dataBytesAtHorizon', scaling.singleNode.dataBytesAtHorizon.value],
    );

  // Writes and the write ceiling: the load counts writes; the chosen engine's profile sets the ceiling.
  differ(
    'writes per second',
    ['load.totals.writesPerSecond', load.totals.writesPerSecond],
    ['scaling.singleNode.writesPerSecond', scaling.singleNode.writesPerSecond.value],
  );
  const engine = TECHNOLOGY_CATALOG.find((e) => e.id === technology.choice);
  if (engine)
    differ(
      'write ceiling',
      [`the ${engine.name} catalog profile`, engine.singleNodeWritesPerSecond],
      ['scaling.singleNode.writesPerSecond.limit', scaling.singleNode.writesPerSecond.limit],
    );

  // Insert rates per table: capacity's average equals the load's for tables with a stated volume.
  for (const table of capacity.atHorizon.tables) {
    const model = design.schema.tables.find((t) => t.name === table.table);
    const planned = load.tables.find((t) => t.table === table.table);
    if (!model?.volume || !planned || table.writeRateBasis !== 'growth') continue;
    if (Math.abs(table.insertsPerSecond - planned.averageInsertsPerSecond) > RATE_TOLERANCE * Math.max(1, planned.averageInsertsPerSecond))
      found.push({
        quantity: 'inserts per second',
        message: `inserts per second into ${table.table}: capacity says ${table.insertsPerSecond}, the load says ${planned.averageInsertsPerSecond}`,
      });
  }

  // The chosen engine drives the rest: no PostgreSQL topology under another engine.
  if (engine) {
    differ(
      'engine plan',
      [`technology.choice (${engine.name})`, runsOnPostgres(engine) ? 'postgresql' : 'native'],
      ['scaling.engine.plan', scaling.engine.plan],
    );
    if (!runsOnPostgres(engine)) {
      if (scaling.sharding) found.push({ quantity: 'engine', message: `scaling plans a Citus cluster although the chosen engine is ${engine.name}` });
      if (scaling.pooling) found.push({ quantity: 'engine', message: `scaling plans PgBouncer although the chosen engine is ${engine.name}` });
      for (const decision of design.decisions.filter((d) => d.area === 'scaling' || d.area === 'availability'))
        if (/\bCitus\b|PgBouncer|pg_stat_/.test(JSON.stringify(decision)))
          found.push({
            quantity: 'engine',
            message: `decision ${decision.id} states PostgreSQL machinery (Citus, PgBouncer or pg_stat_*) under ${engine.name}`,
          });
    }
  }

  // Every store the design names is used: a side store for caching must serve a cached pattern.
  for (const store of technology.polyglot)
    if (store.role === 'cache' && !design.caching.cached.some((c) => c.layer !== 'in-process'))
      found.push({ quantity: 'cache store', message: `technology names a ${store.engine} cache that no cached pattern uses` });
  // One mechanism per read: a pattern pre-aggregated into a view is not also cached.
  for (const cached of design.caching.cached) {
    const view = (design.schema.views ?? []).find((v) => v.origin === `modeling/aggregate/${cached.pattern}`);
    if (view)
      found.push({
        quantity: 'pre-aggregate and cache',
        message: `${cached.pattern} is served by the pre-aggregate ${view.name} and also cached (${cached.layer})`,
      });
  }
  return found;
}
