import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diff } from '../src/api/diff.js';
import { checkMysqlScenario, MYSQL_BASE, MYSQL_SCENARIOS, mysqlDatabaseWith } from './plan-scenarios-mysql.js';
import { serverUrl } from './servers.js';

const server = serverUrl('mysql');

/** Every ALTER TABLE of a MySQL plan, forward and reverse, states its algorithm and lock. */
function assertClauses(sql: readonly string[]): void {
  for (const s of sql.filter((s) => /^\s*ALTER TABLE/i.test(s)))
    assert.match(s, /, ALGORITHM=(INSTANT|INPLACE|COPY), LOCK=(DEFAULT|NONE|SHARED|EXCLUSIVE)$/, s);
}

describe('every MySQL plan reaches its target on a scratch copy on MariaDB, and its reverse comes back', { skip: server.skip }, () => {
  for (const s of MYSQL_SCENARIOS) {
    it(s.name, async (t) => {
      const { plan, validation } = await checkMysqlScenario(t, server.url!, s);
      assert.match(validation.engine, /MariaDB/);
      for (const step of plan.steps) {
        assertClauses(step.sql);
        if ('sql' in step.reverse) assertClauses(step.reverse.sql);
        assert.equal(step.transactional, false, 'no MySQL step runs in a transaction: DDL commits');
        // A table copy is named as a rewrite, and reads back as one.
        if (step.sql.some((q) => /ALGORITHM=COPY/.test(q))) {
          assert.equal(step.work, 'rewrite', step.title);
          assert.ok(step.locks.some((l) => /table copy/.test(l.action) && l.work === 'rewrite'));
        }
      }
      if (s.expect) {
        const step = plan.steps.find((st) => st.sql.some((q) => s.expect!.clause.test(q)));
        assert.ok(step, `a step states ${s.expect.clause}: ${plan.steps.flatMap((st) => st.sql).join('\n')}`);
        assert.equal(step.work === 'backfill' ? 'metadata' : step.work, s.expect.work, step.title);
      }
      assert.ok(plan.notes?.some((n) => /no transactional DDL/.test(n)));
    });
  }

  it('two equal databases give no change and no step', async (t) => {
    const a = await mysqlDatabaseWith(t, server.url!, MYSQL_BASE);
    const b = await mysqlDatabaseWith(t, server.url!, MYSQL_BASE);
    const result = await diff(a, b);
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.deepEqual(result.plan.steps, []);
  });
});
