import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { MigrationPlan } from '../existing/plan/plan.js';
import { jsonPath, readPlan, type RunnablePlan } from './read-plan.js';

const FIXTURE = readFileSync('test/fixtures/plans/orders-expand-contract.json', 'utf8');

/** The fixture with one change made to its parsed form, written back as the planner writes it. */
function changed(edit: (plan: any) => void): string {
  const plan = JSON.parse(FIXTURE);
  edit(plan);
  return JSON.stringify(plan, null, 2);
}

const problems = (text: string) => {
  const read = readPlan('plan.json', text);
  assert.equal(read.ok, false);
  return read.ok ? [] : read.diagnostics.map((d) => `${d.location?.line}:${d.location?.column} ${d.code} ${d.message}`);
};

describe('readPlan', () => {
  it('reads the planner’s plan.json, keeping what apply runs', () => {
    const read = readPlan('plan.json', FIXTURE);
    assert.equal(read.ok, true);
    if (!read.ok) return;
    assert.equal(read.plan.steps.length, 10);
    assert.deepEqual(read.plan.steps[1]!.batch, {
      table: 'orders',
      sql: "UPDATE orders SET region = CASE WHEN customer_id % 2 = 0 THEN 'eu' ELSE 'us' END WHERE id IN (SELECT id FROM orders WHERE region IS NULL LIMIT 1000)",
      rowsPerBatch: 1000,
    });
    assert.equal(read.plan.steps[9]!.dataLoss, 'the values of orders.legacy_note');
  });

  it('takes the planner’s MigrationPlan as it is (a type check: tsc fails when the shapes part)', () => {
    const runnable = (plan: MigrationPlan): RunnablePlan => plan;
    const read = readPlan('plan.json', FIXTURE);
    assert.ok(read.ok);
    assert.equal(runnable(JSON.parse(FIXTURE) as MigrationPlan).steps.length, read.plan.steps.length);
  });

  it('names the JSON path and its line for a field of the wrong shape', () => {
    const text = changed((p) => {
      p.steps[3].sql = 'ALTER TABLE orders VALIDATE CONSTRAINT x';
    });
    const line = text.split('\n').findIndex((l) => l.includes('"sql": "ALTER TABLE orders VALIDATE CONSTRAINT x"')) + 1;
    assert.deepEqual(problems(text), [`${line}:14 plan/invalid steps[3].sql: expected an array of strings`]);
  });

  it('names a missing key at the object that lacks it, a wrong literal, a wrong phase and a batch without rows', () => {
    const text = changed((p) => {
      delete p.steps[0].transactional;
      p.version = 2;
      p.steps[2].phase = 'later';
      p.steps[1].batch.rowsPerBatch = 0;
    });
    assert.deepEqual(
      problems(text).map((p) => p.replace(/^\d+:\d+ /, '')),
      [
        'plan/invalid version: expected 1 (the only plan version this dbarchitect reads)',
        'plan/invalid steps[0]: missing the key `transactional`',
        'plan/invalid steps[1].batch.rowsPerBatch: expected a positive whole number',
        'plan/invalid steps[2].phase: expected one of "expand", "migrate", "contract"',
      ],
    );
  });

  it('refuses two steps with one id and a step with nothing to run', () => {
    const text = changed((p) => {
      p.steps[4].id = '02';
      p.steps[5].sql = [];
    });
    assert.deepEqual(
      problems(text).map((p) => p.replace(/^\d+:\d+ /, '')),
      ['plan/invalid steps[4].id: the id "02" is also steps[1]\'s', 'plan/invalid steps[5]: the step has no statement and no batch'],
    );
  });

  it('reports JSON that does not parse, and a file that is not a plan', () => {
    const [broken] = problems('{\n  "format": "dbarchitect-migration-plan",\n  "version": 1,\n}');
    assert.match(broken!, /^4:1 plan\/not-json not valid JSON: Expected double-quoted property name/);
    const [other] = problems('{"name": "my-package", "version": "1.0.0"}');
    assert.match(other!, /plan\/invalid format: expected "dbarchitect-migration-plan": is this a plan written by `dbarchitect diff`\?/);
  });

  it('writes JSON paths as a reader writes them', () => {
    assert.equal(jsonPath(['steps', 3, 'batch', 'sql']), 'steps[3].batch.sql');
    assert.equal(jsonPath([]), '(the top level)');
  });
});
