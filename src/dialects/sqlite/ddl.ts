import type { Schema } from '../../model/schema.js';
import type { DdlScript, DdlSubstitution } from '../ddl-target.js';
import { createIndex } from './indexes.js';
import { createTable, keyLayout } from './table.js';
import { createSetNullTrigger, createTriggers, setNullSparesColumns } from './triggers.js';
import { createView } from './views.js';
import type { Substitute } from './values.js';

/** The script's header: what a reader must know to run it and to read and write its values. */
const HEADER = [
  '-- SQLite schema written by dbarchitect from the design (SQLite 3.38 or later: STRICT tables, json_valid).',
  '-- Foreign keys: SQLite enforces them only on a connection that ran `PRAGMA foreign_keys = ON;` (off by',
  '-- default, and a no-op inside a transaction), so every connection of the application must run it first.',
  '-- Tables are STRICT: a value of the wrong type is an error, not stored as given; CHECKs keep lengths,',
  '-- integer ranges and formats. Values are stored as:',
  "--   timestamp   TEXT 'YYYY-MM-DDTHH:MM:SS.SSSZ' in UTC (without Z when without time zone); date 'YYYY-MM-DD';",
  "--               time 'HH:MM:SS.SSS'. Only that form passes the CHECK, so text order is time order.",
  '--   decimal     INTEGER in units of 10^-scale (money, decimal(19,4): 12.34 is 123400), exact; REAL would round.',
  '--   uuid        TEXT, lower case, 8-4-4-4-12; json TEXT that json_valid() accepts; bool INTEGER 0 or 1.',
  '--   enum        TEXT with CHECK (column IN (…)).',
  '-- SQLite has no roles, grants or row-level security (whoever opens the file reads all of it), no schemas,',
  '-- sequences, partitions, materialized views or COMMENT: design.json lists each substitution made here.',
];

/**
 * The schema as one SQLite script in one transaction (SQLite's DDL is transactional): tables with
 * their keys, foreign keys and checks, then indexes, triggers and views. Every statement that
 * cannot be the model's own is a stated substitution; those of the same kind are listed together.
 */
export function emitSqliteDdl(schema: Schema): DdlScript {
  const found: DdlSubstitution[] = [];
  const substitute: Substitute = (feature, object, alternative) => found.push({ feature, object, alternative });
  const enums = schema.enums;
  const statements: string[] = ['PRAGMA foreign_keys = ON;', 'BEGIN;'];
  const out: string[] = [...HEADER, 'PRAGMA foreign_keys = ON;', '', 'BEGIN;', ''];
  const add = (sql: string) => {
    statements.push(sql);
    out.push(sql, '');
  };

  for (const e of enums) substitute('enum type', e.name, 'a CHECK (column IN (…)) on each column of the type');
  const triggeredSetNull = new Set(schema.tables.flatMap((t) => t.foreignKeys.filter(setNullSparesColumns)));
  for (const table of schema.tables) {
    const layout = keyLayout(table);
    if (layout.keptUnique) {
      substitute(
        'identity in a composite primary key',
        `${table.name} (${layout.keptUnique.join(', ')})`,
        'the generated column alone is the INTEGER PRIMARY KEY (the rowid: SQLite numbers only a one-column key); the composite key stays unique as a UNIQUE constraint, which foreign keys reference',
      );
    }
    if (table.namespace)
      substitute('schema (namespace)', `${table.namespace}.${table.name}`, 'created in the main database: SQLite schemas are attached database files');
    if (table.partitioning) {
      substitute(
        'range partitioning',
        table.name,
        `one table: SQLite has no partitions; retention deletes rows by ${table.partitioning.column} instead of dropping partitions`,
      );
    }
    if (table.tenantScoped || table.rowSecurity?.enabled) {
      substitute(
        'row-level security',
        table.name,
        'none: SQLite has no roles or policies; every query of the application filters on the tenant, or each tenant gets its own database file',
      );
    }
    add(createTable(table, layout, { enums, substitute, triggeredSetNull }));
  }
  if (schema.tables.some((t) => t.comment || t.columns.some((c) => c.comment || c.pii))) {
    substitute('COMMENT ON', 'tables and columns', 'SQL comments inside each CREATE TABLE, which SQLite keeps in sqlite_schema');
  }
  for (const table of schema.tables) {
    for (const index of table.indexes) {
      const sql = createIndex(table, index, enums, substitute);
      if (sql) add(sql);
    }
  }
  for (const table of schema.tables) {
    for (const trigger of table.triggers ?? []) for (const sql of createTriggers(schema, table, trigger, substitute)) add(sql);
    for (const fk of table.foreignKeys.filter((f) => triggeredSetNull.has(f))) add(createSetNullTrigger(table, fk, substitute));
  }
  for (const view of schema.views ?? []) {
    const sql = createView(schema, view, enums, substitute);
    if (sql) add(sql);
  }
  for (const native of schema.native ?? []) {
    substitute(`${native.kind} (${native.dialect})`, native.name, `not created: its definition is ${native.dialect} SQL; write it for SQLite by hand`);
  }
  statements.push('COMMIT;');
  out.push('COMMIT;');
  return { sql: out.join('\n') + '\n', statements: statements.length, substitutions: grouped(found) };
}

/** One entry per feature and alternative, its objects listed in the order met, so the report reads as a list of decisions. */
function grouped(found: readonly DdlSubstitution[]): DdlSubstitution[] {
  const byKey = new Map<string, { feature: string; alternative: string; objects: string[] }>();
  for (const s of found) {
    const key = `${s.feature}\u0000${s.alternative}`;
    const entry = byKey.get(key) ?? { feature: s.feature, alternative: s.alternative, objects: [] };
    if (!entry.objects.includes(s.object)) entry.objects.push(s.object);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map((e) => ({ feature: e.feature, object: e.objects.join(', '), alternative: e.alternative }));
}
