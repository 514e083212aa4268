import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { isSqliteKeyword, quoteSqliteIdentifier, quoteSqliteLiteral, sqliteLiteral } from './quote.js';

/** SQL words from several dialects, and names the specs use: SQLite decides which of them it reads as names. */
const WORDS = (
  'abort action add all alter analyze and any array as asc attach authorization begin between bigint binary both by cascade case cast ' +
  'check collate column commit constraint create cross current current_date current_user database day default deferrable delete desc ' +
  'distinct do drop each else end except exists explain false fetch filter first for foreign from full glob grant group having if ' +
  'ilike in index inner insert intersect into is join key lateral leading left like limit localtime match natural no not null nulls ' +
  'of offset on only or order outer over partition placing primary raise range references regexp rename replace returning right ' +
  'role row rowid rows select session_user set some symmetric table then time timestamp to trailing trigger true type union unique ' +
  'update user using vacuum values variadic view when where window with without year name status value data text integer'
).split(' ');

describe('SQLite quoting', () => {
  it('quotes keywords and names that are not plain lower-case words, and nothing else', () => {
    assert.deepEqual(['order', 'group', 'select', 'check', 'default', 'from', 'to', 'key', 'values', 'index', 'when'].map(quoteSqliteIdentifier), [
      '"order"',
      '"group"',
      '"select"',
      '"check"',
      '"default"',
      '"from"',
      '"to"',
      '"key"',
      '"values"',
      '"index"',
      '"when"',
    ]);
    assert.deepEqual(['user', 'customer', 'type', 'name', 'status'].map(quoteSqliteIdentifier), ['user', 'customer', 'type', 'name', 'status']);
    assert.equal(quoteSqliteIdentifier('Mixed'), '"Mixed"');
    assert.equal(quoteSqliteIdentifier('a"b'), '"a""b"');
  });

  it('every name it leaves bare is a name to SQLite, and every name it quotes works quoted, as a table and a column', () => {
    const db = new Database(':memory:');
    try {
      for (const word of WORDS) {
        const name = quoteSqliteIdentifier(word);
        assert.equal(name === word, !isSqliteKeyword(word), word);
        db.exec(`CREATE TABLE ${name} (${name} INTEGER); INSERT INTO ${name} (${name}) VALUES (1); DROP TABLE ${name};`);
      }
    } finally {
      db.close();
    }
  });

  it('writes literals SQLite reads back as the same value', () => {
    const db = new Database(':memory:');
    try {
      const row = db
        .prepare(`SELECT ${quoteSqliteLiteral("it's a \\ path")} AS s, ${sqliteLiteral(true)} AS t, ${sqliteLiteral(false)} AS f, ${sqliteLiteral(2.5)} AS n`)
        .get();
      assert.deepEqual(row, { s: "it's a \\ path", t: 1, f: 0, n: 2.5 });
    } finally {
      db.close();
    }
  });
});
