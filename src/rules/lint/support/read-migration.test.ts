import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { getDialect } from '../../../dialects/registry.js';
import { loadPgParser } from '../../../sql/pg-parser.js';
import { readMigration } from './read-migration.js';

before(loadPgParser);
const read = (sql: string) => readMigration('m.sql', sql, { locks: getDialect('postgres')!.locks! });
const context = (sql: string) => {
  const r = read(sql);
  if (!r.ok) throw new Error(r.message);
  return r.context;
};

describe('reading a migration into the lint context', () => {
  it('gives each statement its span from its first token (comments before it excluded), in characters after non-ASCII text', () => {
    const sql = "-- über\nCOMMENT ON TABLE t IS 'größe';\n  /* x */ CREATE TABLE n (a int);";
    const c = context(sql);
    assert.deepEqual(
      c.statements.map((s) => [s.tag, s.sql, c.lines.position(s.start)]),
      [
        ['CommentStmt', "COMMENT ON TABLE t IS 'größe'", { line: 2, column: 1 }],
        ['CreateStmt', 'CREATE TABLE n (a int)', { line: 3, column: 11 }],
      ],
    );
  });

  it('tracks transactions, the timeouts set before each statement (SET LOCAL until COMMIT), and whether `n` was created before it', () => {
    const c = context(
      "SET lock_timeout = '1s';\nBEGIN;\nSET LOCAL statement_timeout = '5s';\nCREATE TABLE n (a int);\nALTER TABLE n ADD COLUMN b int;\nCOMMIT;\nALTER TABLE t ADD COLUMN c int;\nRESET lock_timeout;\nSELECT 1;",
    );
    assert.deepEqual(
      c.statements.map((s) => [s.tag, s.inTransaction, s.transactionDepth, s.settings, s.createdBefore.has('n')]),
      [
        ['VariableSetStmt', false, 0, {}, false],
        ['TransactionStmt', false, 0, { lockTimeout: '1s' }, false],
        ['VariableSetStmt', true, 1, { lockTimeout: '1s' }, false],
        ['CreateStmt', true, 1, { lockTimeout: '1s', statementTimeout: '5s' }, false],
        ['AlterTableStmt', true, 1, { lockTimeout: '1s', statementTimeout: '5s' }, true],
        ['TransactionStmt', true, 1, { lockTimeout: '1s', statementTimeout: '5s' }, true],
        ['AlterTableStmt', false, 0, { lockTimeout: '1s' }, true],
        ['VariableSetStmt', false, 0, { lockTimeout: '1s' }, true],
        ['SelectStmt', false, 0, { lockTimeout: undefined }, true],
      ],
    );
    assert.equal(c.openAtEnd, 0);
  });

  it("reads a DO block's statements (and EXECUTE of a literal) through the plpgsql parser, each located in the body, in the block's transaction", () => {
    const c = context("DO $body$\nBEGIN\n  ALTER TABLE t DROP COLUMN x;\n  EXECUTE 'DROP TABLE y';\nEND\n$body$;\nDO LANGUAGE sql 'SELECT 1';");
    const inner = c.statements.filter((s) => s.inDoBlock !== undefined);
    assert.deepEqual(
      inner.map((s) => [s.tag, s.sql, c.lines.position(s.start), s.inTransaction, s.locks.map((l) => l.action)]),
      [
        ['AlterTableStmt', 'ALTER TABLE t DROP COLUMN x', { line: 3, column: 3 }, true, ['DROP COLUMN']],
        ['DropStmt', 'DROP TABLE y', { line: 4, column: 12 }, true, ['DROP TABLE']],
      ],
    );
  });

  it('ties each ignore comment to the statement after it', () => {
    const c = context('-- dbarchitect-ignore drop-data, lint/prefer-text\nDROP TABLE t;\n/* dbarchitect-ignore all */\n');
    assert.deepEqual(
      c.ignores.map((i) => [i.rules, i.statementStart]),
      [
        [['drop-data', 'prefer-text'], c.statements[0]!.start],
        [['all'], undefined],
      ],
    );
  });

  it("a file that does not parse gives the parser's message at its line and column (in characters)", () => {
    const r = read("SELECT 'é';\nALTER TABLE t ADD COLUMN;");
    assert.deepEqual(r.ok ? undefined : [r.message, r.position], ['syntax error at or near ";"', { line: 2, column: 25 }]);
  });
});
