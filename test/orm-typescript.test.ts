import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeDrizzle } from '../src/writers/orm/drizzle.js';
import { writeTypeorm } from '../src/writers/orm/typeorm.js';
import { designedSchema, missingNames, ormSpecs, specLabel } from './orm/designs.js';
import { EDGE_SCHEMA, withPostgresDefaults } from './orm/edge-schema.js';
import { typecheck } from './orm/typecheck.js';

/** TypeORM's decorators are the legacy ones, as its documentation sets up a project. */
const TYPEORM_OPTIONS = { experimentalDecorators: true, emitDecoratorMetadata: true };

// One program per target for every schema at once: the compiler loads drizzle-orm's and typeorm's types once (seconds each).
describe('Drizzle and TypeORM models type-check against the real packages with zero diagnostics', async () => {
  const specs = ormSpecs();
  const schemas = [...(await Promise.all(specs.map(designedSchema))), withPostgresDefaults(EDGE_SCHEMA)];
  const labels = [...specs.map(specLabel), 'edge-case model'];
  const folder = (i: number) => `m${i}`;

  it('drizzle-orm: every schema.ts compiles, and names every table, column, key and index', () => {
    const files = Object.fromEntries(schemas.map((s, i) => [`${folder(i)}/schema.ts`, writeDrizzle(s)[0]!.text]));
    assert.deepEqual(typecheck(files), []);
    schemas.forEach((s, i) => assert.deepEqual(missingNames(s, files[`${folder(i)}/schema.ts`]!), [], labels[i]));
  });

  it('typeorm: every entities.ts compiles, and names every table, column, key and index', () => {
    const files = Object.fromEntries(schemas.map((s, i) => [`${folder(i)}/entities.ts`, writeTypeorm(s)[0]!.text]));
    assert.deepEqual(typecheck(files, TYPEORM_OPTIONS), []);
    schemas.forEach((s, i) => assert.deepEqual(missingNames(s, files[`${folder(i)}/entities.ts`]!), [], labels[i]));
  });

  it('the type check fails a broken file (so zero diagnostics means something)', () => {
    const drizzle = writeDrizzle(EDGE_SCHEMA)[0]!.text.replace('foreignColumns: [author.authorId]', 'foreignColumns: [author.nowhere]');
    assert.match(typecheck({ 'schema.ts': drizzle }).join('\n'), /Property 'nowhere' does not exist/);
    const typeorm = writeTypeorm(EDGE_SCHEMA)[0]!.text.replace("onDelete: 'CASCADE'", "onDelete: 'EXPLODE'");
    assert.match(typecheck({ 'entities.ts': typeorm }, TYPEORM_OPTIONS).join('\n'), /EXPLODE/);
  });
});

describe('what each TypeScript target declares and what it leaves to the DDL', () => {
  const drizzle = writeDrizzle(withPostgresDefaults(EDGE_SCHEMA))[0]!.text;
  const typeorm = writeTypeorm(withPostgresDefaults(EDGE_SCHEMA))[0]!.text;

  it('drizzle-orm declares partial, method and operator-class indexes, and says INCLUDE and expression-free gaps', () => {
    assert.match(drizzle, /index\('doc_state_idx'\)\.on\(t\.authorId, t\.writtenAt\.desc\(\)\)\.where\(sql`"state" IN \('draft', 'in-review'\)`\)/);
    assert.match(drizzle, /uniqueIndex\('author_lower_email_idx'\)\.on\(sql`\(lower\(email\)\)`\)/);
    assert.match(drizzle, /index\('doc_tags_gin'\)\.using\('gin', t\.tags\.op\('jsonb_path_ops'\)\)/);
    assert.match(drizzle, /\/\/ the DDL has index doc_state_idx .*: drizzle-orm cannot declare INCLUDE columns; declared without them/);
    assert.match(drizzle, /search: tsvectorType\('search'\)/);
    assert.match(drizzle, /id: integer\('id'\)\.notNull\(\)\.generatedByDefaultAsIdentity\(\)/);
    assert.match(drizzle, /titleLength: integer\('title_length'\)\.generatedAlwaysAs\(sql`length\(title\)`\)/);
    assert.match(drizzle, /reviewerDocuments: many\(document, \{ relationName: 'document_reviewer_id_fkey' \}\)/);
    assert.match(drizzle, /documentStats: one\(documentStats\),/);
  });

  it('typeorm declares partial indexes and says what it cannot: expression keys, methods, key order', () => {
    assert.match(typeorm, /@Index\('doc_title_uq', \['authorId', 'title'\], \{ unique: true, where: '"published" = true' \}\)/);
    assert.match(typeorm, /\/\/ the DDL has unique index author_lower_email_idx .*: TypeORM cannot declare expression keys/);
    assert.match(typeorm, /\/\/ the DDL has index doc_tags_gin .*: TypeORM cannot declare an index method, operator classes/);
    assert.match(typeorm, /@Column\(\{ name: 'search', type: 'tsvector', nullable: true \}\)/);
    assert.match(typeorm, /deferrable: 'INITIALLY DEFERRED'/);
    assert.match(typeorm, /@OneToOne\(\(\) => DocumentStats, \(documentStats\) => documentStats\.document\)/);
  });
});
