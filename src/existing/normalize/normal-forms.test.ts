import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Schema } from '../../model/schema.js';
import { column, table } from '../../model/test-tables.test-helper.js';
import { discoverTableDependencies } from '../dependencies/discover.js';
import { normalizeTable } from './normalize-table.js';

const int = { kind: 'int32' } as const;
const text = { kind: 'text' } as const;

function analyse(schema: Schema, rows: unknown[][]) {
  const t = schema.tables[0]!;
  const found = discoverTableDependencies({ table: t.name, columns: t.columns.map((c) => c.name), rows, complete: true }, { maxLhs: 2 });
  return normalizeTable(schema, found);
}

describe('normal forms from the data', () => {
  it('2NF: a column that depends on part of a composite key, decomposed into its own entity', () => {
    // order_line (order_id, product_id) -> quantity; product_id alone -> product_name.
    const schema: Schema = {
      enums: [],
      tables: [
        table('order_line', [column('order_id', int), column('product_id', int), column('product_name', text), column('quantity', int)], {
          primaryKey: { name: 'order_line_pkey', columns: ['order_id', 'product_id'] },
        }),
      ],
    };
    const rows: unknown[][] = [];
    for (let o = 1; o <= 12; o++) for (let p = 1; p <= 6; p++) if ((o + p) % 3 !== 0) rows.push([o, p, `product ${p}`, (o * p) % 5]);
    const result = analyse(schema, rows);
    assert.deepEqual(
      result.analysis.findings.map((f) => [f.normalForm, f.determinant, f.dependents, f.holdsOnlyOnSample]),
      [['2NF', ['product_id'], ['product_name'], false]],
    );
    assert.match(result.analysis.findings[0]!.reason, /part of the key \(order_id, product_id\)/);
    const [entity] = result.decomposition!.entities;
    assert.deepEqual([entity!.name, entity!.key, entity!.columns, entity!.referencedFrom], ['product', ['product_id'], ['product_name'], 'order_line']);
    const line = result.decomposition!.schema.tables.find((t) => t.name === 'order_line')!;
    assert.deepEqual(
      line.columns.map((c) => c.name),
      ['order_id', 'product_id', 'quantity'],
    );
    assert.deepEqual(
      line.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns]),
      [[['product_id'], 'product', ['product_id']]],
    );
  });

  it('BCNF: a non-key determining part of the key', () => {
    // teaching (student, course) key; each teacher teaches one course: teacher -> course.
    const schema: Schema = {
      enums: [],
      tables: [
        table('teaching', [column('student', text), column('course', text), column('teacher', text)], {
          primaryKey: { name: 'teaching_pkey', columns: ['student', 'course'] },
        }),
      ],
    };
    const teachers = [
      ['t1', 'math'],
      ['t2', 'math'],
      ['t3', 'art'],
      ['t4', 'art'],
    ];
    const rows = Array.from({ length: 8 }, (_, s) => [0, 2].map((k) => [`s${s}`, teachers[k + (s % 2)]![1], teachers[k + (s % 2)]![0]])).flat();
    const result = analyse(schema, rows);
    assert.deepEqual(
      result.analysis.findings.map((f) => [f.normalForm, f.determinant, f.dependents]),
      [['BCNF', ['teacher'], ['course']]],
    );
    // (teacher, course) and (student, teacher): the key takes the determinant in place of the column that moved.
    const teaching = result.decomposition!.schema.tables.find((t) => t.name === 'teaching')!;
    assert.deepEqual(teaching.primaryKey.columns, ['student', 'teacher']);
    assert.deepEqual(
      teaching.columns.map((c) => c.name),
      ['student', 'teacher'],
    );
  });

  it('sets aside dependencies of declared unique columns, surrogate ids, sample-unique and constant columns', () => {
    const schema: Schema = {
      enums: [],
      tables: [
        table(
          'account',
          [
            column('id', { kind: 'int64' }, { identity: 'always' }),
            column('email', text),
            column('handle', text),
            column('plan', text),
            column('region', text),
            column('price', int),
          ],
          { uniques: [{ name: 'account_email_key', columns: ['email'] }] },
        ),
      ],
    };
    // plan -> price planted; handle unique on the sample but not declared; region constant.
    const rows = Array.from({ length: 30 }, (_, i) => [i + 1, `u${i}@x.org`, `h${i}`, ['free', 'pro', 'team'][i % 3], 'eu', [0, 10, 30][i % 3]]);
    const result = analyse(schema, rows);
    assert.deepEqual(
      result.analysis.findings.map((f) => [f.normalForm, f.determinant, f.dependents, f.equivalents]),
      [['3NF', ['plan'], ['price'], ['price']]],
    );
    assert.deepEqual(result.analysis.sampleKeys, [['handle']]);
    const why = new Set(result.analysis.ignored.map((i) => i.why));
    assert.deepEqual([...why].sort(), ['declared key or unique', 'surrogate id', 'unique on the sample']);
    assert.deepEqual(result.dependencies.constantColumns, ['region']);
    assert.equal(result.decomposition!.entities[0]!.name, 'plan');
  });
});
