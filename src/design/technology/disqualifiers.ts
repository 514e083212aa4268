import { TRANSACTION_WORDS } from './criteria/criterion.js';
import type { EngineProfile } from './engine-profile.js';
import { formatAmount, formatRate, formatVolume } from './format-amounts.js';
import { listClouds, offeringsOnCloud } from './hosting.js';
import type { WorkloadFeatures } from './workload-features.js';

/**
 * Hard limits: an engine that breaks one cannot be the choice, whatever it scores. Each reason says
 * what the engine lacks and which requirement or workload fact it breaks.
 */

/** Peak writes above this multiple of a single node's ceiling cannot be met by a bigger machine or batching. */
export const FAR_ABOVE_CEILING = 2;
/** RAM a data set may practically need on an in-memory engine (an assumption). */
const IN_MEMORY_LIMIT_BYTES = 1e12;

/** Limits that come from where and how the engine can run: they apply to any role (primary or a side store). */
export function hostingDisqualifiers(engine: EngineProfile, features: WorkloadFeatures): string[] {
  const { cloud, managed } = features.requirements;
  const reasons: string[] = [];
  if (engine.maturity === 'discontinued') reasons.push(`discontinued: ${engine.notes[0] ?? 'no longer offered'}`);
  const clouds = engine.managed.map((m) => m.cloud);
  if (!engine.selfHosted && cloud === 'on-prem')
    reasons.push(`runs only as a managed service (${clouds.length > 0 ? listClouds(clouds) : 'none left'}): the spec requires on-premises`);
  else if (!engine.selfHosted && cloud !== 'any' && offeringsOnCloud(engine, cloud).length === 0)
    reasons.push(`only available on ${listClouds(clouds)}: the spec's cloud is ${cloud}`);
  if (managed === 'required' && cloud !== 'on-prem' && offeringsOnCloud(engine, cloud).length === 0)
    reasons.push(`no managed offering on ${cloud === 'any' ? 'any of AWS, Google Cloud or Azure' : listClouds([cloud])}: the spec requires a managed service`);
  if (managed === 'avoid' && !engine.selfHosted) reasons.push('available only as a managed service: the spec avoids managed services');
  return reasons;
}

/** Every limit for the primary store: hosting, then consistency, transactions, write rate and volume. */
export function primaryStoreDisqualifiers(engine: EngineProfile, features: WorkloadFeatures): string[] {
  const reasons = hostingDisqualifiers(engine, features);
  const { consistency } = features.requirements;
  const offered = engine.consistency.offered;
  if (consistency === 'strong' && !offered.includes('strong')) reasons.push(`no strong consistency (offers ${offered.join(', ')}): the spec requires strong`);
  if (consistency === 'causal' && !offered.includes('causal') && !offered.includes('strong'))
    reasons.push(`eventual consistency only: the spec requires causal`);
  if (features.multiRowTransactions.needed && engine.transactions !== 'multi-row-acid' && engine.transactions !== 'multi-item-limited')
    reasons.push(`no multi-row ACID transactions (${TRANSACTION_WORDS[engine.transactions]}): ${features.multiRowTransactions.why}`);

  // Deduplication at merge time or last-write-wins is not a unique constraint: a retried or concurrent insert gets in.
  if (features.enforcedUniqueness.needed && engine.transactions === 'none')
    reasons.push(`enforces no unique key at write time (no transactions: duplicates are merged later, if at all): ${features.enforcedUniqueness.why}`);
  const peak = features.writes.perSecond;
  const ceiling = engine.singleNodeWritesPerSecond;
  if (engine.writeScaling === 'single-primary' && peak > FAR_ABOVE_CEILING * ceiling) {
    const alternative = engine.scaleOut ? `; to keep it, scale out with ${engine.scaleOut}` : '';
    reasons.push(
      `peak writes ${formatRate(peak)} are ${formatAmount(peak / ceiling)}× its single-node ceiling of about ${formatRate(ceiling)} (an order-of-magnitude assumption) and it does not shard writes natively${alternative}`,
    );
  }

  if (engine.systemOfRecord === 'no') reasons.push('keeps data only in memory, without persistence: a cache, not a store');
  const bytes = features.volume.bytes;
  if (engine.inMemory && bytes > IN_MEMORY_LIMIT_BYTES)
    reasons.push(
      `holds its data in memory: ${formatVolume(bytes)} at the ${features.volume.horizon} horizon is beyond the ${formatVolume(IN_MEMORY_LIMIT_BYTES)} assumed practical for RAM`,
    );
  if (engine.maxDataBytes !== undefined && bytes > engine.maxDataBytes)
    reasons.push(`${formatVolume(bytes)} at the ${features.volume.horizon} horizon exceeds its practical limit of ${formatVolume(engine.maxDataBytes)}`);
  return reasons;
}
