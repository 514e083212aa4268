import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitSqliteStatements, sqliteDdlChecker } from './sqlite.js';

describe('the SQLite DDL checker', () => {
  it('cuts a script where SQLite would: not inside quotes, comments or a trigger body', () => {
    const script = [
      "-- a comment; with a semicolon and an apostrophe's",
      'CREATE TABLE t (a TEXT DEFAULT \'x;y\', "b;" INTEGER); /* ; */',
      'CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW BEGIN',
      "  INSERT INTO t (a) VALUES ('it''s;');",
      '  DELETE FROM t WHERE a IS NULL;',
      'END;',
      'CREATE INDEX i ON t (a);',
      '-- trailing comment',
    ].join('\n');
    const statements = splitSqliteStatements(script);
    assert.equal(statements.length, 3);
    assert.match(statements[1]!, /^\/\* ; \*\/\nCREATE TRIGGER[\s\S]*END;$/, 'a comment goes with the statement after it');
    assert.equal(statements[2], 'CREATE INDEX i ON t (a);');
  });

  it('runs a script and reports the engine and the statements it ran', async () => {
    const result = await sqliteDdlChecker.check('PRAGMA foreign_keys = ON;\nBEGIN;\nCREATE TABLE t (id INTEGER PRIMARY KEY) STRICT;\nCOMMIT;\n', {});
    assert.equal(result.status, 'checked');
    assert.ok(result.status === 'checked' && result.statements === 4 && /^SQLite 3\.\d+\.\d+$/.test(result.executedOn ?? ''), JSON.stringify(result));
  });

  it('names the statement that failed', async () => {
    const result = await sqliteDdlChecker.check('CREATE TABLE t (a INTEGER);\nCREATE TABLE t (b INTEGER);\n', {});
    assert.deepEqual(result, { status: 'failed', message: 'table t already exists', statement: 'CREATE TABLE t (b INTEGER);' });
  });

  it('finds what SQLite resolves only when a row is written: a parent key that is not unique, a trigger on a missing table, a view of one', async () => {
    const cases: [string, RegExp][] = [
      ['CREATE TABLE p (a INTEGER, b INTEGER);\nCREATE TABLE c (x INTEGER REFERENCES p (b));', /foreign key mismatch/],
      ['CREATE TABLE t (a INTEGER);\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN INSERT INTO missing VALUES (1); END;', /no such table: main\.missing/],
      ['CREATE VIEW v AS SELECT * FROM missing;', /no such table: main\.missing/],
    ];
    for (const [sql, message] of cases) {
      const result = await sqliteDdlChecker.check(sql, {});
      assert.equal(result.status, 'failed', sql);
      assert.match(result.status === 'failed' ? result.message : '', message);
    }
  });
});
