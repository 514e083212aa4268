import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Schema } from '../../model/schema.js';
import { loadPgParser } from '../../sql/pg-parser.js';
import { translatePgExpression } from './expression.js';
import { mysqlName } from './names.js';
import { mysqlTarget } from './target.js';
import { mysqlColumnType } from './target-types.js';
import { MYSQL_FEATURES } from '../../../test/fixtures/mysql-features.js';

before(loadPgParser);

const emit = (schema: Schema) => mysqlTarget.emitSchema(schema);
const features = (schema: Schema) => emit(schema).substitutions.map((s) => `${s.feature} | ${s.object}`);

describe('the MySQL target: types', () => {
  it('maps each logical type to one spelling both servers take', () => {
    assert.equal(mysqlColumnType({ kind: 'string', length: 120 }), 'VARCHAR(120)');
    assert.equal(mysqlColumnType({ kind: 'text' }), 'LONGTEXT');
    assert.equal(mysqlColumnType({ kind: 'text' }, [], true), 'VARCHAR(255)', 'a text that must be a whole key');
    assert.equal(mysqlColumnType({ kind: 'timestamp', withTimeZone: true }), 'DATETIME(6)');
    assert.equal(mysqlColumnType({ kind: 'uuid' }), 'CHAR(36)');
    assert.equal(mysqlColumnType({ kind: 'json' }), 'JSON');
    assert.equal(mysqlColumnType({ kind: 'bool' }), 'BOOLEAN');
    assert.equal(mysqlColumnType({ kind: 'decimal', precision: 80, scale: 40 }), 'DECIMAL(65,30)');
    assert.equal(mysqlColumnType({ kind: 'enum', name: 'e' }, [{ name: 'e', values: ['a', "it's"] }]), "ENUM('a', 'it''s')");
    assert.equal(mysqlColumnType({ kind: 'native', dialect: 'mysql', sql: 'year' }), 'year');
  });

  it('keeps made-up names within 64 characters, distinct and stable', () => {
    const a = mysqlName(`${'x'.repeat(70)}_a`);
    const b = mysqlName(`${'x'.repeat(70)}_b`);
    assert.equal(a.length, 64);
    assert.notEqual(a, b);
    assert.equal(mysqlName(`${'x'.repeat(70)}_a`), a);
    assert.equal(mysqlName('short'), 'short');
  });
});

describe('the MySQL target: PostgreSQL expressions', () => {
  const types = (c: string) => ({ email: 'VARCHAR(254)', placed_at: 'DATETIME(6)', attrs: 'JSON', n: 'INT' })[c];
  const cases: [string, string | undefined][] = [
    ['lower(email)', 'LOWER(`email`)'],
    ["date_trunc('day', placed_at)", "CAST(DATE_FORMAT(`placed_at`, '%Y-%m-%d') AS DATETIME(6))"],
    ["date_trunc('week', placed_at)", 'CAST(DATE(`placed_at`) - INTERVAL WEEKDAY(`placed_at`) DAY AS DATETIME(6))'],
    ["attrs->>'color'", 'JSON_UNQUOTE(JSON_EXTRACT(`attrs`, \'$."color"\'))'],
    ["now() - interval '5 minutes'", '(NOW(6) - INTERVAL 5 MINUTE)'],
    ['n >= 0 AND n <= 100', '(`n` >= 0 AND `n` <= 100)'],
    ["email || '!'", "CONCAT(`email`, '!')"],
    ['placed_at::date', 'CAST(`placed_at` AS DATE)'],
    ['n IN (1, 2)', '`n` IN (1, 2)'],
    // Not translated, so the caller states a substitution: an operator MySQL spells otherwise, an unknown column, a subquery.
    ["email ~ '^a'", undefined],
    ['missing + 1', undefined],
    ['(select 1)', undefined],
  ];
  for (const [pg, mysql] of cases) it(`${pg} -> ${mysql ?? 'no translation'}`, () => assert.equal(translatePgExpression(pg, types)?.sql, mysql));

  it('types what it translates, so a generated column can be declared', () => {
    assert.equal(translatePgExpression('lower(email)', types)?.type, 'VARCHAR(254)');
    assert.equal(translatePgExpression("date_trunc('hour', placed_at)", types)?.type, 'DATETIME(6)');
  });
});

describe('the MySQL target: what it substitutes', () => {
  it('says what every feature MySQL lacks becomes, once per feature and alternative', () => {
    assert.deepEqual(features(MYSQL_FEATURES), [
      'transactional DDL | schema',
      'timestamp with time zone | account',
      'sequence | account.code',
      'partial unique index | account_email_live_key',
      'index on text | account_bio_idx (bio)',
      'gin index | account_prefs_idx',
      'hash index | account_score_idx',
      'AUTO_INCREMENT column not first in the primary key | account.code',
      'check constraint | account_email_check',
      'deferrable constraint | invite.invite_account_id_fkey',
      'ON DELETE SET DEFAULT | invite.invite_inviter_id_fkey',
      'postgres function | touch_updated_at',
    ]);
  });

  it('a partial unique index is a unique key over generated columns NULL outside its condition', () => {
    const { sql } = emit(MYSQL_FEATURES);
    assert.match(sql, /`account_email_live_key_email` VARCHAR\(254\) AS \(CASE WHEN `deleted_at` IS NULL THEN `email` END\) VIRTUAL/);
    assert.match(sql, /UNIQUE KEY `account_email_live_key` \(`account_email_live_key_email`\)/);
  });

  it('an expression index is a virtual generated column and a key on it', () => {
    const { sql } = emit(MYSQL_FEATURES);
    assert.match(sql, /`account_lower_email_idx_expr1` VARCHAR\(254\) AS \(LOWER\(`email`\)\) VIRTUAL/);
    assert.match(sql, /KEY `account_lower_email_idx` \(`account_lower_email_idx_expr1`\)/);
  });

  it('defaults, checks and references as MySQL writes them', () => {
    const { sql } = emit(MYSQL_FEATURES);
    assert.match(sql, /`id` CHAR\(36\) NOT NULL DEFAULT \(UUID\(\)\)/);
    assert.match(sql, /`bio` LONGTEXT DEFAULT \('none yet'\)/, 'a TEXT default is an expression');
    assert.match(sql, /`kind` ENUM\('person', 'it''s a team'\) NOT NULL DEFAULT 'it''s a team'/);
    assert.match(sql, /`code` BIGINT NOT NULL AUTO_INCREMENT/);
    assert.match(sql, /KEY `account_code_auto_idx` \(`code`\)/, 'AUTO_INCREMENT leads an index');
    assert.match(sql, /KEY `account_bio_idx` \(`bio`\(255\)\)/);
    assert.match(sql, /CONSTRAINT `account_score_check` CHECK \(\(`score` >= 0 AND `score` <= 100\)\)/);
    assert.doesNotMatch(sql, /account_email_check|account_prefs_idx|SET DEFAULT|DEFERRABLE|touch_updated_at/);
    assert.match(sql, /REFERENCES `account` \(`id`\) ON DELETE RESTRICT\n/);
  });

  it('the same schema gives the same bytes', () => {
    assert.equal(emit(MYSQL_FEATURES).sql, emit(structuredClone(MYSQL_FEATURES)).sql);
  });
});
