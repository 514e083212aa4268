import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { designFromFile, designFromSpec } from '../src/api/design.js';
import type { Engine } from '../src/engines/engine.js';
import { loadSpecText } from '../src/spec/load-spec.js';
import { minimalSpec, referenceDesign } from './helpers.js';
import { postgresServer } from './engines.js';
import { serverUrl } from './servers.js';

const server = serverUrl('postgres');

/** A table growing 100M rows a month with a 30-day retention: partitioned by week, which pg_partman 4.x names differently from the schema script. */
const WEEKLY = minimalSpec(
  `  event:\n    append_only: true\n    rows: 200M\n    growth: 100M/month\n    retention: 30d\n    fields:\n      at: timestamp!\n      payload: text\n`,
);

/** Runs a design's schema and jobs scripts in a schema of its own, then cleans up partman's and cron's rows for it. */
async function withJobs(
  design: () => ReturnType<typeof designFromFile>,
  check: (engine: Engine, schema: string, jobs: string) => Promise<void>,
): Promise<void> {
  const engine = await postgresServer().start();
  const schema = `dbarchitect_j_${randomBytes(4).toString('hex')}`;
  try {
    const extensions = await engine.query<{ extname: string }>(`SELECT extname FROM pg_extension WHERE extname IN ('pg_partman', 'pg_cron') ORDER BY extname`);
    assert.deepEqual(
      extensions.map((e) => e.extname),
      ['pg_cron', 'pg_partman'],
      'the test database has pg_cron and pg_partman (scripts/ci/start-servers.sh creates them)',
    );
    await engine.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
    const result = await design();
    assert.ok(result.ok);
    const ddl = result.artifacts.find((a) => a.path === 'schema/postgres.sql')!.content;
    const jobs = result.artifacts.find((a) => a.path === 'schema/postgres-jobs.sql')!.content;
    await engine.exec(ddl);
    await engine.exec(jobs);
    await check(engine, schema, jobs);
  } finally {
    await engine
      .exec(`SELECT cron.unschedule(jobid) FROM cron.job WHERE jobname LIKE '${schema}.%' OR jobname = 'dbarchitect_partman_maintenance'`)
      .catch(() => undefined);
    await engine.exec(`DELETE FROM partman.part_config WHERE parent_table LIKE '${schema}.%'`).catch(() => undefined);
    await engine.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await engine.close();
  }
}

describe('the jobs script on PostgreSQL with pg_partman and pg_cron', () => {
  it('the reference spec: partman manages inventory_event with its retention, cron schedules every job, and the script runs again', {
    skip: server.skip,
  }, async () => {
    await withJobs(
      () => referenceDesign(),
      async (engine, schema, jobs) => {
        const config = await engine.query(
          `SELECT parent_table, control, partition_interval, premake, retention, retention_keep_table FROM partman.part_config WHERE parent_table LIKE $1`,
          [`${schema}.%`],
        );
        assert.deepEqual(config, [
          {
            parent_table: `${schema}.inventory_event`,
            control: 'occurred_at',
            partition_interval: '1 mon',
            premake: 3,
            retention: '730 days',
            retention_keep_table: false,
          },
        ]);
        const cron = await engine.query<{ jobname: string; schedule: string; command: string }>(
          `SELECT jobname, schedule, command FROM cron.job WHERE jobname LIKE $1 OR jobname = 'dbarchitect_partman_maintenance' ORDER BY jobname COLLATE "C"`,
          [`${schema}.%`],
        );
        const byName = (a: { jobname: string }, b: { jobname: string }) => (a.jobname < b.jobname ? -1 : a.jobname > b.jobname ? 1 : 0);
        assert.deepEqual(
          [...cron].sort(byName),
          [
            ...['order', 'order_line', 'payment'].map((t) => ({
              jobname: `${schema}.dbarchitect_retention_${t}`,
              schedule: '* * * * *',
              command: `SELECT ${schema}.dbarchitect_retention_${t}()`,
            })),
            // the daily-revenue view refreshes every 295 s: every 4 minutes in pg_cron 1.4's minute schedule
            {
              jobname: `${schema}.refresh_daily_revenue_mv`,
              schedule: '*/4 * * * *',
              command: `REFRESH MATERIALIZED VIEW CONCURRENTLY ${schema}.daily_revenue_mv`,
            },
            { jobname: 'dbarchitect_partman_maintenance', schedule: '17 * * * *', command: 'CALL partman.run_maintenance_proc()' },
          ].sort(byName),
        );
        await engine.exec(`REFRESH MATERIALIZED VIEW CONCURRENTLY ${schema}.daily_revenue_mv`);
        assert.deepEqual(await engine.query(`SELECT ${schema}.dbarchitect_retention_order()::int AS n`), [{ n: 0 }], 'the scheduled command runs');
        await engine.exec(jobs);
        assert.equal(
          (await engine.query(`SELECT 1 FROM partman.part_config WHERE parent_table LIKE $1`, [`${schema}.%`])).length,
          1,
          'run again: still one configuration',
        );
        await engine.exec('CALL partman.run_maintenance_proc()');
      },
    );
  });

  it("weekly partitions are renamed to pg_partman's names and adopted, not duplicated", { skip: server.skip }, async () => {
    await withJobs(
      async () => {
        const loaded = await loadSpecText('weekly.yaml', WEEKLY);
        assert.ok(loaded.loaded);
        return designFromSpec(loaded.loaded, loaded.diagnostics);
      },
      async (engine, schema) => {
        const [config] = await engine.query<{ partition_interval: string; retention: string }>(
          `SELECT partition_interval, retention FROM partman.part_config WHERE parent_table = $1`,
          [`${schema}.event`],
        );
        assert.deepEqual(config, { partition_interval: '7 days', retention: '30 days' });
        const children = await engine.query<{ relname: string; lower: string }>(
          `SELECT c.relname, to_char((regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz, 'YYYY_MM_DD') AS lower FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass AND c.relname <> 'event_default' ORDER BY 1`,
          [`${schema}.event`],
        );
        assert.ok(children.length >= 5 + 3, 'the window the schema script made is still there');
        for (const child of children) assert.equal(child.relname, `event_p${child.lower}`, 'named by partman 4.x for a 1-week interval: its start day');
      },
    );
  });
});
