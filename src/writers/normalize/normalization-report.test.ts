import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { discoverTableDependencies } from '../../existing/dependencies/discover.js';
import { normalizeTable } from '../../existing/normalize/normalize-table.js';
import type { Schema } from '../../model/schema.js';
import { column, table } from '../../model/test-tables.test-helper.js';
import { loadSpecText } from '../../spec/load-spec.js';
import { renderNormalizationReport } from './normalization-report.js';

const schema: Schema = {
  enums: [],
  tables: [
    table('ticket', [
      column('id', { kind: 'int64' }, { identity: 'always' }),
      column('team_id', { kind: 'int32' }),
      column('team_name', { kind: 'string', length: 60 }),
      column('title', { kind: 'text' }),
    ]),
    table('note', [column('id', { kind: 'int64' }, { identity: 'always' }), column('body', { kind: 'text' })]),
  ],
};
const tickets = Array.from({ length: 40 }, (_, i) => [i + 1, i % 4, `team ${i % 4}`, `t${i % 13}`]);
// One row breaks team_id -> team_name: found only when approximate dependencies are allowed.
tickets[7] = [8, 3, 'team x', 't7'];
const notes = Array.from({ length: 5 }, (_, i) => [i + 1, `b${i % 2}`]);

function report(rate: number) {
  const results = [
    normalizeTable(
      schema,
      discoverTableDependencies(
        { table: 'ticket', columns: ['id', 'team_id', 'team_name', 'title'], rows: tickets, complete: true },
        { maxViolationRate: rate },
      ),
    ),
    normalizeTable(
      schema,
      discoverTableDependencies({ table: 'note', columns: ['id', 'body'], rows: notes, complete: false, tableRows: 5000 }, { maxViolationRate: rate }),
    ),
  ];
  return renderNormalizationReport(schema, results);
}

describe('normalization report', () => {
  it('states the bounds, the evidence per table and the rows breaking an approximate dependency', async () => {
    const text = report(0.05);
    assert.match(text, /left-hand sides of at most 3 columns, approximate ones with at most 5\.0% of the sampled rows breaking them/);
    assert.match(text, /### ticket\n\nEvidence: all 40 rows of the table/);
    assert.match(text, /\| 3NF \| team_id \| team_name \| team_name \| 1 of 40 \|/);
    assert.match(text, /### note\n\nEvidence: 5 sampled rows of about 5,000: every dependency below holds on the sample only/);
    assert.match(text, /No normal-form violation on the sample\./);
    const fragment = /```yaml\n([\s\S]*?)```/.exec(text)![1]!;
    assert.match(fragment, /team: ref\(team\)!/);
    assert.ok((await loadSpecText('f.yaml', `version: 1\nname: x\n${fragment}`)).loaded, fragment);
  });

  it('finds nothing to decompose with exact dependencies when one row breaks the dependency', () => {
    const text = report(0);
    assert.match(text, /exact dependencies only/);
    assert.doesNotMatch(text, /team: ref/);
  });

  it('says when nothing was sampled', () => {
    assert.match(renderNormalizationReport(schema, []), /No table was sampled\./);
  });
});
