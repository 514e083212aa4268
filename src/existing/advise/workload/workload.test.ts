import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { column, schemaOf, table } from '../../../model/test-tables.test-helper.js';
import { loadPgParser } from '../../../sql/pg-parser.js';
import { workloadFromLog } from './from-log.js';
import { workloadFromSqlFile } from './from-sql-file.js';
import { workloadFromStatRows } from './from-stat-statements.js';

const schema = schemaOf(
  table('orders', [
    column('id', { kind: 'int64' }),
    column('customer_id', { kind: 'int64' }),
    column('status', { kind: 'text' }),
    column('created_at', { kind: 'timestamp', withTimeZone: true }),
  ]),
);

before(loadPgParser);

describe('workload from a SQL file', () => {
  it('reads one statement each with its rate, name, parameters and position; writes carry their table', () => {
    const text = [
      '-- rate: 40/s',
      '-- name: by_customer',
      'SELECT * FROM orders WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 20;',
      '',
      "SELECT count(*) FROM orders WHERE status = 'open';",
      '-- rate: 2k/min',
      'UPDATE orders SET status = $2 WHERE id = $1;',
    ].join('\n');
    const { workload, diagnostics } = workloadFromSqlFile('q.sql', text, schema);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      workload.queries.map((q) => [
        q.id,
        q.weight,
        q.parameters,
        q.write?.kind ?? 'read',
        q.origin.kind === 'file' ? `${q.origin.line}:${q.origin.column}:${q.origin.rateBasis}` : '',
      ]),
      [
        ['by_customer', 40, 1, 'read', '3:1:stated'],
        ['q2', 1, 0, 'read', '5:1:assumed'],
        ['q3', 2000 / 60, 2, 'update', '7:1:stated'],
      ],
    );
    assert.deepEqual(workload.queries[2]!.write, { table: 'orders', kind: 'update', setColumns: ['status'] });
  });

  it('bad SQL, a statement that is not a query and a bad rate are errors at their line and column', () => {
    const text = ['SELECT * FROM orders WHERE;', 'CREATE INDEX ON orders (status);', '-- rate: fast', 'SELECT 1 FROM orders;'].join('\n');
    const { diagnostics } = workloadFromSqlFile('q.sql', text, schema);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.location?.line, d.location?.column]),
      [
        ['advise/syntax', 'error', 1, 27],
        ['advise/not-a-query', 'error', 2, 1],
        ['advise/bad-rate', 'error', 3, 4],
      ],
    );
  });

  it('a query on none of the schema tables is left out with a warning', () => {
    const { workload, diagnostics } = workloadFromSqlFile('q.sql', 'SELECT * FROM pg_class;\nSELECT id FROM orders;', schema);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity]),
      [['advise/no-known-table', 'warning']],
    );
    assert.equal(workload.queries.length, 1);
    assert.equal(workload.skipped.length, 1);
  });
});

describe('workload from pg_stat_statements rows', () => {
  it('merges one text seen under several query ids, weighs by calls, skips utility statements and hidden texts', () => {
    const workload = workloadFromStatRows(
      [
        { queryid: '11', query: 'SELECT * FROM orders WHERE customer_id = $1', calls: 30, totalMs: 3 },
        { queryid: '12', query: 'SELECT * FROM orders WHERE customer_id = $1', calls: 10, totalMs: 1 },
        { queryid: '13', query: 'UPDATE orders SET status = $1 WHERE id = $2', calls: 5, totalMs: 9 },
        { queryid: '14', query: 'BEGIN', calls: 100, totalMs: 0.1 },
        { queryid: '15', query: '<insufficient privilege>', calls: 7, totalMs: 0.5 },
      ],
      schema,
    );
    assert.deepEqual(
      workload.queries.map((q) => [q.id, q.weight, q.write?.kind ?? 'read', q.origin.kind === 'pg_stat_statements' ? q.origin.queryids.join('+') : '']),
      [
        ['s1', 5, 'update', '13'],
        ['s2', 40, 'read', '11+12'],
      ],
    );
    assert.equal(workload.weightUnit, 'calls');
    assert.equal(workload.skipped.length, 2);
  });
});

describe('workload from a server log', () => {
  it('stderr format: statements and executes with their durations, grouped by normalized text; parse and bind steps not counted twice', () => {
    const log = [
      '2026-01-02 10:00:00.001 UTC [41] LOG:  duration: 0.500 ms  statement: SELECT * FROM orders',
      '\tWHERE customer_id = 7;',
      '2026-01-02 10:00:00.002 UTC [41] LOG:  duration: 0.300 ms  statement: SELECT * FROM orders WHERE customer_id = 8',
      '2026-01-02 10:00:00.003 UTC [42] LOG:  duration: 0.010 ms  parse <unnamed>: UPDATE orders SET status = $1 WHERE id = $2',
      '2026-01-02 10:00:00.004 UTC [42] LOG:  duration: 0.010 ms  bind <unnamed>: UPDATE orders SET status = $1 WHERE id = $2',
      '2026-01-02 10:00:00.005 UTC [42] LOG:  duration: 0.200 ms  execute <unnamed>: UPDATE orders SET status = $1 WHERE id = $2',
      "2026-01-02 10:00:00.005 UTC [42] DETAIL:  parameters: $1 = 'x', $2 = '3'",
      '2026-01-02 10:00:01.000 UTC [43] LOG:  connection received: host=127.0.0.1 port=5000',
    ].join('\n');
    const workload = workloadFromLog('pg.log', log, schema);
    assert.deepEqual(
      workload.queries.map((q) => [q.sql, q.weight, q.origin.kind === 'log' ? [q.origin.line, Number(q.origin.totalMs.toFixed(3))] : []]),
      [
        ['SELECT * FROM orders\nWHERE customer_id = $1', 2, [1, 0.8]],
        ['UPDATE orders SET status = $1 WHERE id = $2', 1, [6, 0.2]],
      ],
    );
  });

  it('csvlog: the message column, quoted fields with commas and newlines', () => {
    const row = (message: string) =>
      `2026-01-02 10:00:00.001 UTC,"app","shop",41,"127.0.0.1:5000",6600,1,"SELECT",2026-01-02 09:00:00 UTC,3/4,0,LOG,00000,"${message.replaceAll('"', '""')}",,,,,,,,,"psql","client backend",,0`;
    const csv = [
      row("duration: 1.000 ms  statement: SELECT id FROM orders WHERE status = 'a,b'"),
      row("duration: 2.000 ms  statement: SELECT id FROM orders\nWHERE status = 'c'"),
    ].join('\n');
    const workload = workloadFromLog('pg.csv', csv, schema);
    assert.equal(workload.queries.length, 1, 'one normalized text');
    assert.equal(workload.queries[0]!.weight, 2);
    assert.match(workload.queries[0]!.sql, /status = \$1/);
  });
});
