import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { auditContextOf, column, schemaOf, table } from './support/audit-context.test-helper.js';
import { timestampWithoutTimeZone } from './timestamp-without-time-zone.js';

const events = (withTimeZone: boolean) =>
  schemaOf(table('event', [column('id', { kind: 'int64' }), column('occurred_at', { kind: 'timestamp', withTimeZone }), column('day', { kind: 'date' })]));

describe('audit/timestamp-without-time-zone', () => {
  it('passes: timestamptz and date', () => {
    assert.deepEqual(runRule(timestampWithoutTimeZone, auditContextOf(events(true))), []);
  });

  it('fails: a timestamp without time zone', () => {
    assert.equal(
      renderDiagnosticsText(runRule(timestampWithoutTimeZone, auditContextOf(events(false)))),
      [
        'warning audit/timestamp-without-time-zone: `event.occurred_at` is `timestamp` without time zone: which instant it means depends on who reads it',
        `  fix: convert it to timestamptz, reading the values as UTC (if they were written in another zone, name that one; the ALTER rewrites the table). SQL: ALTER TABLE "event" ALTER COLUMN "occurred_at" TYPE timestamptz USING "occurred_at" AT TIME ZONE 'UTC';`,
      ].join('\n'),
    );
  });
});
