import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { findingLines, fixed, prepareLint } from '../../../test/lint-context.js';
import { partitionAttachDetach } from './partition-attach-detach.js';

before(prepareLint);

describe('lint/partition-attach-detach', () => {
  it('passes: DETACH … CONCURRENTLY, and partitions of a table the file creates', () => {
    assert.deepEqual(
      findingLines(
        partitionAttachDetach,
        'ALTER TABLE p DETACH PARTITION p1 CONCURRENTLY;\nCREATE TABLE q (k int) PARTITION BY LIST (k);\nCREATE TABLE q1 (k int);\nALTER TABLE q DETACH PARTITION q1;\n',
      ),
      [],
    );
  });

  it('fails: ATTACH of a 20M-row table is an error; DETACH without CONCURRENTLY gets it added', () => {
    const sql = "ALTER TABLE p ATTACH PARTITION p2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\nALTER TABLE p DETACH PARTITION p2019;\n";
    assert.deepEqual(findingLines(partitionAttachDetach, sql, { p2024: { rows: 20000000, source: 'spec volume' } }), [
      '1:15 error: ATTACH PARTITION `p2024` takes an ACCESS EXCLUSIVE lock on it and reads every row to check the bound, unless a valid CHECK constraint implies it (20M rows, spec volume)',
      '2:15 warning: DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on `p`: every query of the partitioned table waits',
    ]);
    assert.equal(
      fixed(partitionAttachDetach, sql, { p2024: { rows: 20000000, source: 'spec volume' } }),
      "ALTER TABLE p ATTACH PARTITION p2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\nALTER TABLE p DETACH PARTITION p2019 CONCURRENTLY;\n",
    );
  });
});
