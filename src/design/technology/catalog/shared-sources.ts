import type { ManagedOffering } from '../engine-profile.js';
/** Sources cited by several engines: the PACELC classification and the clouds' compliance scopes. */

/** Abadi, "Consistency Tradeoffs in Modern Distributed Database System Design" (IEEE Computer, 2012): where PACELC comes from. */
export const PACELC_PAPER = 'https://www.cs.umd.edu/~abadi/papers/abadi-pacelc.pdf';
/** The table of PACELC ratings (DynamoDB, Cassandra, Cosmos DB, BigTable/HBase, MongoDB, FaunaDB, Couchbase, ...). */
export const PACELC_TABLE = 'https://en.wikipedia.org/wiki/PACELC_design_principle';

/** AWS services in scope of HIPAA, PCI DSS and SOC reports. */
export const AWS_COMPLIANCE_SCOPE = 'https://aws.amazon.com/compliance/services-in-scope/';
/** Google Cloud services in scope of HIPAA, PCI DSS and SOC 2. */
export const GCP_COMPLIANCE_SCOPE = 'https://cloud.google.com/security/compliance/services-in-scope';
/** Azure compliance offerings (HIPAA/HITECH, PCI DSS, SOC 2) with the services in scope. */
export const AZURE_COMPLIANCE_SCOPE = 'https://learn.microsoft.com/azure/compliance/offerings/';

export const GB = 1024 ** 3;

/** A vendor's own service, sold the same way on all three clouds: one entry per cloud. */
export function onEveryCloud(offering: Omit<ManagedOffering, 'cloud'>): ManagedOffering[] {
  return (['aws', 'gcp', 'azure'] as const).map((cloud) => ({ cloud, ...offering }));
}
