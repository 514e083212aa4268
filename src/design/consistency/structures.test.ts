import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { designFromFile } from '../../api/design.js';
import type { Decision } from '../../model/decision.js';
import type { Schema } from '../../model/schema.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { REFERENCE_SPEC } from '../../../test/helpers.js';
import { structuresMissingFromDdl } from './structures.js';
import { emitPostgresDdl } from '../../dialects/postgres/ddl.js';

const decision = (id: string, choice: string): Decision => ({
  id,
  area: 'modeling',
  title: id,
  choice,
  rationale: [],
  alternatives: [],
  evidence: [],
  patterns: [],
});
const schema: Schema = { tables: [], enums: [] };
const ddl = `CREATE TABLE event (id bigint, delta int, CONSTRAINT event_pkey PRIMARY KEY (id));
CREATE TABLE event_snapshot (id bigint, sum_delta bigint);
CREATE MATERIALIZED VIEW report_mv AS SELECT id, sum(delta) AS sum_delta FROM event GROUP BY id;
CREATE UNIQUE INDEX report_mv_key ON report_mv (id);`;

describe('structures the decisions name exist in the DDL', () => {
  before(loadPgParser);

  it('finds a named table, view, column, constraint or trigger the DDL lacks, and accepts those it has', () => {
    const decisions = [
      decision(
        'ok',
        'event_snapshot(id, sum_delta) and report_mv(id, sum_delta) with report_mv_key; event_pkey; sum(delta) is a function; 2 column(s) is a plural',
      ),
      decision('no-column', 'event_snapshot(id, total)'),
      decision('no-table', 'a history table order_history written by order_history_trigger'),
      decision('not-built', 'a closure table event_closure(ancestor_id) (recommended, not emitted: because)'),
    ];
    assert.deepEqual(structuresMissingFromDdl({ decisions, schema }, ddl), [
      'no-column: event_snapshot has no column total in the DDL',
      'no-table: order_history is not in the DDL',
      'no-table: order_history_trigger is not in the DDL',
    ]);
  });

  it('the reference spec: every structure its decisions name is in its DDL', async () => {
    const result = await designFromFile(REFERENCE_SPEC);
    assert.ok(result.ok);
    assert.deepEqual(structuresMissingFromDdl(result.design, emitPostgresDdl(result.design.schema)), []);
    // The check reads the text: the decisions do name the structures it looked for.
    const text = result.design.decisions.map((d) => d.choice).join('\n');
    for (const name of ['inventory_event_snapshot', 'customer_history_trigger', 'daily_revenue_mv', 'order_tenant_id_idempotency_key_key'])
      assert.ok(text.includes(name), name);
    // Without the structures in the schema, the same decisions are caught.
    const bare = { ...result.design.schema, tables: result.design.schema.tables.filter((t) => !t.name.endsWith('_history')), views: [] };
    const missing = structuresMissingFromDdl({ decisions: result.design.decisions, schema: bare }, emitPostgresDdl(bare));
    assert.ok(missing.includes('modeling/history: customer_history is not in the DDL'), missing.join('\n'));
    assert.ok(missing.includes('modeling/aggregate/daily_revenue: daily_revenue_mv is not a table or view of the DDL'), missing.join('\n'));
  });
});
