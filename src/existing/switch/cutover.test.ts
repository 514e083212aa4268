import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planCutover } from './cutover.js';
import type { SwitchMapping } from './mapping.js';

const mapping: SwitchMapping = {
  schema: { tables: [], enums: [] },
  schemaBeforeCopy: { tables: [], enums: [] },
  collations: [],
  mappings: [
    { table: 'events', column: 'labels', from: "set('a','b')", to: 'text[]', rule: 'set', why: '…' },
    { table: 'events', column: 'id', from: 'int(11) AUTO_INCREMENT', to: 'integer', rule: 'auto-increment', why: '…' },
  ],
  transfer: {
    tables: [
      { name: 'events', columns: [], key: ['id'] },
      { name: 'big', columns: [], key: ['id'] },
    ],
    identities: [{ table: 'events', column: 'id', sourceNext: '1000' }],
    foreignKeys: [],
  },
  diagnostics: [],
};

const MARIADB_READY = {
  log_bin: 'ON',
  binlog_format: 'ROW',
  binlog_row_image: 'FULL',
  gtid_strict_mode: 'ON',
  server_id: '7',
  binlog_expire_logs_seconds: '0',
  gtid_mode: null,
  enforce_gtid_consistency: null,
  expire_logs_days: '0',
};

const plan = (
  settings: Record<string, string | null>,
  tables = [
    { name: 'events', rows: 1_000, bytes: 2_000_000 },
    { name: 'big', rows: 50_000_000, bytes: 40_000_000_000 },
  ],
) =>
  planCutover({
    sourceLocation: 'mariadb://u@db/shop',
    sourceVersion: 'MariaDB 10.11.19',
    targetLocation: 'postgres://u@pg/shop',
    tables,
    settings,
    mapping,
  });

describe('the cutover plan', () => {
  it('estimates each phase from the table sizes at the stated rates, and which tables are checked inside the freeze', () => {
    const p = plan(MARIADB_READY);
    assert.deepEqual(
      p.tables.map((t) => [t.name, t.copySeconds, t.checksumSeconds, t.checksumInFreeze]),
      [
        ['events', 0.1, 0.1, true],
        ['big', 2000, 1000, false],
      ],
    );
    assert.deepEqual(p.totals, { rows: 50_001_000, bytes: 40_002_000_000, copySeconds: 2000.1, checksumSeconds: 1000.1 });
    assert.equal(p.phases.find((x) => x.name === 'Start the change capture, then copy the rows')?.seconds, 2000.1);
    // read_only 1 + drain 2 + one identity 0.1 (rounded) + counts 50,001,000 rows twice at 2M/s 50 + the small table's checksum 0.1 + the application 5.
    assert.deepEqual(
      p.writeFreeze.parts.map((x) => x.seconds),
      [1, 2, 0.1, 50, 0.1, 5],
    );
    assert.equal(p.writeFreeze.seconds, 58.2);
    assert.deepEqual(
      p.phases.map((x) => x.number),
      [1, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  });

  it('checks the source for change capture: MariaDB ready passes; MySQL without GTIDs and with a statement binlog is told what to change', () => {
    assert.ok(plan(MARIADB_READY).prerequisites.every((c) => c.ok));
    const mysql = plan({
      log_bin: 'ON',
      binlog_format: 'STATEMENT',
      binlog_row_image: 'MINIMAL',
      gtid_mode: 'OFF',
      enforce_gtid_consistency: 'OFF',
      gtid_strict_mode: null,
      server_id: '0',
      binlog_expire_logs_seconds: '3600',
      expire_logs_days: null,
    });
    assert.deepEqual(
      mysql.prerequisites.filter((c) => !c.ok).map((c) => `${c.setting}: ${c.current} -> ${c.required}`),
      [
        'binlog_format: STATEMENT -> ROW',
        'binlog_row_image: MINIMAL -> FULL',
        'gtid_mode: OFF -> ON',
        'enforce_gtid_consistency: OFF -> ON',
        'server_id: 0 -> not 0',
        'binlog_expire_logs_seconds: 3600 -> 0 (never) or at least 86400',
      ],
    );
    assert.match(mysql.phases[0]!.steps.join('\n'), /binlog_format: STATEMENT -> ROW \(SET GLOBAL binlog_format = ROW, and in my.cnf\)/);
  });

  it('names the tools, the conversions captured changes need, and the rollback criteria', () => {
    const p = plan(MARIADB_READY);
    const text = JSON.stringify(p.phases);
    assert.match(text, /io\.debezium\.connector\.mariadb\.MariaDbConnector/);
    assert.match(text, /JdbcSinkConnector/);
    assert.match(text, /pgloader/);
    assert.match(text, /restart events\.id past its maximum/);
    assert.deepEqual(
      p.captureConversions.map((c) => `${c.table}.${c.column} ${c.rule}`),
      ['events.labels set'],
    );
    assert.equal(p.rollback.triggers.length, 4);
    assert.match(p.rollback.triggers.join('\n'), /checksum or row-count mismatch/);
  });
});
