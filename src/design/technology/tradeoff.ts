import type { EngineProfile } from './engine-profile.js';
import type { WorkloadFeatures } from './workload-features.js';

/** The consistency trade-off of the chosen engine, stated against what the spec asked for. */
export interface ConsistencyTradeoff {
  readonly cap: EngineProfile['cap'];
  readonly pacelc: EngineProfile['pacelc'];
  readonly explanation: string;
}

export function tradeoffFor(engine: EngineProfile, features: WorkloadFeatures): ConsistencyTradeoff {
  const { consistency, deployment } = features.requirements;
  const partitionSide = engine.pacelc.startsWith('PC');
  const latencySide = engine.pacelc.endsWith('EC');
  const parts = [`${engine.name}: ${engine.tradeoff}.`];

  if (consistency === 'strong') {
    if (engine.consistency.default === 'strong')
      parts.push(
        `The spec asks for strong consistency, which this default keeps${partitionSide ? ': the price is unavailability on the cut-off side of a partition' : ''}${latencySide ? ' and commit latency that includes replication' : ''}.`,
      );
    else
      parts.push(
        `The spec asks for strong consistency: use the engine's strong mode (not its ${engine.consistency.default} default), and accept the availability and latency its default would have bought.`,
      );
  } else if (consistency === 'causal') {
    parts.push(
      engine.consistency.offered.includes('causal')
        ? 'The spec asks for causal consistency, which the engine offers directly (sessions that read their own writes).'
        : 'The spec asks for causal consistency: the engine gives more (strong), paid in latency.',
    );
  } else {
    parts.push(
      partitionSide || latencySide
        ? 'The spec accepts eventual consistency; this engine is more consistent than needed in some paths, and pays latency for it there.'
        : 'The spec accepts eventual consistency, so the engine may stay available and answer from the nearest replica: readers can see slightly stale data.',
    );
  }

  if (deployment === 'multi-region')
    parts.push(
      engine.multiRegion === 'active-active'
        ? latencySide
          ? 'Across regions, a strongly consistent write waits for a cross-region quorum: tens to hundreds of milliseconds.'
          : 'Across regions, writes are accepted locally and replicated asynchronously: concurrent writes to the same row resolve by the engine’s conflict rule.'
        : 'Across regions, only one region writes: the others serve (stale) reads and take over on failover.',
    );
  else if (engine.writeScaling === 'single-primary')
    parts.push('In one region with one primary, the CAP choice shows only at failover: while a standby is promoted, writes stop.');
  return { cap: engine.cap, pacelc: engine.pacelc, explanation: parts.join(' ') };
}
