import { formatCount } from '../../format.js';
import type { Schema, Table } from '../../model/schema.js';
import type { Spec } from '../../model/spec.js';
import type { WorkloadPattern } from '../../sql/workload-pattern.js';
import { bindingsOf } from './bound-columns.js';
import type { Load } from '../../model/parts/load.js';
import type { ShardKeyCandidate } from '../../model/parts/scaling.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/** Tables up to this many rows at the horizon can be copied to every worker as reference tables. */
export const REFERENCE_TABLE_MAX_ROWS = 1_000_000;
/** Citus's default shard count; a key needs many more values than shards to spread evenly. */
export const DEFAULT_SHARD_COUNT = 32;
const VALUES_PER_SHARD = 100;
/** Tenants usually follow a power law: the largest may hold several percent of the rows (assumed). */
const TENANT_BALANCE = 0.8;

/** A table's rows and bytes at the horizon, as the capacity part states them. */
export interface TableAtHorizon {
  readonly table: string;
  readonly rows: number;
  readonly totalBytes: number;
}

/** A candidate with what distributing by it would mean for each table. */
export interface ShardKeyEvaluation extends ShardKeyCandidate {
  /** Distributed tables and their distribution column (the key, or the id of the table the key references). */
  readonly distributed: ReadonlyMap<string, string>;
  readonly referenceTables: readonly string[];
  readonly localTables: readonly string[];
  readonly balanceBasis: string;
}

/**
 * rule:shard-key-score. Candidates are tenant_id (shared-schema tenancy) and every reference column
 * (`device_id`, `customer_id`). Score = share of the load (rate × cost per call, from the load part)
 * that reaches one shard × cardinality (values ≥ 100 per shard → 1) × balance (tenants skewed: 0.8)
 * × share of the data in tables that are colocated or small enough to be reference tables. Highest
 * score wins; on a tie the key that keeps the hottest pattern on one shard, then by name.
 */
export function evaluateShardKeys(
  spec: Spec,
  schema: Schema,
  workload: readonly WorkloadPattern[],
  sizes: readonly TableAtHorizon[],
  load: Load,
): ShardKeyEvaluation[] {
  const hottest = [...load.patterns].filter((p) => !p.implied).sort((a, b) => b.unitsPerSecond - a.unitsPerSecond || a.name.localeCompare(b.name))[0]?.name;
  const keepsHottest = (e: ShardKeyEvaluation) => (hottest !== undefined && !e.crossShardPatterns.includes(hottest) ? 1 : 0);
  return candidateColumns(spec, schema)
    .map((column) => evaluate(column, spec, schema, workload, sizes, load))
    .sort((a, b) => b.score - a.score || keepsHottest(b) - keepsHottest(a) || a.column.localeCompare(b.column));
}

function candidateColumns(spec: Spec, schema: Schema): string[] {
  const columns = new Set<string>();
  if (spec.requirements.tenancy === 'shared-schema' && schema.tables.some((t) => t.tenantScoped)) columns.add(TENANT_COLUMN);
  for (const table of schema.tables)
    for (const fk of table.foreignKeys) {
      if (fk.refTable === table.name) continue; // a self-reference (a parent) cannot spread a table
      const column = fk.columns.filter((c) => c !== TENANT_COLUMN).at(-1);
      if (column) columns.add(column);
    }
  return [...columns].sort();
}

function evaluate(
  column: string,
  spec: Spec,
  schema: Schema,
  workload: readonly WorkloadPattern[],
  sizes: readonly TableAtHorizon[],
  load: Load,
): ShardKeyEvaluation {
  const rowsOf = (table: string) => sizes.find((s) => s.table === table)?.rows ?? 0;
  const referenced = referencedTable(column, schema);
  const distributed = new Map<string, string>();
  for (const table of schema.tables) if (table.columns.some((c) => c.name === column) && table.name !== referenced?.name) distributed.set(table.name, column);
  // A table that references the same entity by another name (follow.follower_id, post.author_id → user)
  // is distributed by that reference: the key is the entity, not the column's spelling.
  if (referenced && column !== TENANT_COLUMN)
    for (const table of schema.tables) {
      if (distributed.has(table.name) || table.name === referenced.name) continue;
      const fk = table.foreignKeys.find((f) => f.refTable === referenced.name);
      const own = fk?.columns.filter((c) => c !== TENANT_COLUMN).at(-1);
      if (own && rowsOf(table.name) > REFERENCE_TABLE_MAX_ROWS) distributed.set(table.name, own);
    }
  // The referenced table joins its rows by id: distributed by it when large, copied everywhere when small and global.
  const anchorColumn = referenced ? referenced.primaryKey.columns.filter((c) => c !== TENANT_COLUMN).at(-1) : undefined;
  if (referenced && anchorColumn && (referenced.tenantScoped || rowsOf(referenced.name) > REFERENCE_TABLE_MAX_ROWS))
    distributed.set(referenced.name, anchorColumn);
  const rest = schema.tables.filter((t) => !distributed.has(t.name));
  const referenceTables = rest.filter((t) => rowsOf(t.name) <= REFERENCE_TABLE_MAX_ROWS).map((t) => t.name);
  const localTables = rest.filter((t) => rowsOf(t.name) > REFERENCE_TABLE_MAX_ROWS).map((t) => t.name);

  const routable = workload.filter((p) => reachesOneShard(p, distributed));
  const crossShardPatterns = workload.filter((p) => !routable.includes(p)).map((p) => p.name);
  const totalRate = workload.reduce((s, p) => s + p.ratePerSecond, 0);
  const patternCoverage = workload.length ? routable.length / workload.length : 0;
  const rateCoverage = totalRate > 0 ? routable.reduce((s, p) => s + p.ratePerSecond, 0) / totalRate : 0;
  const unitsOf = (name: string) => load.patterns.find((p) => p.name === name)?.unitsPerSecond ?? 0;
  const totalUnits = workload.reduce((s, p) => s + unitsOf(p.name), 0);
  const loadCoverage = totalUnits > 0 ? routable.reduce((s, p) => s + unitsOf(p.name), 0) / totalUnits : rateCoverage;

  const distinctValues =
    column === TENANT_COLUMN
      ? (spec.requirements.tenants ?? (rowsOf('tenant') || 1000))
      : referenced
        ? rowsOf(referenced.name)
        : Math.max(0, ...[...distributed.keys()].map(rowsOf));
  const cardinality = Math.min(1, distinctValues / (DEFAULT_SHARD_COUNT * VALUES_PER_SHARD));
  const balance = column === TENANT_COLUMN ? TENANT_BALANCE : 1;
  const bytes = (names: readonly string[]) => sizes.filter((s) => names.includes(s.table)).reduce((sum, s) => sum + s.totalBytes, 0);
  const total = bytes(schema.tables.map((t) => t.name));
  const dataCoverage = total > 0 ? bytes([...distributed.keys(), ...referenceTables]) / total : 0;
  const score = loadCoverage * cardinality * balance * dataCoverage;
  return {
    column,
    score: round(score),
    patternCoverage: round(patternCoverage),
    rateCoverage: round(rateCoverage),
    loadCoverage: round(loadCoverage),
    distinctValues,
    balance,
    dataCoverage: round(dataCoverage),
    colocatedTables: [...distributed.keys()],
    crossShardPatterns,
    distributed,
    referenceTables,
    localTables,
    balanceBasis:
      column === TENANT_COLUMN
        ? `tenants are assumed skewed (a power law: the largest may hold several percent of the rows): ×${TENANT_BALANCE}`
        : `${formatCount(distinctValues)} values hashed over the shards spread evenly unless a few ${column.replace(/_id$/, '')}s dominate the writes`,
  };
}

/** The table a reference column points at: `device_id` → `device`, `tenant_id` → `tenant`. */
function referencedTable(column: string, schema: Schema): Table | undefined {
  for (const table of schema.tables)
    for (const fk of table.foreignKeys)
      if (fk.refTable !== table.name && fk.columns.filter((c) => c !== TENANT_COLUMN).at(-1) === column)
        return schema.tables.find((t) => t.name === fk.refTable);
  if (column === TENANT_COLUMN) return schema.tables.find((t) => t.name === 'tenant');
  return undefined;
}

/**
 * A pattern reaches one shard when every distributed table it touches has its distribution column
 * pinned to one value (directly or through a join), or, for an INSERT … VALUES, when it sets that column.
 * Patterns on reference or local tables only are served without fanning out.
 */
export function reachesOneShard(pattern: WorkloadPattern, distributed: ReadonlyMap<string, string>): boolean {
  const shape = pattern.shape;
  if (shape.kind === 'insert' && shape.source !== 'select') {
    const column = distributed.get(shape.writesTable);
    return column === undefined || shape.setColumns.includes(column);
  }
  const bindings = bindingsOf(shape);
  // INSERT … SELECT: the target is reached through the column it sets; the rows come from the SELECT's tables.
  const refs = shape.tables.filter((t) => distributed.has(t.table) && !(shape.kind === 'insert' && t.target));
  if (shape.kind === 'insert') {
    const column = distributed.get(shape.writesTable);
    if (column !== undefined && !shape.setColumns.includes(column)) return false;
  }
  return refs.every((ref) => bindings.isBound(ref.alias, distributed.get(ref.table)!));
}

const round = (x: number) => Number(x.toFixed(3));
