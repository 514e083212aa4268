import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { loadPgParser } from './pg-parser.js';
import { splitScript } from './split-script.js';

describe('splitting a SQL script', () => {
  before(loadPgParser);

  it('splits at semicolons the scanner sees, never inside strings, bodies or comments, with line and column', () => {
    const script = [
      "SET client_encoding = 'UTF8';",
      '-- a comment; with a semicolon',
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;  SELECT 'a;b';",
      '/* block; */ select 2',
    ].join('\n');
    const pieces = splitScript(script);
    assert.deepEqual(
      pieces.map((p) => [p.kind, p.text, p.line, p.column]),
      [
        ['statement', "SET client_encoding = 'UTF8';", 1, 1],
        ['statement', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;', 3, 1],
        ['statement', "SELECT 'a;b';", 3, 67],
        ['statement', 'select 2', 4, 14],
      ],
    );
  });

  it("reads offsets in characters, not the scanner's UTF-8 bytes", () => {
    const pieces = splitScript("SELECT 'é€'; SELECT 'ü';");
    assert.deepEqual(
      pieces.map((p) => [p.text, p.column]),
      [
        ["SELECT 'é€';", 1],
        ["SELECT 'ü';", 14],
      ],
    );
  });

  it('keeps psql meta-commands apart and gives COPY its data rows', () => {
    const script = [
      '\\restrict k3y',
      '\\connect shop',
      'CREATE TABLE t (a int, b text);',
      'COPY public.t (a, b) FROM stdin;',
      "1\tit's; here",
      '2\t\\N',
      '\\.',
      'SELECT 1;',
      '\\unrestrict k3y',
    ].join('\n');
    const pieces = splitScript(script);
    assert.deepEqual(
      pieces.map((p) => [p.kind, p.text, p.line]),
      [
        ['meta', '\\restrict k3y', 1],
        ['meta', '\\connect shop', 2],
        ['statement', 'CREATE TABLE t (a int, b text);', 3],
        ['statement', 'COPY public.t (a, b) FROM stdin;', 4],
        ['statement', 'SELECT 1;', 8],
        ['meta', '\\unrestrict k3y', 9],
      ],
    );
    const copy = pieces[3]!;
    assert.equal(copy.kind === 'statement' ? copy.copyData : undefined, "1\tit's; here\n2\t\\N\n");
  });

  it('reads a backslash line inside a function body as the body, and reports an unterminated quote', () => {
    const body = ['CREATE FUNCTION g() RETURNS text LANGUAGE sql AS $$', "\\ SELECT 'x' $$;", 'SELECT 3;'].join('\n');
    assert.deepEqual(
      splitScript(body).map((p) => p.kind),
      ['statement', 'statement'],
    );
    const broken = splitScript("SELECT 1;\nSELECT 'never closed;\n");
    assert.deepEqual(
      broken.map((p) => [p.kind, p.text, p.line]),
      [
        ['statement', 'SELECT 1;', 1],
        ['unreadable', "SELECT 'never closed;", 2],
      ],
    );
  });
});
