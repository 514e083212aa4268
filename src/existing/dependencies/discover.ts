import { columnPartition, PartitionWorkspace, partitionError, valueKey, wholePartition } from './partitions.js';
import { tane, type TaneOptions } from './tane.js';

export interface SampledTable {
  readonly table: string;
  readonly columns: readonly string[];
  /** The sampled rows, each one value per column in `columns` order. */
  readonly rows: readonly (readonly unknown[])[];
  /** Rows the table holds (counted or estimated), when known. */
  readonly tableRows?: number | null;
  /** True when the sample is every row of the table (it asked for more rows than there were). */
  readonly complete: boolean;
}

export interface FunctionalDependency {
  readonly lhs: readonly string[];
  readonly rhs: string;
  /** Sample rows that break it (g3: the fewest rows to remove for it to hold); 0 when it holds exactly. */
  readonly violations: number;
  /** The left-hand side is unique on the sample: it determines every column, as a key does. */
  readonly lhsUniqueOnSample: boolean;
}

export interface TableDependencies {
  readonly table: string;
  readonly columns: readonly string[];
  /** The evidence: rows the dependencies were found on. */
  readonly sampleRows: number;
  readonly tableRows: number | null;
  /**
   * The sample is the whole table: what holds on it holds on the table (as it was read). When false,
   * every dependency holds only on the sample: rows outside it may break it.
   */
  readonly sampleIsWholeTable: boolean;
  readonly maxLhs: number;
  readonly maxViolationRate: number;
  readonly dependencies: readonly FunctionalDependency[];
  /** One value on every sampled row (not NULL): reported apart, never as a dependency. */
  readonly constantColumns: readonly string[];
  /** NULL on every sampled row. */
  readonly nullColumns: readonly string[];
  /**
   * When the walk stopped early (its node or work bound): the widest determinant, in columns, that
   * was searched completely; wider ones up to maxLhs were not.
   */
  readonly searchedLhs?: number;
}

/**
 * The minimal functional dependencies of one table's sample (TANE, tane.ts), with the evidence: how
 * many rows, whether they are the whole table, and how many rows break each approximate one.
 * Columns constant or NULL on the whole sample are reported apart: they "depend" on anything.
 */
export function discoverTableDependencies(sample: SampledTable, options: TaneOptions = {}): TableDependencies {
  const { columns, rows } = sample;
  const values = columns.map((_, c) => rows.map((r) => r[c]));
  const maxLhs = options.maxLhs ?? 3;
  const result = tane(values, { ...options, maxLhs });
  const constant = new Set(result.dependencies.filter((d) => d.lhs.length === 0 && d.violations === 0).map((d) => d.rhs));
  const nullColumns = [...constant].filter((c) => rows.length > 0 && values[c]!.every((v) => valueKey(v) === 'null'));
  const workspace = new PartitionWorkspace(rows.length);
  const singles = values.map((v) => columnPartition(v));
  const unique = (lhs: readonly number[]) => partitionError(lhs.reduce((p, c) => workspace.product(p, singles[c]!), wholePartition(rows.length))) === 0;
  const dependencies = result.dependencies
    .filter((d) => !(d.lhs.length === 0 && constant.has(d.rhs)))
    .map((d) => ({ lhs: d.lhs.map((c) => columns[c]!), rhs: columns[d.rhs]!, violations: d.violations, lhsUniqueOnSample: unique(d.lhs) }));
  const tableRows = sample.tableRows ?? (sample.complete ? rows.length : null);
  return {
    table: sample.table,
    columns: [...columns],
    sampleRows: rows.length,
    tableRows,
    sampleIsWholeTable: sample.complete,
    maxLhs,
    maxViolationRate: options.maxViolationRate ?? 0,
    dependencies,
    constantColumns: [...constant].filter((c) => !nullColumns.includes(c)).map((c) => columns[c]!),
    nullColumns: nullColumns.map((c) => columns[c]!),
    ...(result.stoppedAtLevel !== undefined ? { searchedLhs: result.stoppedAtLevel - 2 } : {}),
  };
}
