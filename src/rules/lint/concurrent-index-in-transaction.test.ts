import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { findingLines, lintContext, prepareLint } from '../../../test/lint-context.js';
import { concurrentIndexInTransaction } from './concurrent-index-in-transaction.js';

before(prepareLint);

describe('lint/concurrent-index-in-transaction', () => {
  it('passes: CONCURRENTLY outside any transaction, and a plain index inside one', () => {
    const sql = 'CREATE INDEX CONCURRENTLY i ON t (a);\nBEGIN;\nCREATE INDEX j ON t (b);\nCOMMIT;\nALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\n';
    assert.deepEqual(runRule(concurrentIndexInTransaction, lintContext(sql)), []);
  });

  it('fails: CREATE INDEX CONCURRENTLY after BEGIN', () => {
    assert.equal(
      renderDiagnosticsText(runRule(concurrentIndexInTransaction, lintContext('BEGIN;\nCREATE INDEX CONCURRENTLY i ON t (a);\nCOMMIT;\n'))),
      [
        'm.sql:2:1: error lint/concurrent-index-in-transaction: `CREATE INDEX CONCURRENTLY` cannot run inside a transaction block: PostgreSQL refuses it',
        `  fix: ${concurrentIndexInTransaction.meta.help}`,
      ].join('\n'),
    );
  });

  it('fails: DROP INDEX, REINDEX and DETACH PARTITION … CONCURRENTLY in a transaction, and one in a DO block', () => {
    const sql =
      'START TRANSACTION;\nDROP INDEX CONCURRENTLY i;\nREINDEX INDEX CONCURRENTLY j;\nALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\nCOMMIT;\nDO $$ BEGIN\n  CREATE INDEX CONCURRENTLY k ON t (a);\nEND $$;\n';
    assert.deepEqual(findingLines(concurrentIndexInTransaction, sql), [
      '2:1 error: `DROP INDEX CONCURRENTLY` cannot run inside a transaction block: PostgreSQL refuses it',
      '3:1 error: `REINDEX … CONCURRENTLY` cannot run inside a transaction block: PostgreSQL refuses it',
      '4:1 error: `DETACH PARTITION … CONCURRENTLY` cannot run inside a transaction block: PostgreSQL refuses it',
      '7:3 error: `CREATE INDEX CONCURRENTLY` cannot run inside a DO block (a function): PostgreSQL refuses it',
    ]);
  });
});
