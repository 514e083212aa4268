import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { auditIntrospection } from '../src/api/audit.js';
import { renderDiagnosticsSarif } from '../src/diagnostics/render/sarif.js';
import { auditRules } from '../src/rules/audit/index.js';
import { TOOL_VERSION } from '../src/version.js';
import { auditDefectsIntrospection } from './fixtures/existing/audit-defects-model.js';
import { runCli } from './helpers.js';

/**
 * The SARIF 2.1.0 JSON schema (the final rtm.5 text, JSON Schema draft-04) as @microsoft/jest-sarif
 * ships it, checked with Ajv's draft-04 build and the formats it uses (uri, uri-reference, date-time).
 */
const require = createRequire(import.meta.url);
const SCHEMA = JSON.parse(readFileSync(join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// unicodeRegExp off: the schema's `language` pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) has a stray bracket that only a non-unicode RegExp accepts.
// Both are CommonJS with `exports.default`: under NodeNext the default import is the module object.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validate = ajv.compile(SCHEMA);

function schemaErrors(sarif: string): string[] {
  validate(JSON.parse(sarif));
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
}

describe('SARIF output of the audit (SARIF 2.1.0 schema)', () => {
  const metas = auditRules.rules.map((r) => r.meta);

  it('the defects fixture as SARIF is valid, and so is the SARIF of a file audit with locations', () => {
    assert.deepEqual(schemaErrors(renderDiagnosticsSarif(auditIntrospection(auditDefectsIntrospection()), TOOL_VERSION, metas)), []);
    const live = auditDefectsIntrospection();
    const fromFile = {
      ...live,
      source: { ...live.source, kind: 'sql-file' as const, location: 'test/fixtures/existing/audit-defects.sql' },
      statements: [{ index: 1, line: 33, column: 1, summary: 'CREATE TABLE event_log', how: 'executed' as const }],
    };
    const sarif = renderDiagnosticsSarif(auditIntrospection(fromFile), TOOL_VERSION, metas);
    assert.deepEqual(schemaErrors(sarif), []);
    const located = JSON.parse(sarif).runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'audit/no-primary-key');
    assert.deepEqual(located.locations[0].physicalLocation, {
      artifactLocation: { uri: 'test/fixtures/existing/audit-defects.sql' },
      region: { startLine: 33, startColumn: 1 },
    });
  });

  it('code-scanning conventions: every rule described from its metadata (short and full description, help, level), every result naming one', () => {
    const log = JSON.parse(renderDiagnosticsSarif(auditIntrospection(auditDefectsIntrospection()), TOOL_VERSION, metas));
    const { rules } = log.runs[0].tool.driver;
    assert.deepEqual(
      rules.map((r: { id: string }) => r.id),
      metas.map((m) => m.code),
    );
    const overflow = rules.find((r: { id: string }) => r.id === 'audit/integer-key-near-overflow');
    const meta = metas.find((m) => m.code === 'audit/integer-key-near-overflow')!;
    assert.deepEqual(overflow, {
      id: meta.code,
      name: meta.name,
      shortDescription: { text: meta.summary },
      fullDescription: { text: meta.why },
      help: { text: meta.help },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['audit'] },
    });
    const ids = new Set(rules.map((r: { id: string }) => r.id));
    for (const result of log.runs[0].results) {
      assert.ok(ids.has(result.ruleId), result.ruleId);
      assert.ok(['error', 'warning', 'note'].includes(result.level));
    }
  });

  it('dbarchitect audit <spec> --format sarif writes valid SARIF with the findings located in the spec', async () => {
    const run = await runCli(['audit', 'examples/saas-shop.yaml', '--format', 'sarif']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(schemaErrors(run.stdout), []);
    const results = JSON.parse(run.stdout).runs[0].results;
    assert.equal(results.length, 3);
    assert.equal(results[0].locations[0].physicalLocation.artifactLocation.uri, 'examples/saas-shop.yaml');
  });

  it("the renderer's other user stays valid: dbarchitect check --format sarif (no rule metadata, bare descriptors)", async () => {
    const run = await runCli(['check', 'examples/saas-shop.yaml', '--format', 'sarif']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(schemaErrors(run.stdout), []);
  });

  it('the validator does reject what breaks the schema (a level SARIF does not have, a result without a message)', () => {
    const log = JSON.parse(renderDiagnosticsSarif(auditIntrospection(auditDefectsIntrospection()), TOOL_VERSION, metas));
    log.runs[0].results[0].level = 'info';
    delete log.runs[0].results[1].message;
    assert.equal(schemaErrors(JSON.stringify(log)).length > 0, true);
  });
});
