import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import type { Schema } from '../src/model/schema.js';
import { writePrisma } from '../src/writers/orm/prisma.js';
import { designedSchema, missingNames, ormSpecs, specLabel } from './orm/designs.js';
import { EDGE_SCHEMA, withPostgresDefaults } from './orm/edge-schema.js';

/** Prisma's own schema validator and DMMF builder (the engine Prisma's CLI runs, as WebAssembly). */
const prisma = createRequire(import.meta.url)('@prisma/prisma-schema-wasm') as { validate(params: string): void; get_dmmf(params: string): string };
const files = (text: string) => JSON.stringify({ prismaSchema: [['schema.prisma', text]] });

/** Prisma's errors, without its terminal colours; empty when the schema is valid. */
function validate(text: string): string {
  try {
    prisma.validate(files(text));
    return '';
  } catch (error) {
    const raw = String((error as Error).message ?? error);
    const message = (JSON.parse(raw) as { message?: string }).message ?? raw;
    return message.replace(/\u001b\[[0-9;]*m/g, '');
  }
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  primaryKey: { fields: string[] } | null;
  uniqueFields: string[][];
  fields: { name: string; dbName: string | null; kind: string; isId: boolean; relationName?: string; relationFromFields?: string[] }[];
}

/** The schema as Prisma reads it, compared to the model: tables, columns, keys and both sides of every relation. */
function compareDmmf(schema: Schema, text: string): string[] {
  const models = (JSON.parse(prisma.get_dmmf(files(text))) as { datamodel: { models: DmmfModel[] } }).datamodel.models;
  const problems: string[] = [];
  const byTable = new Map(models.map((m) => [m.dbName ?? m.name, m]));
  assert.deepEqual([...byTable.keys()].sort(), schema.tables.map((t) => t.name).sort());
  for (const table of schema.tables) {
    const model = byTable.get(table.name)!;
    const scalars = model.fields.filter((f) => f.kind !== 'object');
    const column = (field: string) => {
      const f = scalars.find((s) => s.name === field);
      return f ? (f.dbName ?? f.name) : `?${field}`;
    };
    // Unsupported(…) fields are left out of the DMMF (Prisma Client never reads them); the text has them.
    const columns = table.columns.filter((c) => c.type.kind !== 'native').map((c) => c.name);
    if (JSON.stringify(scalars.map((f) => f.dbName ?? f.name)) !== JSON.stringify(columns))
      problems.push(`${table.name}: columns ${scalars.map((f) => f.dbName ?? f.name)} != ${columns}`);
    const pk = model.primaryKey ? model.primaryKey.fields.map(column) : scalars.filter((f) => f.isId).map((f) => f.dbName ?? f.name);
    if (JSON.stringify(pk) !== JSON.stringify(table.primaryKey.columns)) problems.push(`${table.name}: primary key ${pk} != ${table.primaryKey.columns}`);
    for (const u of table.uniques)
      if (!model.uniqueFields.some((f) => JSON.stringify(f.map(column)) === JSON.stringify(u.columns)))
        problems.push(`${table.name}: unique ${u.name} missing`);
    for (const fk of table.foreignKeys) {
      const forward = model.fields.find((f) => f.relationName === fk.name && (f.relationFromFields ?? []).length > 0);
      if (!forward || JSON.stringify(forward.relationFromFields!.map(column)) !== JSON.stringify(fk.columns))
        problems.push(`${table.name}: relation ${fk.name} missing`);
      const back = byTable.get(fk.refTable)?.fields.find((f) => f.relationName === fk.name && f !== forward && (f.relationFromFields ?? []).length === 0);
      if (!back) problems.push(`${fk.refTable}: back relation of ${fk.name} missing`);
    }
  }
  return problems;
}

describe('Prisma schema: valid for Prisma, and the same tables, columns, keys and relations as the model', () => {
  for (const file of ormSpecs())
    it(specLabel(file), async () => {
      const schema = await designedSchema(file);
      const [out] = writePrisma(schema);
      assert.equal(out!.path, 'schema.prisma');
      assert.equal(validate(out!.text), '');
      assert.deepEqual(compareDmmf(schema, out!.text), []);
      assert.deepEqual(missingNames(schema, out!.text), []);
    });

  it('every logical type, native types, identity, defaults, a one-to-one and a deferrable reference, and indexes it cannot declare', () => {
    const schema = withPostgresDefaults(EDGE_SCHEMA);
    const { text } = writePrisma(schema)[0]!;
    assert.equal(validate(text), '');
    assert.deepEqual(compareDmmf(schema, text), []);
    assert.deepEqual(missingNames(schema, text), []);
    assert.match(text, /search +Unsupported\("tsvector"\)\?\n/);
    assert.match(text, /authorId +String +@id\(map: "author_pkey"\) @default\(dbgenerated\("gen_random_uuid\(\)"\)\) @map\("author_id"\) @db\.Uuid/);
    assert.match(text, /seq +BigInt +@default\(dbgenerated\("nextval\('document_stats_seq'::regclass\)"\)\)/);
    assert.match(text, /inReview +@map\("in-review"\)/);
    assert.match(text, /documentStats +DocumentStats\? +@relation\("document_stats_document_id_fkey"\)/);
    assert.match(text, /\/\/ the DDL has unique index author_lower_email_idx \(\(lower\(email\)\)\): Prisma cannot declare expression keys/);
    assert.match(text, /\/\/ the DDL has index doc_state_idx .* WHERE "state" IN \('draft', 'in-review'\): Prisma cannot declare a WHERE condition/);
    assert.match(text, /@@index\(\[tags\], map: "doc_tags_gin", type: Gin\)|the DDL has index doc_tags_gin/);
    assert.match(text, /document_reviewer_id_fkey: DEFERRABLE in the DDL/);
  });

  it('composite references SET NULL of one column stay in a comment, where Prisma would null the tenant too', async () => {
    const { text } = writePrisma(await designedSchema(ormSpecs()[1]!))[0]!;
    assert.match(text, /group_owner_id_fkey: ON DELETE SET NULL \(owner_id\) in the DDL, which Prisma cannot say on required fields/);
    assert.doesNotMatch(text.split('\n').find((l) => l.includes('"group_owner_id_fkey", fields'))!, /onDelete/);
  });

  it('the validator fails a broken schema (so a pass means something)', () => {
    const { text } = writePrisma(EDGE_SCHEMA)[0]!;
    assert.match(validate(text.replace('references: [authorId]', 'references: [nowhere]')), /nowhere/);
  });
});
