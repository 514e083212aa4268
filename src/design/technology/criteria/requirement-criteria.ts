import type { Certification } from '../engine-profile.js';
import { describeHosting, operationsLevel } from '../hosting.js';
import { LEVEL_SCORE, statedOrDefault, TRANSACTION_WORDS, type Criterion } from './criterion.js';

/** Criteria weighted by the spec's non-functional requirements. */

export const consistencyCriterion: Criterion = {
  name: 'consistency',
  weight: (f) => {
    const c = f.requirements.consistency;
    return {
      weight: c === 'strong' ? 3 : c === 'causal' ? 2 : 1,
      why: `consistency: ${c} ${statedOrDefault(f, 'consistency')}${f.multiRowTransactions.needed ? '; multi-row transactions needed' : ''}`,
    };
  },
  judge: ({ engine }, f) => {
    const { offered, default: byDefault } = engine.consistency;
    const tx = TRANSACTION_WORDS[engine.transactions];
    const levels = `offers ${offered.join(', ')} (default ${byDefault})`;
    switch (f.requirements.consistency) {
      case 'strong': {
        if (!offered.includes('strong')) return { score: 0, why: `no strong consistency: ${levels}` };
        const txScore = !f.multiRowTransactions.needed
          ? 1
          : engine.transactions === 'multi-row-acid'
            ? 1
            : engine.transactions === 'multi-item-limited'
              ? 0.6
              : 0;
        const defaultScore = byDefault === 'strong' ? 1 : 0.8;
        return {
          score: Math.min(txScore, defaultScore),
          why: `${tx}; ${levels}${byDefault === 'strong' ? '' : ': strong only when asked for, at extra latency'}`,
        };
      }
      case 'causal':
        if (offered.includes('causal') || offered.includes('strong')) return { score: byDefault === 'eventual' ? 0.8 : 1, why: `${levels}; ${tx}` };
        return { score: 0.3, why: `eventual only: ${levels}` };
      case 'eventual':
        // Engines that are strong-only pay latency for consistency the spec does not need.
        if (!offered.includes('eventual')) return { score: 0.8, why: `strong only (${levels}): pays latency for consistency the spec does not need` };
        return { score: 1, why: levels };
    }
  },
};

export const availabilityCriterion: Criterion = {
  name: 'availability',
  weight: (f) => {
    const r = f.requirements;
    if (r.deployment === 'multi-region') return { weight: 3, why: `deployment: multi-region ${statedOrDefault(f, 'deployment')}` };
    return { weight: r.availability >= 99.99 ? 2 : 1, why: `availability ${r.availability}% in one region ${statedOrDefault(f, 'availability')}` };
  },
  judge: ({ engine, hosting }, f) => {
    if (f.requirements.deployment === 'multi-region') {
      const score = { 'active-active': 1, 'read-replicas': 0.5, none: 0.1 }[engine.multiRegion];
      const words = {
        'active-active': 'writes in several regions (active-active)',
        'read-replicas': 'one writing region, read replicas elsewhere',
        none: 'no multi-region replication',
      }[engine.multiRegion];
      return { score, why: words };
    }
    if (engine.failover === 'automatic') return { score: 1, why: 'automatic failover' };
    if (engine.failover === 'with-tooling')
      return hosting.kind === 'managed'
        ? { score: 1, why: 'failover handled by the managed service' }
        : { score: 0.7, why: 'failover needs extra tooling when self-hosted' };
    return { score: 0.2, why: 'no replication or failover in this edition' };
  },
};

export const operationsCriterion: Criterion = {
  name: 'operations',
  weight: (f) => ({ weight: { small: 3, medium: 2, large: 1 }[f.requirements.team], why: `team: ${f.requirements.team} ${statedOrDefault(f, 'team')}` }),
  judge: ({ engine, hosting }) => {
    const level = operationsLevel(engine, hosting);
    return { score: LEVEL_SCORE[level], why: `${level} operational complexity as ${describeHosting(engine, hosting)}` };
  },
};

export const costCriterion: Criterion = {
  name: 'cost',
  weight: (f) => ({ weight: { low: 3, medium: 2, high: 1 }[f.requirements.budget], why: `budget: ${f.requirements.budget} ${statedOrDefault(f, 'budget')}` }),
  judge: ({ engine }, f) => {
    const base = LEVEL_SCORE[engine.cost];
    const why = `${engine.cost} cost; ${engine.licence.kind} licence (${engine.licence.name})`;
    // Without managed services the licence is bought directly: a commercial one weighs on a low budget.
    if (f.requirements.budget === 'low' && f.requirements.managed === 'avoid' && engine.licence.kind === 'commercial')
      return { score: base * 0.5, why: `${why}: a commercial licence bought directly on a low budget` };
    return { score: base, why };
  },
};

export const hostingCriterion: Criterion = {
  name: 'hosting',
  weight: (f) => {
    const { managed, cloud } = f.requirements;
    const why = `cloud: ${cloud} ${statedOrDefault(f, 'cloud')}, managed: ${managed} ${statedOrDefault(f, 'managed')}`;
    return { weight: managed === 'any' && cloud === 'any' ? 0.5 : managed === 'any' ? 1 : 2, why };
  },
  judge: ({ engine, hosting }, f) => {
    const { managed } = f.requirements;
    if (hosting.kind === 'unavailable') return { score: 0, why: 'cannot run under these requirements' };
    if (managed === 'avoid' || f.requirements.cloud === 'on-prem') {
      if (hosting.kind !== 'self-hosted') return { score: 0, why: 'managed service only' };
      const score = { 'open-source': 1, 'source-available': 0.8, commercial: 0.6 }[engine.licence.kind];
      return { score, why: `self-hosted, ${engine.licence.kind} licence` };
    }
    if (hosting.kind === 'managed') {
      const byCloud = hosting.offering.operator === 'cloud-provider';
      const score = managed === 'any' ? 1 : byCloud ? 1 : 0.8;
      return { score, why: `${describeHosting(engine, hosting)} (${byCloud ? "the cloud's own service" : "the vendor's service"})` };
    }
    return { score: managed === 'any' ? 1 : 0.3, why: 'no managed offering here: self-hosted on virtual machines' };
  },
};

export const complianceCriterion: Criterion = {
  name: 'compliance',
  weight: (f) => {
    const required = certificationsRequired(f.requirements.compliance);
    if (required.length === 0) {
      const gdpr = f.requirements.compliance.includes('gdpr') ? 'GDPR is met by the design (region, erasure), not by the engine; ' : '';
      return { weight: 0, why: `${gdpr}no certification asked for` };
    }
    return { weight: 2, why: `compliance: ${required.join(', ')}` };
  },
  judge: ({ hosting }, f) => {
    const required = certificationsRequired(f.requirements.compliance);
    if (required.length === 0) return { score: 1, why: 'not required' };
    if (hosting.kind !== 'managed') return { score: 0.5, why: 'self-hosted: certification rests on your own controls and audit' };
    const held = required.filter((c) => hosting.offering.certifications.includes(c));
    const missing = required.filter((c) => !held.includes(c));
    return {
      score: held.length / required.length,
      why:
        missing.length === 0
          ? `${hosting.offering.service} is in scope for ${held.join(', ')}`
          : `${hosting.offering.service}: no sourced ${missing.join(', ')} certification`,
    };
  },
};

export const maturityCriterion: Criterion = {
  name: 'maturity',
  weight: () => ({ weight: 1, why: 'always weighed: a store outlives the code around it' }),
  judge: ({ engine }) => ({ score: { established: 1, mature: 0.8, young: 0.5, declining: 0.2, discontinued: 0 }[engine.maturity], why: engine.maturity }),
};

/** GDPR asks for design measures (residency, erasure) that any engine allows; the others are certifications of a service. */
function certificationsRequired(compliance: readonly string[]): Certification[] {
  return compliance.filter((c): c is Certification => c === 'hipaa' || c === 'pci-dss' || c === 'soc2');
}

export const REQUIREMENT_CRITERIA: readonly Criterion[] = [
  consistencyCriterion,
  availabilityCriterion,
  operationsCriterion,
  costCriterion,
  hostingCriterion,
  complianceCriterion,
  maturityCriterion,
];
