/**
 * bench/introspect-mysql: introspection of a generated MariaDB/MySQL database of 1,000 tables
 * (npm run bench:introspect-mysql; needs DBARCHITECT_MYSQL_URL). The same shape of schema as
 * bench/introspect.ts: an identity key, a tenant, a name unique per tenant, an amount with a CHECK,
 * a timestamp, a reference to the previous table, and two secondary indexes per table.
 *
 * Subject: the MySQL introspector (about 18 set-based information_schema queries).
 * Baseline, in the same run: a per-table reader (its columns, its constraints with their key
 * columns, its indexes: three information_schema queries a table) over 50 tables, scaled to 1,000.
 * Method: one warm-up, then --runs timed runs of each (default 3), median in ms.
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { auditIntrospection } from '../src/api/audit.js';
import { introspectorFor } from '../src/dialects/registry.js';
import type { SqlSession } from '../src/dialects/session.js';
import { connectMysql } from '../src/engines/mysql.js';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const TABLES = arg('tables', 1000);
const RUNS = arg('runs', 3);
const NAIVE_SAMPLE = 50;
const GOAL_MS = 10_000;

const url = process.env.DBARCHITECT_MYSQL_URL;
if (!url) {
  process.stderr.write('bench:introspect-mysql needs DBARCHITECT_MYSQL_URL (a MariaDB or MySQL server the user may create databases on)\n');
  process.exit(2);
}

const name = (i: number) => `t${String(i).padStart(4, '0')}`;
function ddl(i: number): string {
  const parent = i > 0 ? `, parent_id BIGINT, FOREIGN KEY (parent_id) REFERENCES ${name(i - 1)} (id)` : ', parent_id BIGINT';
  return (
    `CREATE TABLE ${name(i)} (id BIGINT AUTO_INCREMENT PRIMARY KEY, tenant_id CHAR(36) NOT NULL, name VARCHAR(100) NOT NULL,` +
    ` amount DECIMAL(12,2) NOT NULL CHECK (amount >= 0), created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP, status TEXT${parent},` +
    ` UNIQUE KEY (tenant_id, name), KEY (tenant_id, created_at)) ENGINE=InnoDB`
  );
}

async function naive(db: SqlSession, database: string): Promise<void> {
  for (let i = 0; i < NAIVE_SAMPLE; i++) {
    const params = [database, name(i)];
    await db.query('SELECT * FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION', params);
    await db.query(
      `SELECT tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME
       FROM information_schema.TABLE_CONSTRAINTS tc LEFT JOIN information_schema.KEY_COLUMN_USAGE k
         ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
       WHERE tc.TABLE_SCHEMA = ? AND tc.TABLE_NAME = ?`,
      params,
    );
    await db.query('SELECT * FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?', params);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(work: () => Promise<unknown>): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

const database = `dbarchitect_bench_${randomBytes(3).toString('hex')}`;
const admin = await connectMysql(url, { readOnly: false, statementTimeoutMs: 600_000 });
await admin.exec(`CREATE DATABASE ${database}`);
const benchUrl = (() => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
})();
try {
  const writer = await connectMysql(benchUrl, { readOnly: false, statementTimeoutMs: 600_000 });
  const started = performance.now();
  process.stderr.write(`building ${TABLES} tables…\n`);
  try {
    for (let i = 0; i < TABLES; i++) await writer.exec(ddl(i));
  } finally {
    await writer.close();
  }
  const buildMs = performance.now() - started;
  const reader = await connectMysql(benchUrl, { statementTimeoutMs: 300_000 });
  try {
    const introspector = introspectorFor('mysql')!;
    let read: Awaited<ReturnType<typeof introspector.introspect>> | undefined;
    process.stderr.write('introspecting…\n');
    const subjectMs = await time(async () => {
      read = await introspector.introspect(reader);
    });
    if (read!.schema.tables.length !== TABLES) throw new Error(`introspection read ${read!.schema.tables.length} tables, not ${TABLES}`);
    const auditMs = await time(async () =>
      auditIntrospection({
        ...read!,
        source: { dialect: 'mysql', kind: 'live', location: 'bench', serverVersion: read!.serverVersion, namespaces: read!.namespaces },
      }),
    );
    process.stderr.write(`naive per-table reading of ${NAIVE_SAMPLE} tables…\n`);
    const naiveMs = ((await time(() => naive(reader, database))) * TABLES) / NAIVE_SAMPLE;
    const f = (ms: number) => (ms >= 100 ? Math.round(ms).toLocaleString('en-US') : ms.toFixed(1));
    console.log(
      `MySQL/MariaDB introspection of ${TABLES} tables; machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, node ${process.version}\n`,
    );
    console.log('| engine | build (ms) | introspect (ms) | audit (ms) | naive per-table, scaled (ms) | naive ÷ introspect |');
    console.log('|---|---:|---:|---:|---:|---:|');
    console.log(`| ${read!.serverVersion} | ${f(buildMs)} | ${f(subjectMs)} | ${f(auditMs)} | ${f(naiveMs)} | ${(naiveMs / subjectMs).toFixed(1)}× |`);
    const total = subjectMs + auditMs;
    console.log(`${total < GOAL_MS ? 'PASS' : 'MISS'}: introspection and audit in ${f(total)} ms (goal < ${f(GOAL_MS)} ms)`);
  } finally {
    await reader.close();
  }
} finally {
  await admin.exec(`DROP DATABASE IF EXISTS ${database}`);
  await admin.close();
}
