import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clauseOf, mysqlLocksOf, ONLINE_DDL, type OnlineDdlForm, SOURCES } from './online-ddl.js';

describe('the MySQL/MariaDB online-DDL facts', () => {
  it("cite both servers' documentation", () => {
    assert.ok(SOURCES.some((s) => s.startsWith('https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations')));
    assert.ok(SOURCES.some((s) => s.startsWith('https://mariadb.com/kb/en/innodb-online-ddl-operations-with-the-instant')));
  });

  it('an instant form says LOCK=DEFAULT, the only lock MySQL 8 takes with ALGORITHM=INSTANT', () => {
    for (const [form, fact] of Object.entries(ONLINE_DDL)) if (fact.algorithm === 'INSTANT') assert.equal(fact.lock, 'DEFAULT', form);
  });

  it('a COPY never claims LOCK=NONE (both servers refuse it: "COPY algorithm requires a lock")', () => {
    for (const [form, fact] of Object.entries(ONLINE_DDL)) if (fact.algorithm === 'COPY') assert.notEqual(fact.lock, 'NONE', form);
  });

  const read = (sql: string) => {
    const [lock] = mysqlLocksOf(sql);
    assert.ok(lock, sql);
    return lock;
  };

  it('an instant ADD COLUMN is metadata under a brief exclusive metadata lock', () => {
    const lock = read('ALTER TABLE `orders` ADD COLUMN `c` int NULL, ALGORITHM=INSTANT, LOCK=DEFAULT');
    assert.deepEqual([lock.work, lock.blocks, lock.relation, lock.inTransaction], ['metadata', 'reads and writes', '`orders`', false]);
    assert.match(lock.action, /ADD COLUMN .*instant/);
  });

  it('an online index build is a scan that blocks only other schema changes', () => {
    const lock = read('ALTER TABLE `orders` ADD INDEX `i` (`a`), ALGORITHM=INPLACE, LOCK=NONE');
    assert.deepEqual([lock.work, lock.blocks], ['scan', 'schema changes']);
    // Reports name MySQL's lock, not the PostgreSQL mode it is weighed as.
    assert.match(lock.dialectMode ?? '', /^LOCK=NONE/);
  });

  it('an in-place NOT NULL is a rebuild (a rewrite) while DML goes on', () => {
    const lock = read('ALTER TABLE `orders` MODIFY `a` int NOT NULL, ALGORITHM=INPLACE, LOCK=NONE');
    assert.deepEqual([lock.work, lock.blocks], ['rewrite', 'schema changes']);
    assert.match(lock.action, /in-place rebuild/);
  });

  it('a table copy is named as such, a rewrite that blocks writes', () => {
    for (const sql of [
      "ALTER TABLE `orders` MODIFY `s` enum('a','c','b') NOT NULL, ALGORITHM=COPY, LOCK=SHARED",
      'ALTER TABLE `orders` ADD CONSTRAINT `k` CHECK (a > 0), ALGORITHM=COPY, LOCK=SHARED',
      'ALTER TABLE `orders` MODIFY `a` bigint NULL, ALGORITHM=COPY, LOCK=SHARED',
    ]) {
      const lock = read(sql);
      assert.deepEqual([lock.work, lock.blocks, lock.mode], ['rewrite', 'writes', 'Share'], sql);
      assert.match(lock.action, /table copy/);
    }
  });

  it('the enum forms are told apart by their algorithm', () => {
    assert.match(read("ALTER TABLE `t` MODIFY `s` enum('a','b') NOT NULL, ALGORITHM=INSTANT, LOCK=DEFAULT").action, /ENUM VALUE AT THE END/);
    assert.match(read("ALTER TABLE `t` MODIFY `s` enum('b','a') NOT NULL, ALGORITHM=COPY, LOCK=SHARED").action, /ENUM VALUES CHANGED/);
  });

  it('every form writes the clause its facts read back', () => {
    const bodies: Record<OnlineDdlForm, string> = {
      'add column': 'ADD COLUMN `c` int NULL',
      'drop column': 'DROP COLUMN `c`',
      'rename column': 'RENAME COLUMN `a` TO `b`',
      'set default': 'ALTER COLUMN `a` SET DEFAULT 1',
      'widen varchar': 'MODIFY `n` varchar(90) NULL',
      'set not null': 'MODIFY `n` int NOT NULL',
      'drop not null': 'MODIFY `n` int NULL',
      'change type': 'MODIFY `n` bigint NULL',
      'enum value at the end': "MODIFY `s` enum('a','b') NULL",
      'enum values changed': "MODIFY `s` enum('b','a') NULL",
      'add index': 'ADD INDEX `i` (`a`)',
      'drop index': 'DROP INDEX `i`',
      'rename index': 'RENAME INDEX `i` TO `j`',
      'add primary key': 'ADD PRIMARY KEY (`id`)',
      'drop primary key': 'DROP PRIMARY KEY',
      'add foreign key (checks off)': 'ADD CONSTRAINT `f` FOREIGN KEY (`a`) REFERENCES `p` (`id`)',
      'drop foreign key': 'DROP FOREIGN KEY `f`',
      'add check': 'ADD CONSTRAINT `k` CHECK (a > 0)',
      'drop check': 'DROP CONSTRAINT `k`',
    };
    for (const [form, body] of Object.entries(bodies) as [OnlineDdlForm, string][]) {
      const lock = read(`ALTER TABLE \`t\` ${body}, ${clauseOf(form)}`);
      const fact = ONLINE_DDL[form];
      const expected = fact.algorithm === 'INSTANT' ? 'metadata' : fact.algorithm === 'COPY' ? 'rewrite' : fact.work;
      assert.equal(lock.work, form === 'widen varchar' ? 'rewrite' : expected, form); // a widening reads as a rebuild; its step says lighter
    }
  });

  it('an ALTER TABLE without its ALGORITHM and LOCK clause is refused (the planner never writes one)', () => {
    assert.throws(() => mysqlLocksOf('ALTER TABLE `t` ADD COLUMN `c` int'), /without its ALGORITHM and LOCK clause/);
  });

  it('a batch and a check lock no table for long', () => {
    assert.equal(read('UPDATE `t` SET `a` = `b` WHERE `a` IS NULL ORDER BY `id` LIMIT 100').blocks, 'nothing');
    assert.deepEqual(mysqlLocksOf('SET SESSION foreign_key_checks = 0'), []);
  });
});
