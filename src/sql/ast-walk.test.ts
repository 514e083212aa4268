import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadModule, parseSync, type Node } from 'libpg-query';
import { nodeTag, walkNodes } from './ast-walk.js';

before(async () => {
  await loadModule();
});

function statement(sql: string): Node {
  const stmt = parseSync(sql).stmts?.[0]?.stmt;
  assert.ok(stmt, `no statement in ${sql}`);
  return stmt;
}

describe('nodeTag', () => {
  it('names wrapped nodes and rejects everything else', () => {
    assert.equal(nodeTag({ ColumnRef: { fields: [] } }), 'ColumnRef');
    assert.equal(nodeTag({ relname: 'x' }), undefined); // an unwrapped struct
    assert.equal(nodeTag({ A_Const: {}, location: 1 }), undefined);
    assert.equal(nodeTag([{ A_Star: {} }]), undefined);
    assert.equal(nodeTag(null), undefined);
    assert.equal(nodeTag('String'), undefined);
  });
});

describe('walkNodes', () => {
  it('visits wrapped nodes pre-order, in source order, through unwrapped structs', () => {
    const tags: string[] = [];
    walkNodes(statement('select a, b from t where c = $1'), (_node, tag) => {
      tags.push(tag);
    });
    assert.deepEqual(tags, [
      'SelectStmt',
      'ResTarget',
      'ColumnRef',
      'String',
      'ResTarget',
      'ColumnRef',
      'String',
      'RangeVar',
      'A_Expr',
      'String',
      'ColumnRef',
      'String',
      'ParamRef',
    ]);
  });

  it('skips the children of a node when the visitor returns false', () => {
    const columns: string[] = [];
    walkNodes(statement('select x from t where exists (select y from u)'), (node) => {
      if ('SubLink' in node) return false;
      if ('ColumnRef' in node) columns.push(JSON.stringify(node.ColumnRef.fields));
      return true;
    });
    assert.deepEqual(columns, ['[{"String":{"sval":"x"}}]']);
  });

  it('descends into unwrapped set-operation arms', () => {
    const tables: string[] = [];
    walkNodes(statement('select 1 from a union select 1 from b'), (node) => {
      if ('RangeVar' in node) tables.push(node.RangeVar.relname ?? '');
    });
    assert.deepEqual(tables, ['a', 'b']);
  });
});
