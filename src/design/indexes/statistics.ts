import { isGeneratedColumn, type Schema, type Table } from '../../model/schema.js';
import { growthPerSecond } from '../workload/growth.js';
import { DEFAULT_NUM_DISTINCT } from '../workload/selectivity.js';
import { TENANT_COLUMN } from '../../model/naming.js';

/**
 * What the advisor assumes about the data before any engine has seen it: table sizes from the
 * spec's volumes and distinct counts from keys, references and enums. Every number says how it
 * was found so the decision can show it.
 */
export interface ColumnDistinct {
  readonly distinct: number;
  readonly basis: string;
}

/** Rows that share one value of a column leading a composite key (a stream's events, an order's lines): assumed. */
const KEY_PREFIX_ROWS = 10;
/** Distinct values of a table we know nothing about (an unknown table name). */
const UNKNOWN_DISTINCT = 10;

export class VolumeStatistics {
  private readonly tables: Map<string, Table>;
  /**
   * `rowCounts` replaces the spec's current rows, e.g. with the rows at the horizon; without it,
   * tables without a volume count as 1,000 (assumed).
   */
  constructor(
    private readonly schema: Schema,
    private readonly tenants: number | undefined,
    private readonly rowCounts?: ReadonlyMap<string, number>,
  ) {
    this.tables = new Map(schema.tables.map((t) => [t.name, t]));
  }

  rows(table: string): number {
    return this.rowCounts?.get(table) || this.tables.get(table)?.volume?.rows || 1000;
  }

  /** Rows the table gains per second, from the spec's growth. */
  growthPerSecond(table: string): number {
    return growthPerSecond(this.tables.get(table));
  }

  hasVolume(table: string): boolean {
    return Boolean(this.tables.get(table)?.volume?.rows);
  }

  distinct(tableName: string, column: string): ColumnDistinct {
    const table = this.tables.get(tableName);
    const rows = this.rows(tableName);
    if (!table) return { distinct: UNKNOWN_DISTINCT, basis: 'unknown table' };
    if (column === TENANT_COLUMN && table.tenantScoped) {
      const tenants = this.tenants ?? (this.tables.get('tenant')?.volume?.rows || undefined);
      if (tenants) return { distinct: Math.min(tenants, rows), basis: `${tenants} tenants` };
    }
    const single = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)].some((cols) => cols.length === 1 && cols[0] === column);
    if (single) return { distinct: rows, basis: 'unique' };
    const stated = table.columns.find((c) => c.name === column)?.distinct;
    if (stated !== undefined) return { distinct: Math.max(1, Math.min(rows, stated)), basis: 'stated in the spec' };
    if (isGeneratedColumn(table, column)) return { distinct: rows, basis: 'a generated key: one row per value' };
    const fk = table.foreignKeys.find((f) => f.columns[f.columns.length - 1] === column);
    if (fk) return { distinct: Math.min(rows, this.rows(fk.refTable)), basis: `references ${fk.refTable}` };
    const leads = [table.primaryKey.columns, ...table.uniques.map((u) => u.columns)].some(
      (cols) => cols.filter((c) => c !== TENANT_COLUMN)[0] === column && cols.length > 1,
    );
    if (leads)
      return {
        distinct: Math.max(1, Math.round(rows / KEY_PREFIX_ROWS)),
        basis: `leads a composite key: ~${KEY_PREFIX_ROWS} rows per value assumed (state its \`distinct\` to refine)`,
      };
    const type = table.columns.find((c) => c.name === column)?.type;
    if (type?.kind === 'enum') {
      const values = this.schema.enums.find((e) => e.name === type.name)?.values.length ?? UNKNOWN_DISTINCT;
      return { distinct: values, basis: `${values} enum values` };
    }
    if (type?.kind === 'bool') return { distinct: 2, basis: 'boolean' };
    return {
      distinct: Math.min(rows, DEFAULT_NUM_DISTINCT),
      basis: `assumed: PostgreSQL's default of ${DEFAULT_NUM_DISTINCT} distinct values without statistics`,
    };
  }

  /** Rows matching equality on all `columns`: rows / product of distinct counts (independence assumed). */
  matching(table: string, columns: readonly string[]): number {
    const t = this.tables.get(table);
    const rows = this.rows(table);
    if (t && [t.primaryKey.columns, ...t.uniques.map((u) => u.columns)].some((key) => key.every((c) => columns.includes(c)))) return 1;
    const divisor = columns.reduce((product, c) => product * this.distinct(table, c).distinct, 1);
    return Math.max(1, rows / divisor);
  }
}
