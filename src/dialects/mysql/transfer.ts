import type { SqlSession } from '../session.js';
import type { BoundStatement, DataFactsRequest, SourceColumnFacts, SourceDataFacts, TransferSource, TransferTable } from '../transfer.js';
import { parseQuotedList, quoteMysqlIdentifier as q } from './quote.js';

/** The columns of the connection's database with what the model does not carry: the full declaration, charset and collation. */
export const COLUMN_FACTS_SQL = `SELECT TABLE_NAME AS tableName, COLUMN_NAME AS columnName, DATA_TYPE AS dataType, COLUMN_TYPE AS columnType,
  COLLATION_NAME AS collation, CHARACTER_SET_NAME AS charset
FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION`;

interface FactsRow {
  readonly tableName: string;
  readonly columnName: string;
  readonly dataType: string;
  readonly columnType: string;
  readonly collation: string | null;
  readonly charset: string | null;
}

/**
 * One statement per table counting, per column, what decides its mapping: zero dates (a zero
 * year, month or day: PostgreSQL has none of them), `tinyint(1)` values other than 0 and 1, and
 * `time` values outside one day.
 */
export function dataFactsSql(request: DataFactsRequest): string {
  const parts = [
    ...request.dates.map((c, i) => `COALESCE(SUM(YEAR(${q(c)}) = 0 OR MONTH(${q(c)}) = 0 OR DAYOFMONTH(${q(c)}) = 0), 0) AS d${i}`),
    ...request.booleans.map((c, i) => `COALESCE(SUM(${q(c)} NOT IN (0, 1)), 0) AS b${i}`),
    ...request.times.map((c, i) => `COALESCE(SUM(${q(c)} < '00:00:00' OR ${q(c)} >= '24:00:00'), 0) AS t${i}`),
  ];
  return `SELECT ${parts.join(', ')} FROM ${q(request.table)}`;
}

/**
 * A batch of rows in key order. Text key columns are compared and ordered as bytes (`BINARY`), so
 * the order is the code-point order PostgreSQL's "C" collation gives on the other side, whatever
 * the columns' collations say. A spatial value is read as its well-known binary (the driver would
 * turn it into an object), JSON as its text (the driver would parse it and lose `2.50`'s digits).
 */
export function mysqlSelectBatch(table: TransferTable, after: readonly unknown[] | undefined, limit: number): BoundStatement {
  const select = table.columns.map((c, i) => {
    const value = c.sourceRead === 'wkb' ? `ST_AsBinary(${q(c.name)})` : c.kind === 'json' ? `CAST(${q(c.name)} AS CHAR)` : q(c.name);
    return `${value} AS c${i}`;
  });
  const keyExpression = (name: string) => {
    const column = table.columns.find((c) => c.name === name);
    return column?.kind === 'text' ? `BINARY ${q(name)}` : q(name);
  };
  const keys = table.key.map(keyExpression);
  const where = after === undefined ? '' : keys.length === 1 ? ` WHERE ${keys[0]} > ?` : ` WHERE (${keys.join(', ')}) > (${keys.map(() => '?').join(', ')})`;
  return {
    sql: `SELECT ${select.join(', ')} FROM ${q(table.name)}${where} ORDER BY ${keys.join(', ')} LIMIT ${Math.max(1, Math.trunc(limit))}`,
    params: after ?? [],
  };
}

/**
 * What a binlog reader (Debezium's MySQL and MariaDB connectors) needs of the server: the binary
 * log on, row-based with full row images, GTIDs (MySQL: gtid_mode; MariaDB always has them, strict
 * mode keeps them ordered), a unique server_id, and logs kept longer than the initial copy takes.
 */
export const CAPTURE_SETTINGS = [
  'log_bin',
  'binlog_format',
  'binlog_row_image',
  'gtid_mode',
  'enforce_gtid_consistency',
  'gtid_strict_mode',
  'server_id',
  'binlog_expire_logs_seconds',
  'expire_logs_days',
] as const;

export const CAPTURE_SETTINGS_SQL = `SHOW GLOBAL VARIABLES WHERE Variable_name IN (${CAPTURE_SETTINGS.map((n) => `'${n}'`).join(', ')})`;

const toCount = (value: unknown): number => Number(value ?? 0);

/** MySQL and MariaDB as the source of an engine switch: read-only statements, bounded by the session's timeouts. */
export const mysqlTransferSource: TransferSource = {
  dialect: 'mysql',
  async columnFacts(db: SqlSession): Promise<SourceColumnFacts[]> {
    const rows = await db.query<FactsRow>(COLUMN_FACTS_SQL);
    return rows.map((r) => ({
      table: r.tableName,
      column: r.columnName,
      dataType: r.dataType.toLowerCase(),
      columnType: r.columnType,
      collation: r.collation,
      charset: r.charset,
      ...(/^(enum|set)$/i.test(r.dataType) ? { members: parseQuotedList(r.columnType) } : {}),
    }));
  },
  async dataFacts(db: SqlSession, requests: readonly DataFactsRequest[]): Promise<SourceDataFacts[]> {
    const out: SourceDataFacts[] = [];
    for (const request of requests) {
      if (request.dates.length + request.booleans.length + request.times.length === 0) continue;
      const [row] = await db.query<Record<string, unknown>>(dataFactsSql(request));
      const facts = new Map<string, { zeroDates: number; nonBoolean: number; outsideDay: number }>();
      const of = (column: string) => facts.get(column) ?? facts.set(column, { zeroDates: 0, nonBoolean: 0, outsideDay: 0 }).get(column)!;
      request.dates.forEach((c, i) => (of(c).zeroDates = toCount(row?.[`d${i}`])));
      request.booleans.forEach((c, i) => (of(c).nonBoolean = toCount(row?.[`b${i}`])));
      request.times.forEach((c, i) => (of(c).outsideDay = toCount(row?.[`t${i}`])));
      for (const [column, counts] of facts) out.push({ table: request.table, column, ...counts });
    }
    return out;
  },
  async captureSettings(db: SqlSession): Promise<Record<string, string | null>> {
    const rows = await db.query<{ Variable_name: string; Value: string }>(CAPTURE_SETTINGS_SQL);
    return Object.fromEntries(CAPTURE_SETTINGS.map((name) => [name, rows.find((r) => r.Variable_name.toLowerCase() === name)?.Value ?? null]));
  },
  selectBatch: mysqlSelectBatch,
  countRows: (table) => `SELECT COUNT(*) AS n FROM ${q(table)}`,
};
