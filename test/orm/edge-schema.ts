import type { Column, Schema, Table } from '../../src/model/schema.js';

const column = (name: string, type: Column['type'], extra: Partial<Column> = {}): Column => ({
  name,
  type,
  nullable: false,
  pii: false,
  origin: 'test',
  ...extra,
});

const table = (name: string, columns: Column[], extra: Partial<Table> = {}): Table => ({
  name,
  kind: 'entity',
  columns,
  primaryKey: { name: `${name}_pkey`, columns: [columns[0]!.name] },
  uniques: [],
  foreignKeys: [],
  checks: [],
  indexes: [],
  tenantScoped: false,
  origin: 'test',
  ...extra,
});

/**
 * What the designs of the specs do not reach and the ORM writers must still say: every logical
 * type, native types, identity BY DEFAULT, a generated column, a one-to-one reference, a deferrable
 * one, a random UUID key, and indexes with expression keys, INCLUDE, a method, an operator class,
 * a condition and uniqueness. No default here is PostgreSQL-only SQL, so the Python models also
 * create their tables on SQLite (a sequence default is in `withPostgresDefaults`).
 */
export const EDGE_SCHEMA: Schema = {
  enums: [{ name: 'doc_state', values: ['draft', 'in-review', 'published'] }],
  tables: [
    table(
      'author',
      [
        column('author_id', { kind: 'uuid' }, { default: { kind: 'random-uuid' } }),
        column('email', { kind: 'string', length: 200 }),
        column('country', { kind: 'char', length: 2 }, { nullable: true }),
        column('born', { kind: 'date' }, { nullable: true }),
        column('wakes_at', { kind: 'time' }, { nullable: true }),
        column('score', { kind: 'float' }, { default: { kind: 'literal', value: 0 } }),
      ],
      {
        uniques: [{ name: 'author_email_key', columns: ['email'] }],
        indexes: [
          {
            name: 'author_lower_email_idx',
            table: 'author',
            keys: [{ expression: 'lower(email)' }],
            include: [],
            where: [],
            method: 'btree',
            unique: true,
            reason: 'test',
          },
        ],
        comment: 'People who write documents',
      },
    ),
    table(
      'document',
      [
        column('id', { kind: 'int32' }, { identity: 'by-default' }),
        column('author_id', { kind: 'uuid' }),
        column('reviewer_id', { kind: 'uuid' }, { nullable: true }),
        column('state', { kind: 'enum', name: 'doc_state' }, { default: { kind: 'literal', value: 'draft' } }),
        column('title', { kind: 'text' }),
        column('body', { kind: 'bytes' }, { nullable: true }),
        column('words', { kind: 'int16' }, { default: { kind: 'literal', value: 0 } }),
        column('price', { kind: 'money' }, { nullable: true }),
        column('rank', { kind: 'decimal', precision: 9, scale: 3 }, { nullable: true }),
        column('tags', { kind: 'json' }, { nullable: true }),
        column('search', { kind: 'native', dialect: 'postgres', sql: 'tsvector' }, { nullable: true }),
        column('title_length', { kind: 'int32' }, { nullable: true, generated: { expression: 'length(title)', stored: true } }),
        column('published', { kind: 'bool' }, { default: { kind: 'literal', value: true } }),
        column('written_at', { kind: 'timestamp', withTimeZone: false }, { default: { kind: 'now' } }),
      ],
      {
        foreignKeys: [
          { name: 'document_author_id_fkey', columns: ['author_id'], refTable: 'author', refColumns: ['author_id'], onDelete: 'cascade', deferrable: false },
          {
            name: 'document_reviewer_id_fkey',
            columns: ['reviewer_id'],
            refTable: 'author',
            refColumns: ['author_id'],
            onDelete: 'set-null',
            deferrable: true,
            initiallyDeferred: true,
          },
        ],
        indexes: [
          {
            name: 'doc_state_idx',
            table: 'document',
            keys: [{ column: 'author_id' }, { column: 'written_at', order: 'desc' }],
            include: ['title'],
            where: [{ column: 'state', op: 'in', values: ['draft', 'in-review'] }],
            method: 'btree',
            unique: false,
            reason: 'test',
          },
          {
            name: 'doc_title_uq',
            table: 'document',
            keys: [{ column: 'author_id' }, { column: 'title' }],
            include: [],
            where: [{ column: 'published', op: 'eq', values: [true] }],
            method: 'btree',
            unique: true,
            reason: 'test',
          },
          {
            name: 'doc_tags_gin',
            table: 'document',
            keys: [{ column: 'tags', opclass: 'jsonb_path_ops' }],
            include: [],
            where: [],
            method: 'gin',
            unique: false,
            reason: 'test',
          },
        ],
        checks: [{ name: 'document_words_check', rule: { kind: 'range', column: 'words', min: 0 } }],
      },
    ),
    table('document_stats', [column('document_id', { kind: 'int32' }), column('reads', { kind: 'int64' }, { default: { kind: 'literal', value: 0 } })], {
      foreignKeys: [
        { name: 'document_stats_document_id_fkey', columns: ['document_id'], refTable: 'document', refColumns: ['id'], onDelete: 'cascade', deferrable: false },
      ],
    }),
  ],
};

/** The same model with defaults only PostgreSQL reads (a sequence, an expression): for the TypeScript and Prisma targets. */
export const withPostgresDefaults = (schema: Schema): Schema => ({
  ...schema,
  tables: schema.tables.map((t) =>
    t.name !== 'document_stats'
      ? t
      : {
          ...t,
          columns: [
            ...t.columns,
            column('seq', { kind: 'int64' }, { default: { kind: 'sequence', sequence: 'document_stats_seq' } }),
            column(
              'checked_at',
              { kind: 'timestamp', withTimeZone: true },
              { nullable: true, default: { kind: 'expression', sql: "now() - interval '1 day'" } },
            ),
          ],
        },
  ),
});
