import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Schema, Table } from '../src/model/schema.js';
import { writeDjango } from '../src/writers/orm/django.js';
import { isOneToOne } from '../src/writers/orm/names.js';
import { writeSqlalchemy } from '../src/writers/orm/sqlalchemy.js';
import { designedSchema, missingNames, ormSpecs, specLabel } from './orm/designs.js';
import { EDGE_SCHEMA } from './orm/edge-schema.js';
import { type CreatedTables, createTables, pythonWith, type SqliteTable } from './orm/python.js';

const ON_DELETE = { restrict: 'RESTRICT', cascade: 'CASCADE', 'set-null': 'SET NULL', 'set-default': 'SET DEFAULT', 'no-action': 'NO ACTION' } as const;
const same = (a: readonly (string | null)[], b: readonly string[]) => JSON.stringify(a) === JSON.stringify(b);
const sameSet = (a: readonly (string | null)[], b: readonly string[]) => same([...a].sort(), [...b].sort());

/** What SQLite holds against what the model says, every difference named; columns keep the model's order. */
function compareColumns(table: Table, created: SqliteTable, extra: readonly string[] = []): string[] {
  const problems: string[] = [];
  const names = created.columns.map((c) => c.name);
  if (!sameSet(names, [...table.columns.map((c) => c.name), ...extra])) problems.push(`${table.name}: columns ${names} != ${table.columns.map((c) => c.name)}`);
  for (const column of table.columns) {
    const c = created.columns.find((x) => x.name === column.name);
    if (c && c.nullable !== column.nullable) problems.push(`${table.name}.${column.name}: nullable ${c.nullable} != ${column.nullable}`);
  }
  return problems;
}

/** SQLAlchemy declares the whole model: every key, unique, foreign key (with its action) and index, and both sides of every relation. */
function compareSqlalchemy(schema: Schema, created: CreatedTables, text: string): string[] {
  const problems: string[] = [];
  if (
    !sameSet(
      Object.keys(created.tables),
      schema.tables.map((t) => t.name),
    )
  )
    problems.push(`tables ${Object.keys(created.tables)}`);
  for (const table of schema.tables) {
    const got = created.tables[table.name];
    if (!got) continue;
    problems.push(...compareColumns(table, got));
    if (!same(got.primaryKey, table.primaryKey.columns)) problems.push(`${table.name}: primary key ${got.primaryKey}`);
    const fks = got.foreignKeys.map((f) => `${f.columns}->${f.refTable}(${f.refColumns}) ${f.onDelete}`).sort();
    const expected = table.foreignKeys.map((f) => `${f.columns}->${f.refTable}(${f.refColumns}) ${ON_DELETE[f.onDelete]}`).sort();
    if (!same(fks, expected)) problems.push(`${table.name}: foreign keys ${fks} != ${expected}`);
    const uniques = got.uniques.map((u) => u.columns.join(',')).sort();
    if (!same(uniques, table.uniques.map((u) => u.columns.join(',')).sort())) problems.push(`${table.name}: uniques ${uniques}`);
    for (const index of table.indexes) {
      const found = got.indexes.find((i) => i.name === index.name);
      if (!found) {
        // Only what the model says it leaves to the DDL may be absent.
        if (!text.includes(`the DDL has ${index.unique ? 'unique ' : ''}index ${index.name}`)) problems.push(`${table.name}: index ${index.name} missing`);
        continue;
      }
      // SQLite leaves out PostgreSQL's WHERE and INCLUDE: those are read from the index compiled for PostgreSQL.
      const postgres = created.postgresIndexes?.[index.name] ?? '';
      const where = index.where.length > 0 || index.predicate !== undefined;
      if (
        !same(
          found.columns,
          index.keys.map((k) => k.column!),
        ) ||
        found.unique !== index.unique ||
        / WHERE /.test(postgres) !== where
      )
        problems.push(`${table.name}: index ${index.name} is ${JSON.stringify(found)}, ${postgres}`);
      if (index.include.length && !postgres.includes(`INCLUDE (${index.include.join(', ')})`))
        problems.push(`${table.name}: index ${index.name} without INCLUDE: ${postgres}`);
    }
    if (got.indexes.length > table.indexes.length) problems.push(`${table.name}: indexes the model lacks`);
  }
  for (const table of schema.tables)
    for (const fk of table.foreignKeys) {
      const cols = [...fk.columns].sort();
      const forward = created.relations.find((r) => r.table === table.name && r.direction === 'MANYTOONE' && same(r.columns as string[], cols));
      if (!forward || forward.target !== fk.refTable) problems.push(`${table.name}: no many-to-one relation for ${fk.name}`);
      // The one-to-many side's local columns are the referenced ones.
      const refCols = [...fk.refColumns].sort();
      const back = created.relations.find(
        (r) => r.table === fk.refTable && r.target === table.name && r.direction === 'ONETOMANY' && same(r.columns as string[], refCols),
      );
      if (!back || back.uselist !== !isOneToOne(table, fk)) problems.push(`${fk.refTable}: no one-to-many relation for ${fk.name}`);
    }
  if (created.relations.length !== 2 * schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0)) problems.push(`${created.relations.length} relations`);
  return problems;
}

/**
 * Django (3.2, Debian's) has one-column keys and one-column foreign keys: each composite key is a
 * unique constraint beside a one-column Django key, each composite foreign key a relation on one of
 * its columns or a plain field, and the model file says so for each. Everything else is exact.
 */
function compareDjango(schema: Schema, created: CreatedTables, text: string): string[] {
  const problems: string[] = [];
  for (const check of created.checks ?? []) problems.push(`system check ${check.id}: ${check.message} (${check.object})`);
  if (
    !sameSet(
      Object.keys(created.tables),
      schema.tables.map((t) => t.name),
    )
  )
    problems.push(`tables ${Object.keys(created.tables)}`);
  for (const table of schema.tables) {
    const got = created.tables[table.name];
    if (!got) continue;
    const pk = table.primaryKey.columns;
    const surrogate = pk.length > 1 && !pk.includes(got.primaryKey[0]!) ? got.primaryKey : [];
    if (surrogate.length && !text.includes(`Django adds its own ${surrogate[0]} column (not in the DDL) as its key, and (${pk.join(', ')}) is declared unique`))
      problems.push(`${table.name}: surrogate key ${surrogate} not said`);
    problems.push(...compareColumns(table, got, surrogate));
    if (pk.length === 1 && !same(got.primaryKey, pk)) problems.push(`${table.name}: primary key ${got.primaryKey}`);
    const uniques = got.uniques.map((u) => u.columns.join(','));
    const declared = [
      ...table.uniques.map((u) => u.columns.join(',')),
      ...(pk.length > 1 ? [pk.join(',')] : []),
      ...table.indexes.filter((i) => i.unique && i.where.length === 0 && i.keys.every((k) => k.column)).map((i) => i.keys.map((k) => k.column).join(',')),
    ];
    for (const u of [...table.uniques.map((u) => u.columns.join(',')), ...(pk.length > 1 ? [pk.join(',')] : [])])
      if (!uniques.includes(u)) problems.push(`${table.name}: unique (${u}) missing`);
    for (const u of uniques) if (!declared.includes(u)) problems.push(`${table.name}: unique (${u}) the model lacks`);
    // Every foreign key Django created is one of the model's, on some of its columns; a model's key not created whole is said.
    for (const f of got.foreignKeys) {
      const match = table.foreignKeys.find(
        (fk) => fk.refTable === f.refTable && f.columns.every((c, i) => fk.columns.indexOf(c) >= 0 && fk.refColumns[fk.columns.indexOf(c)] === f.refColumns[i]),
      );
      if (!match) problems.push(`${table.name}: foreign key ${JSON.stringify(f)} the model lacks`);
    }
    for (const fk of table.foreignKeys) {
      const whole = got.foreignKeys.some((f) => f.refTable === fk.refTable && sameSet(f.columns, fk.columns));
      if (!whole && !text.includes(`foreign key ${fk.name} (`)) problems.push(`${table.name}: foreign key ${fk.name} neither created nor said`);
    }
    for (const index of table.indexes) {
      const found = got.indexes.find((i) => i.name === index.name);
      const asUnique = index.unique && index.where.length === 0 && uniques.includes(index.keys.map((k) => k.column).join(','));
      if (found) {
        if (
          !same(
            found.columns,
            index.keys.map((k) => k.column!),
          ) ||
          found.unique !== index.unique ||
          found.partial !== index.where.length > 0
        )
          problems.push(`${table.name}: index ${index.name} is ${JSON.stringify(found)}`);
      } else if (!asUnique && !text.includes(`the DDL has ${index.unique ? 'unique ' : ''}index ${index.name}`))
        problems.push(`${table.name}: index ${index.name} missing`);
    }
  }
  return problems;
}

const TARGETS = [
  { orm: 'sqlalchemy', write: writeSqlalchemy, compare: compareSqlalchemy },
  { orm: 'django', write: writeDjango, compare: compareDjango },
] as const;

for (const target of TARGETS) {
  const found = pythonWith(target.orm);
  describe(`${target.orm} models create their tables on SQLite, and SQLite holds what the model says`, { skip: found.skip || false }, () => {
    const schemas = new Map<string, Schema>();
    before(async () => {
      for (const file of ormSpecs()) schemas.set(specLabel(file), await designedSchema(file));
      schemas.set('edge-case model', EDGE_SCHEMA);
    });
    for (const label of [...ormSpecs().map(specLabel), 'edge-case model'])
      it(label, () => {
        const schema = schemas.get(label)!;
        const [file] = target.write(schema);
        assert.equal(file!.path, 'models.py');
        const created = createTables(found.python!, target.orm, file!.text);
        assert.deepEqual(target.compare(schema, created, file!.text), []);
        // Django names one-column keys and its foreign keys itself: their DDL names need not appear.
        const ownNames =
          target.orm === 'django'
            ? new Set(
                schema.tables.flatMap((t) => [
                  ...(t.primaryKey.columns.length === 1 ? [t.primaryKey.name] : []),
                  ...t.foreignKeys.filter((f) => f.columns.length === 1).map((f) => f.name),
                ]),
              )
            : new Set<string>();
        assert.deepEqual(
          missingNames(schema, file!.text).filter((n) => !ownNames.has(n)),
          [],
        );
      });

    it('a model that differs from the tables is caught (so an empty comparison means something)', () => {
      const [file] = target.write(EDGE_SCHEMA);
      const created = createTables(found.python!, target.orm, file!.text);
      const changed: Schema = {
        ...EDGE_SCHEMA,
        tables: EDGE_SCHEMA.tables.map((t) => (t.name === 'author' ? { ...t, uniques: [], columns: t.columns.slice(1) } : t)),
      };
      const problems = target.compare(changed, created, file!.text);
      assert.ok(problems.some((p) => p.startsWith('author: columns')));
      assert.ok(problems.some((p) => p.includes('author_email_key') || p.startsWith('author: unique')));
    });
  });
}

describe('what each Python target declares and what it leaves to the DDL', () => {
  const sqlalchemy = writeSqlalchemy(EDGE_SCHEMA)[0]!.text;
  const django = writeDjango(EDGE_SCHEMA)[0]!.text;

  it('SQLAlchemy: partial, INCLUDE, method and operator-class indexes; expression keys as a comment', () => {
    assert.match(
      sqlalchemy,
      /Index\("doc_state_idx", author_id, written_at\.desc\(\), postgresql_include=\["title"\], postgresql_where=state\.in_\(\["draft", "in-review"\]\)\)/,
    );
    assert.match(sqlalchemy, /Index\("doc_tags_gin", tags, postgresql_using="gin", postgresql_ops=\{"tags": "jsonb_path_ops"\}\)/);
    assert.match(sqlalchemy, /# the DDL has unique index author_lower_email_idx \(\(lower\(email\)\)\): not declared here \(expression keys\)/);
    assert.match(sqlalchemy, /search = Column\("search", Native\("tsvector"\), nullable=True\)/);
    assert.match(
      sqlalchemy,
      /ForeignKeyConstraint\(\[reviewer_id\], \["author.author_id"\], name="document_reviewer_id_fkey", ondelete="SET NULL", deferrable=True, initially="DEFERRED"\)/,
    );
    assert.match(
      sqlalchemy,
      /document_stats = relationship\("DocumentStats", foreign_keys="\[DocumentStats.document_id\]", back_populates="document", uselist=False\)/,
    );
  });

  it('Django: a UUID key with its Python default, a one-to-one key, a partial unique constraint; what it cannot say as comments', () => {
    assert.match(django, /author_id = models\.UUIDField\(primary_key=True, default=uuid\.uuid4, db_column="author_id"\)/);
    assert.match(
      django,
      /document = models\.OneToOneField\("Document", on_delete=models\.CASCADE, primary_key=True, db_column="document_id", related_name="document_stats"\)/,
    );
    assert.match(django, /models\.UniqueConstraint\(fields=\["author", "title"\], name="doc_title_uq", condition=Q\(published=True\)\)/);
    assert.match(django, /class DocState\(models\.TextChoices\):\n {4}DRAFT = "draft"\n {4}IN_REVIEW = "in-review"/);
    assert.match(django, /# the DDL has index doc_tags_gin USING gin \("tags" jsonb_path_ops\): Django cannot declare an index method here/);
  });
});
