import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { SqlSession } from '../../session.js';
import { readServerStatistics } from './statistics.js';

/** A session whose reads of mysql.* are denied, as for a user without the monitoring grant. */
function denying(performanceSchema: number, failure: { errno: number; message: string }): SqlSession {
  return {
    kind: 'mariadb',
    exec: async () => undefined,
    async query<T>(sql: string) {
      if (/@@performance_schema/.test(sql)) return [{ enabled: performanceSchema }] as T[];
      throw Object.assign(new Error(failure.message), { errno: failure.errno });
    },
  };
}

describe("the server's own statistics", () => {
  it('are null where the user may not read them, rather than failing the introspection', async () => {
    const stats = await readServerStatistics(denying(1, { errno: 1142, message: 'SELECT command denied' }), ['shop']);
    assert.deepEqual(stats, { indexBytes: null, analyzedAt: null, indexUses: null, writes: null });
  });

  it('let any other failure through, such as a statement timeout', async () => {
    await assert.rejects(readServerStatistics(denying(0, { errno: 1969, message: 'max_statement_time exceeded' }), ['shop']), /max_statement_time exceeded/);
  });
});
