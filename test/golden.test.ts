import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { designFromFile } from '../src/api/design.js';
import { designSchema } from '../src/model/design.js';
import { verifyReportSchema } from '../src/model/parts/verify-report.js';
import { compareGolden } from './golden-file.js';
import { REFERENCE_SPEC } from './helpers.js';

/**
 * Golden files: the reference spec's artifacts, reviewed when they change. To accept a change,
 * run `UPDATE_GOLDEN=1 npm test` and review the diff in git.
 */
const GOLDEN = fileURLToPath(new URL('./golden/saas-shop/', import.meta.url));
const SCHEMA_DOC = fileURLToPath(new URL('../docs/design.schema.json', import.meta.url));
const VERIFY_SCHEMA_DOC = fileURLToPath(new URL('../docs/verify.schema.json', import.meta.url));
const compare = compareGolden;

describe('golden artifacts of the reference spec', async () => {
  const first = await designFromFile(REFERENCE_SPEC);
  const second = await designFromFile(REFERENCE_SPEC);
  assert.ok(first.ok && second.ok);

  it('two runs give byte-identical artifacts', () => {
    assert.deepEqual(second.artifacts, first.artifacts);
  });

  // report.html inlines Mermaid's 3.5 MB bundle: it is checked in a browser (test/report-html.test.ts), not kept as a golden file.
  for (const artifact of first.artifacts.filter((a) => a.path !== 'report.html')) {
    it(`${artifact.path} matches its golden file`, () => compare(join(GOLDEN, artifact.path), artifact.content));
  }

  it('design.json has the documented top-level keys and validates against its schema', () => {
    const json = JSON.parse(first.artifacts.find((a) => a.path === 'design.json')!.content);
    for (const key of ['spec', 'schema', 'decisions', 'diagnostics']) assert.ok(key in json, key);
    designSchema.parse(json);
  });

  it('docs/design.schema.json and docs/verify.schema.json are generated from the model', () => {
    compare(SCHEMA_DOC, JSON.stringify(z.toJSONSchema(designSchema, { io: 'input' }), null, 2) + '\n');
    compare(VERIFY_SCHEMA_DOC, JSON.stringify(z.toJSONSchema(verifyReportSchema, { io: 'input' }), null, 2) + '\n');
  });
});
