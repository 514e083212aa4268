import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { designFromFile } from '../../src/api/design.js';
import type { Schema } from '../../src/model/schema.js';
import { ROOT } from '../helpers.js';

/** The specs the ORM models are checked on: the reference spec, the team's specs, and the keyword/composite-key fixture. */
export function ormSpecs(): string[] {
  const shared = [join(ROOT, '..', 'shared', 'specs'), '/work/shared/specs'].find((d) => existsSync(d));
  const files = [
    join(ROOT, 'examples', 'saas-shop.yaml'),
    join(ROOT, 'test', 'fixtures', 'orm-keywords.yaml'),
    join(ROOT, 'test', 'fixtures', 'social-keys.yaml'),
    ...(shared
      ? readdirSync(shared)
          .filter((f) => f.endsWith('.yaml'))
          .sort()
          .map((f) => join(shared, f))
      : []),
  ];
  return files;
}

export const specLabel = (file: string) => (file.startsWith(ROOT) ? file.slice(ROOT.length) : file);

/** The designed schema of a spec (the DDL parsed, not run: the models are compared to the model, not to an engine). */
export async function designedSchema(file: string): Promise<Schema> {
  const result = await designFromFile(file);
  assert.ok(result.ok, JSON.stringify(result.diagnostics));
  return result.design.schema;
}

/**
 * The names a model's file must carry, as code or in a comment that says the DDL has it: tables,
 * columns, enums, constraints, indexes, checks, triggers and views. Nothing is dropped silently.
 */
export function namesOf(schema: Schema): string[] {
  return [
    ...schema.enums.map((e) => e.name),
    ...schema.tables.flatMap((t) => [
      t.name,
      ...t.columns.map((c) => c.name),
      t.primaryKey.name,
      ...t.uniques.map((u) => u.name),
      ...t.foreignKeys.map((f) => f.name),
      ...t.indexes.map((i) => i.name),
      ...t.checks.map((c) => c.name),
      ...(t.triggers ?? []).map((g) => g.name),
    ]),
    ...(schema.views ?? []).map((v) => v.name),
  ];
}

/** The names the text does not carry. */
export const missingNames = (schema: Schema, text: string) => namesOf(schema).filter((n) => !text.includes(n));
