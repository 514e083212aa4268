import type { PatternLoad } from '../../model/parts/load.js';
import type { Pooling } from '../../model/parts/scaling.js';

/** SSD or NVMe storage with the hot set in RAM: counts as one effective spindle. */
const EFFECTIVE_SPINDLES = 1;
/** Connections kept outside the pool: superuser, replication, monitoring, migrations. */
const RESERVED_CONNECTIONS = 20;
/** Each application instance's pool of client connections to PgBouncer (assumed default). */
const APP_POOL_PER_INSTANCE = 10;
/** Client connections PgBouncer accepts: room for 100 instances × 10. */
const MAX_CLIENT_CONNECTIONS = 1000;
/** A pattern without a p99 is assumed to spend this long in the database. */
const DEFAULT_P99_SECONDS = 0.05;
/**
 * rule:pooler-when-it-pays. Below this many queries a second, and with fewer application connections
 * than PostgreSQL serves comfortably, a pooler is one more process to run, fail over and monitor for
 * nothing: the applications connect directly.
 */
export const POOLER_MIN_QUERIES_PER_SECOND = 100;
/** Assumed application instances when the spec states none: with APP_POOL_PER_INSTANCE, the client connections. */
const APP_INSTANCES = 4;

/**
 * rule:pool-size. PgBouncer in transaction mode multiplexes many client connections onto a few server
 * connections: a server pool of (cores × 2) + effective spindles keeps every core busy while one
 * waits on I/O; more connections only add contention. Queries in flight at peak (Little's law:
 * Σ rate × time in database, with p99 as an upper bound) wait in PgBouncer's queue, not in PostgreSQL.
 */
export function planPooling(vcpu: number, loads: readonly PatternLoad[]): Pooling {
  const serverPoolSize = vcpu * 2 + EFFECTIVE_SPINDLES;
  const peak = loads.filter((l) => !l.implied).reduce((sum, l) => sum + l.ratePerSecond * (l.p99Seconds ?? DEFAULT_P99_SECONDS), 0);
  const peakConcurrentQueries = Math.ceil(peak);
  const queriesPerSecond = loads.filter((l) => !l.implied).reduce((sum, l) => sum + l.ratePerSecond, 0);
  if (queriesPerSecond < POOLER_MIN_QUERIES_PER_SECOND) {
    const clients = APP_INSTANCES * APP_POOL_PER_INSTANCE;
    return {
      pooler: 'none',
      mode: 'direct',
      serverPoolSize,
      maxConnections: clients + RESERVED_CONNECTIONS,
      appPoolPerInstance: APP_POOL_PER_INSTANCE,
      maxClientConnections: clients,
      peakConcurrentQueries,
      basis: [
        `no pooler: ${Number(queriesPerSecond.toPrecision(3))} queries/s is under ${POOLER_MIN_QUERIES_PER_SECOND}/s, where a pooler pays for the process it adds; the applications connect directly`,
        `max_connections = ${clients + RESERVED_CONNECTIONS} (${APP_INSTANCES} application instances × ${APP_POOL_PER_INSTANCE}, assumed, + ${RESERVED_CONNECTIONS} reserved); at most ~${peakConcurrentQueries} queries in flight at peak (Σ rate × p99)`,
        `add PgBouncer in transaction mode when the rate passes ${POOLER_MIN_QUERIES_PER_SECOND}/s or the application instances multiply`,
      ],
    };
  }
  return {
    pooler: 'PgBouncer',
    mode: 'transaction',
    serverPoolSize,
    maxConnections: serverPoolSize + RESERVED_CONNECTIONS,
    appPoolPerInstance: APP_POOL_PER_INSTANCE,
    maxClientConnections: MAX_CLIENT_CONNECTIONS,
    peakConcurrentQueries,
    basis: [
      `server pool = (${vcpu} cores × 2) + ${EFFECTIVE_SPINDLES} effective spindle = ${serverPoolSize} (default_pool_size); max_connections = ${serverPoolSize + RESERVED_CONNECTIONS} (the pool + ${RESERVED_CONNECTIONS} reserved)`,
      `at most ~${peakConcurrentQueries} queries in flight at peak (Σ rate × p99, an upper bound): ${peakConcurrentQueries > serverPoolSize ? 'more than the server pool, so short queues form in PgBouncer at peak, which is cheaper than more backends contending for the cores' : 'within the server pool'}`,
      `application side: ${APP_POOL_PER_INSTANCE} connections per instance to PgBouncer (assumed), keeping instances × ${APP_POOL_PER_INSTANCE} ≤ max_client_conn = ${MAX_CLIENT_CONNECTIONS}`,
      'transaction mode: no session state across transactions (SET → SET LOCAL, session advisory locks, LISTEN, WITH HOLD cursors); prepared statements need PgBouncer ≥ 1.21 with max_prepared_statements',
    ],
  };
}
