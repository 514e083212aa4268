import type { Decision } from '../../model/decision.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import type { NeverCached } from '../../model/parts/caching.js';
import { isWrite } from './invalidation.js';

/**
 * rule:never-cache-without-staleness. A read that states no staleness must see the latest committed
 * write: under strong (or causal) consistency that is read-your-writes, which no cache, replica or
 * view can promise. Under eventual consistency it is left uncached too, since the spec gives no bound
 * to set a TTL from. Reads that tolerate staleness but would rarely hit (their keys never repeat,
 * or the estimated hit rate is tiny) are listed with why. Writes are never cached.
 */
export function neverCachedPatterns(
  spec: Spec,
  workload: readonly WorkloadPattern[],
  notWorthCaching: ReadonlyMap<string, Omit<NeverCached, 'pattern'>>,
): NeverCached[] {
  const consistency = spec.requirements.consistency;
  const out: NeverCached[] = [];
  for (const pattern of workload) {
    if (isWrite(pattern.shape)) {
      out.push({ pattern: pattern.name, reason: 'write', detail: `writes \`${pattern.shape.writesTable}\`: writes go to the primary; they are not cached` });
      continue;
    }
    const skipped = notWorthCaching.get(pattern.name);
    if (skipped) {
      out.push({ pattern: pattern.name, ...skipped });
      continue;
    }
    if (spec.accessPatterns.find((p) => p.name === pattern.name)?.staleness) continue;
    out.push(
      consistency === 'eventual'
        ? {
            pattern: pattern.name,
            reason: 'no-staleness-bound',
            detail: 'no `staleness` stated: there is no bound to set a TTL from; add `staleness:` to allow a cache',
          }
        : {
            pattern: pattern.name,
            reason: 'read-your-writes',
            detail: `consistency is ${consistency} and no \`staleness\` is stated: the read must see the latest committed write`,
          },
    );
  }
  return out;
}

export function neverCachedDecision(spec: Spec, never: readonly NeverCached[]): Decision | undefined {
  if (never.length === 0) return undefined;
  const reads = never.filter((n) => n.reason === 'read-your-writes' || n.reason === 'no-staleness-bound');
  const unreusable = never.filter(
    (n) => n.reason === 'keys-never-repeat' || n.reason === 'low-hit-rate' || n.reason === 'primary-has-room' || n.reason === 'pre-aggregated',
  );
  const writes = never.filter((n) => n.reason === 'write');
  const readYourWrites = reads.some((n) => n.reason === 'read-your-writes');
  const names = (items: readonly NeverCached[]) => items.map((n) => n.pattern).join(', ');
  return {
    id: 'caching/never-cached',
    area: 'caching',
    title: readYourWrites ? 'Never cached: read-your-writes required' : reads.length ? 'Never cached: no staleness bound' : 'Not cached',
    choice: [
      reads.length ? `reads served from the primary, never cached: ${names(reads)}` : '',
      unreusable.length ? `stale-tolerant but not worth caching: ${names(unreusable)}` : '',
      writes.length ? `writes, not cached: ${names(writes)}` : '',
    ]
      .filter(Boolean)
      .join('; '),
    rationale: [
      ...(readYourWrites
        ? [
            `Consistency is ${spec.requirements.consistency} and these reads state no \`staleness\`: each must see the latest committed write (read-your-writes), which a cache, replica or view cannot promise.`,
          ]
        : reads.length
          ? ['Consistency is eventual, but these reads state no `staleness`: there is no bound to set a TTL from.']
          : []),
      ...(reads.length ? ['To cache one, add `staleness:` to its access pattern; the cache then honours that bound.'] : []),
      ...unreusable.map((n) => `${n.pattern} tolerates staleness, but ${n.detail}.`),
      ...(writes.length ? ['Writes go to the primary; they only invalidate or expire the cached reads of the tables they write.'] : []),
    ],
    alternatives: reads.length
      ? [{ option: 'cache them with a short TTL', rejectedBecause: 'any TTL lets a reader miss its own write: the spec asks for the latest value' }]
      : [],
    evidence: [
      {
        tier: 'derived',
        source: 'rule:never-cache-without-staleness',
        detail: `requirements.consistency = ${spec.requirements.consistency}; access patterns without \`staleness\``,
      },
      ...(never.some((n) => n.reason === 'primary-has-room')
        ? [{ tier: 'derived' as const, source: 'rule:cache-when-the-primary-is-busy', detail: never.find((n) => n.reason === 'primary-has-room')!.detail }]
        : []),
    ],
    patterns: never.map((n) => n.pattern),
  };
}
