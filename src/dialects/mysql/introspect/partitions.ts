import type { NativeObject } from '../../../model/schema.js';
import type { SqlSession } from '../../session.js';
import { quoteMysqlIdentifier as q } from '../quote.js';
import { byTable } from './keys.js';

export interface PartitionRow {
  readonly namespace: string;
  readonly tableName: string;
  readonly name: string;
  /** `RANGE`, `RANGE COLUMNS`, `LIST`, `LIST COLUMNS`, `HASH`, `LINEAR HASH`, `KEY`, `LINEAR KEY`, MariaDB's `SYSTEM_TIME`. */
  readonly method: string;
  readonly expression: string | null;
  /** The bound: `2025`, `MAXVALUE`, `'2024-01-01'`, `1,2,3`; NULL for HASH and KEY. */
  readonly description: string | null;
  readonly subMethod: string | null;
  readonly subExpression: string | null;
  readonly subName: string | null;
}

export const PARTITIONS_SQL = `SELECT TABLE_SCHEMA AS namespace, TABLE_NAME AS tableName, PARTITION_NAME AS name, PARTITION_METHOD AS method,
  PARTITION_EXPRESSION AS expression, PARTITION_DESCRIPTION AS description, SUBPARTITION_METHOD AS subMethod,
  SUBPARTITION_EXPRESSION AS subExpression, SUBPARTITION_NAME AS subName
FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA IN (?) AND PARTITION_NAME IS NOT NULL
ORDER BY TABLE_SCHEMA, TABLE_NAME, PARTITION_ORDINAL_POSITION, SUBPARTITION_ORDINAL_POSITION`;

/** The PARTITION BY clause of one table, as ALTER TABLE … takes it. */
export function partitionClause(rows: readonly PartitionRow[]): string {
  const first = rows[0]!;
  const method = first.method.toUpperCase();
  const columns = / COLUMNS$/.test(method) || / ?KEY$/.test(method);
  const by = `PARTITION BY ${method}${columns ? `(${first.expression ?? ''})` : ` (${first.expression ?? ''})`}`;
  const names = [...new Set(rows.map((r) => r.name))];
  const sub = first.subMethod
    ? ` SUBPARTITION BY ${first.subMethod} (${first.subExpression ?? ''}) SUBPARTITIONS ${rows.filter((r) => r.name === first.name).length}`
    : '';
  const bound = (row: PartitionRow) => {
    if (method.startsWith('RANGE')) return row.description === 'MAXVALUE' ? ' VALUES LESS THAN MAXVALUE' : ` VALUES LESS THAN (${row.description})`;
    if (method.startsWith('LIST')) return ` VALUES IN (${row.description})`;
    return '';
  };
  const partitions = names.map((name) => `PARTITION ${q(name)}${bound(rows.find((r) => r.name === name)!)}`);
  return `${by}${sub} (${partitions.join(', ')})`;
}

/**
 * Partitioning, one native object per table: the model's partitioning is a plan of time ranges
 * made and dropped around "now", which a server's fixed partition list does not state.
 */
export async function readPartitioning(db: SqlSession, namespaces: readonly string[]): Promise<Map<string, Omit<NativeObject, 'table'>>> {
  const out = new Map<string, Omit<NativeObject, 'table'>>();
  for (const [key, rows] of byTable(await db.query<PartitionRow>(PARTITIONS_SQL, [namespaces]))) {
    out.set(key, {
      kind: 'partitioning',
      name: rows[0]!.tableName,
      dialect: 'mysql',
      sql: partitionClause(rows),
      reason: `${rows[0]!.method} partitioning into ${new Set(rows.map((r) => r.name)).size} fixed partitions: the model plans time partitions made and dropped around now, not a fixed list`,
    });
  }
  return out;
}
