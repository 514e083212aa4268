import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from './line-index.js';
import { applyTextEdits, textEditAt } from './text-edit.js';

const SQL = 'BEGIN;\nCREATE INDEX i ON t (a);\nCOMMIT;\n';

describe('text edits', () => {
  it("line:column and offsets convert both ways, a column may point just past a line's end, a place outside the text is refused", () => {
    const index = new LineIndex(SQL);
    for (let offset = 0; offset <= SQL.length; offset++) assert.equal(index.offset(index.position(offset)), offset);
    assert.equal(index.offset({ line: 1, column: 7 }), 6, 'the newline ending line 1');
    assert.throws(() => index.offset({ line: 1, column: 8 }), /no position 1:8/);
    assert.throws(() => index.offset({ line: 6, column: 1 }), /no position 6:1/);
    assert.throws(() => index.offset({ line: 2, column: 0 }), /no position 2:0/);
  });

  it('an edit from offsets: insert (start = end), replace and delete, applied together against the original text', () => {
    const at = SQL.indexOf('INDEX') + 'INDEX'.length;
    const insert = textEditAt('m.sql', SQL, at, at, ' CONCURRENTLY');
    assert.deepEqual(insert, { file: 'm.sql', start: { line: 2, column: 13 }, end: { line: 2, column: 13 }, newText: ' CONCURRENTLY' });
    const dropBegin = textEditAt('m.sql', SQL, 0, 'BEGIN;\n'.length, '');
    const dropCommit = textEditAt('m.sql', SQL, SQL.indexOf('COMMIT'), SQL.length, '');
    const rename = textEditAt('m.sql', SQL, SQL.indexOf(' i ') + 1, SQL.indexOf(' i ') + 2, 't_a_idx');
    assert.equal(applyTextEdits(SQL, [dropCommit, insert, rename, dropBegin]), 'CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n');
  });

  it('refuses overlapping edits and an edit that ends before it starts', () => {
    assert.throws(() => applyTextEdits(SQL, [textEditAt('m.sql', SQL, 0, 5, 'x'), textEditAt('m.sql', SQL, 3, 8, 'y')]), /overlap/);
    assert.throws(() => textEditAt('m.sql', SQL, 5, 3, ''), /ends \(3\) before it starts \(5\)/);
  });
});
