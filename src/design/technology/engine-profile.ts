/**
 * What the technology selection knows about one database engine. Every profile is data: the scoring
 * reads it and never names an engine. Claims that are not common knowledge name their source
 * (`sources`); claims that are judgement or order of magnitude are listed in `assumed`.
 */
export type EngineFamily = 'relational' | 'document' | 'key-value' | 'wide-column' | 'time-series' | 'newsql' | 'graph' | 'search' | 'multi-model';
export type CloudProvider = 'aws' | 'gcp' | 'azure';
export type ConsistencyLevel = 'strong' | 'causal' | 'eventual';
export type Certification = 'hipaa' | 'pci-dss' | 'soc2';
export type Level = 'low' | 'medium' | 'high';

/** 0 absent, 1 possible but weak (a workaround), 2 good, 3 a core strength of the engine. */
export type Strength = 0 | 1 | 2 | 3;

/**
 * `multi-row-acid`: any rows of any tables in one transaction. `multi-item-limited`: ACID over a
 * bounded set of items (DynamoDB: 100 items). `single-partition`: atomic within one partition or row
 * key only. `single-document`: atomic per document. `none`: no atomicity beyond one write.
 */
export type TransactionSupport = 'multi-row-acid' | 'multi-item-limited' | 'single-partition' | 'single-document' | 'none';

export type Maturity = 'established' | 'mature' | 'young' | 'declining' | 'discontinued';
export type LicenceKind = 'open-source' | 'source-available' | 'commercial';

export interface ManagedOffering {
  readonly cloud: CloudProvider;
  readonly service: string;
  /** Run by the cloud provider itself, or by the engine's vendor on that cloud. */
  readonly operator: 'cloud-provider' | 'vendor';
  /** Certifications of the managed service; empty where none was sourced. */
  readonly certifications: readonly Certification[];
  /** Where the certifications are listed (the cloud's compliance scope or the vendor's trust page). */
  readonly certificationSource?: string;
  /** The service's own page. */
  readonly source: string;
}

/** The properties a source or an assumption can be attached to. */
export type Claim =
  | 'dataModel'
  | 'consistency'
  | 'transactions'
  | 'joins'
  | 'analytics'
  | 'fullTextSearch'
  | 'graphTraversal'
  | 'timeSeries'
  | 'writeScaling'
  | 'singleNodeWritesPerSecond'
  | 'maxDataBytes'
  | 'systemOfRecord'
  | 'failover'
  | 'multiRegion'
  | 'managed'
  | 'certifications'
  | 'licence'
  | 'maturity'
  | 'pacelc';

export interface EngineProfile {
  /** Lower case, stable: `postgresql`, `cosmosdb`. */
  readonly id: string;
  readonly name: string;
  readonly family: EngineFamily;
  /** Other families the engine belongs to (ArangoDB: graph as well as multi-model). */
  readonly alsoIn: readonly EngineFamily[];
  readonly dataModel: string;
  readonly consistency: { readonly offered: readonly ConsistencyLevel[]; readonly default: ConsistencyLevel; readonly tunable: boolean };
  readonly transactions: TransactionSupport;
  /** How the spec's access patterns (SQL) would be written: as they are, in a SQL-like dialect, or rewritten in the engine's own API. */
  readonly queryLanguage: { readonly kind: 'sql' | 'sql-like' | 'own'; readonly name: string };
  readonly joins: Strength;
  readonly secondaryIndexes: Strength;
  readonly analytics: Strength;
  readonly fullTextSearch: Strength;
  readonly graphTraversal: Strength;
  readonly timeSeries: Strength;
  /** `native-sharding`: adding nodes adds write capacity without application changes. */
  readonly writeScaling: 'native-sharding' | 'single-primary';
  /** Rows per second one node sustains: an order-of-magnitude assumption, never a measurement. */
  readonly singleNodeWritesPerSecond: number;
  /** The data must fit in memory (cost per byte, and a bound on volume). */
  readonly inMemory: boolean;
  /** A practical bound on the whole data set, where the engine documents one. */
  readonly maxDataBytes?: number;
  /** Can hold the only copy of the data: `with-caveats` means durability is optional or not its purpose. */
  readonly systemOfRecord: 'yes' | 'with-caveats' | 'no';
  /** How a failed primary is replaced: by the engine, by extra tooling (Patroni, orchestrator), or not at all. */
  readonly failover: 'automatic' | 'with-tooling' | 'none';
  readonly multiRegion: 'active-active' | 'read-replicas' | 'none';
  readonly managed: readonly ManagedOffering[];
  /** Can run on your own machines (open source, source-available or a commercial licence). */
  readonly selfHosted: boolean;
  readonly licence: { readonly kind: LicenceKind; readonly name: string };
  /** Typical total cost at small to medium scale, licence and hosting together. */
  readonly cost: Level;
  /** Operational complexity for the team: running it yourself, and as a managed service. */
  readonly operations: { readonly selfHosted?: Level; readonly managed?: Level };
  readonly maturity: Maturity;
  /** Under a partition: keeps consistency (CP) or availability (AP); for the default configuration. */
  readonly cap: 'CP' | 'AP';
  /** PACELC for the default configuration: P(A|C) under a partition, E(L|C) otherwise. */
  readonly pacelc: 'PC/EC' | 'PC/EL' | 'PA/EL' | 'PA/EC';
  /** The consistency trade-off in plain words: what you get, what it costs, what is tunable. */
  readonly tradeoff: string;
  /** How another store can follow its changes (change data capture), where it has a mechanism. */
  readonly changeCapture?: string;
  /** For single-primary engines: how writes go beyond one node when they must. */
  readonly scaleOut?: string;
  /** The index that serves full-text predicates (`@@`, MATCH), in the engine's terms. */
  readonly fullTextIndex?: string;
  /** The index that serves substring and pattern predicates (LIKE '%…%', regular expressions), where it differs. */
  readonly patternIndex?: string;
  /** Runs inside another catalog engine (an extension): using both is one system, not two. */
  readonly extends?: string;
  /** What a designer must know: limits, deprecations, the usual alternative. */
  readonly notes: readonly string[];
  readonly sources: Readonly<Partial<Record<Claim, string>>>;
  /** Claims that are judgement or order of magnitude rather than documented fact. */
  readonly assumed: readonly Claim[];
}
