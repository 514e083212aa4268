import type { Requirements } from '../../model/spec.js';
import type { CloudProvider, EngineProfile, Level, ManagedOffering } from './engine-profile.js';

/** How an engine would run under the spec's cloud and managed-service requirements. */
export type Hosting =
  | {
      readonly kind: 'managed';
      readonly offering: ManagedOffering /** Other clouds with the same service, when the spec allows any cloud. */;
      readonly alsoOn: readonly CloudProvider[];
    }
  | { readonly kind: 'self-hosted' }
  | { readonly kind: 'unavailable' };

/** Managed offerings on the spec's cloud: every cloud for `any`, none on-premises. */
export function offeringsOnCloud(engine: EngineProfile, cloud: Requirements['cloud']): ManagedOffering[] {
  if (cloud === 'on-prem') return [];
  const onCloud = engine.managed.filter((m) => cloud === 'any' || m.cloud === cloud);
  // The cloud's own service first (it carries the cloud's certifications and billing), then the vendor's.
  return [...onCloud.filter((m) => m.operator === 'cloud-provider'), ...onCloud.filter((m) => m.operator === 'vendor')];
}

/** Managed unless the spec avoids managed services or none exists; self-hosted where the engine can be. */
export function hostingFor(engine: EngineProfile, requirements: Requirements): Hosting {
  const offerings = offeringsOnCloud(engine, requirements.cloud);
  const offering = offerings[0];
  if (requirements.managed === 'avoid' && engine.selfHosted) return { kind: 'self-hosted' };
  if (offering)
    return { kind: 'managed', offering, alsoOn: offerings.filter((o) => o.service === offering.service && o.cloud !== offering.cloud).map((o) => o.cloud) };
  return engine.selfHosted ? { kind: 'self-hosted' } : { kind: 'unavailable' };
}

/** Operational complexity as the team would meet it under that hosting. */
export function operationsLevel(engine: EngineProfile, hosting: Hosting): Level {
  if (hosting.kind === 'managed') return engine.operations.managed ?? 'medium';
  return engine.operations.selfHosted ?? 'high';
}

export function describeHosting(engine: EngineProfile, hosting: Hosting): string {
  if (hosting.kind === 'managed') return `${hosting.offering.service} on ${listClouds([hosting.offering.cloud, ...hosting.alsoOn])}`;
  if (hosting.kind === 'self-hosted') return `self-hosted ${engine.name}`;
  return `${engine.name} (not available here)`;
}

export function cloudName(cloud: CloudProvider): string {
  return { aws: 'AWS', gcp: 'Google Cloud', azure: 'Azure' }[cloud];
}

/** `AWS`, `AWS and Azure`, `AWS, Google Cloud and Azure`. */
export function listClouds(clouds: readonly CloudProvider[]): string {
  const names = [...new Set(clouds)].map(cloudName);
  return names.length <= 1 ? (names[0] ?? 'no cloud') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
