import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { Column } from '../../model/schema.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { translatePgExpression } from './expression.js';

const column = (name: string, type: Column['type']): Column => ({ name, type, nullable: true, pii: false, origin: 'test' });
const COLUMNS = [
  column('email', { kind: 'string', length: 100 }),
  column('placed_at', { kind: 'timestamp', withTimeZone: true }),
  column('local_at', { kind: 'timestamp', withTimeZone: false }),
  column('attrs', { kind: 'json' }),
  column('total', { kind: 'decimal', precision: 19, scale: 4 }),
  column('n', { kind: 'int32' }),
];
const lookup = (name: string) => COLUMNS.find((c) => c.name === name);
const tr = (sql: string) => translatePgExpression(sql, lookup);

describe('PostgreSQL expressions in SQLite', () => {
  before(loadPgParser);

  it('translates what means the same on both engines', () => {
    assert.equal(tr('lower(email)'), 'lower(email)');
    assert.equal(tr("(attrs->>'color')"), "(attrs ->> 'color')");
    assert.equal(tr("coalesce(email, 'none')"), "coalesce(email, 'none')");
    assert.equal(tr('n + 1'), '(n + 1)');
    assert.equal(tr('o.email'), 'email', 'an alias names the same column');
  });

  it("keeps date_trunc in the column's own text form", () => {
    assert.equal(tr("date_trunc('day', placed_at)"), "strftime('%Y-%m-%dT00:00:00.000Z', placed_at)");
    assert.equal(tr("date_trunc('month', local_at)"), "strftime('%Y-%m-01T00:00:00.000', local_at)");
  });

  it('gives up on what it does not know, instead of guessing', () => {
    assert.equal(tr("to_char(placed_at, 'YYYY')"), undefined);
    assert.equal(tr('missing + 1'), undefined, 'an unknown column');
    assert.equal(tr('total * 2'), undefined, 'a decimal is stored scaled: next to a constant it means something else');
    assert.equal(tr("date_trunc('quarter', placed_at)"), undefined);
    assert.equal(tr('email ~ $1'), undefined);
  });

  it('truncates instants as date_trunc does, on SQLite', () => {
    const db = new Database(':memory:');
    try {
      const at = '2026-03-18T13:45:12.345Z'; // a Wednesday
      const run = (unit: string) => {
        const sql = tr(`date_trunc('${unit}', placed_at)`)!;
        return (db.prepare(`SELECT ${sql} AS v FROM (SELECT ? AS placed_at)`).get(at) as { v: string }).v;
      };
      assert.equal(run('year'), '2026-01-01T00:00:00.000Z');
      assert.equal(run('month'), '2026-03-01T00:00:00.000Z');
      assert.equal(run('week'), '2026-03-16T00:00:00.000Z', 'the Monday of the week, as PostgreSQL (ISO weeks)');
      assert.equal(run('day'), '2026-03-18T00:00:00.000Z');
      assert.equal(run('hour'), '2026-03-18T13:00:00.000Z');
      const monday = (
        db.prepare(`SELECT ${tr("date_trunc('week', placed_at)")} AS v FROM (SELECT ? AS placed_at)`).get('2026-03-16T08:00:00.000Z') as { v: string }
      ).v;
      assert.equal(monday, '2026-03-16T00:00:00.000Z', 'a Monday is its own week start');
    } finally {
      db.close();
    }
  });
});
