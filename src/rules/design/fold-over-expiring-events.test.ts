import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadForAnalysis, minimalSpec } from '../../../test/helpers.js';
import { runRule } from '../../diagnostics/rule.js';
import { renderDiagnosticsText } from '../../diagnostics/render/text.js';
import { foldOverExpiringEvents } from './fold-over-expiring-events.js';

const ledger = (retention: string, sql: string) =>
  minimalSpec(
    `  account:
    fields:
      name: string(100)!
  entry:
    append_only: true
    rows: 10M
${retention}    fields:
      account: ref(account)!
      amount: int!
      booked_at: timestamp!
`,
    `access_patterns:
  - name: balance
    sql: ${sql}
    rate: 10/s
`,
  );

const SUM_ALL = 'select sum(amount) from entry where account_id = :account';

describe('design/fold-over-expiring-events', () => {
  it('passes: the same fold over events that never expire, and a fold over a time range of expiring ones', async () => {
    assert.deepEqual(runRule(foldOverExpiringEvents, await loadForAnalysis(ledger('', SUM_ALL))), []);
    const ranged = `select sum(amount) from entry where account_id = :account and booked_at >= :since`;
    assert.deepEqual(runRule(foldOverExpiringEvents, await loadForAnalysis(ledger('    retention: 1y\n', ranged))), []);
  });

  it('fails: a balance summed over all the entries of a ledger that drops them after a year', async () => {
    const context = await loadForAnalysis(ledger('    retention: 1y\n', SUM_ALL));
    assert.equal(
      renderDiagnosticsText(runRule(foldOverExpiringEvents, context)),
      [
        'warning design/fold-over-expiring-events: balance sum entry, whose rows expire after 365 days: the result becomes wrong once old events are dropped',
        '  fix: keep a snapshot (entry_snapshot) and read it instead, or remove the retention',
      ].join('\n'),
    );
  });
});
