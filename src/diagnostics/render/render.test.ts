import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../diagnostic.js';
import { textEditAt } from '../text-edit.js';
import { renderDiagnosticsJson } from './json.js';
import { renderDiagnosticsSarif } from './sarif.js';
import { renderDiagnosticsText } from './text.js';

const typo: Diagnostic = {
  code: 'spec/unknown-type',
  severity: 'error',
  message: 'unknown type `mony`',
  fix: 'did you mean `money`?',
  location: { file: 'shop.yaml', line: 10, column: 14, path: 'entities.order.fields.total' },
};
const SQL = 'CREATE INDEX i ON t (a);\n';
const at = 'CREATE INDEX'.length;
const concurrently: Diagnostic = {
  code: 'lint/require-concurrent-index',
  severity: 'warning',
  message: 'CREATE INDEX locks out writes to `t` while it builds',
  fix: 'build it CONCURRENTLY, outside a transaction',
  location: { file: 'migrations/001.sql', line: 1, column: 1 },
  autofix: {
    description: 'add CONCURRENTLY',
    edits: [textEditAt('migrations/001.sql', SQL, at, at, ' CONCURRENTLY'), textEditAt('migrations/001.sql', SQL, 13, 15, '')],
  },
};

describe('the renderers', () => {
  it('a diagnostic without an autofix renders as before: text, JSON and SARIF', () => {
    assert.equal(
      renderDiagnosticsText([typo]),
      'shop.yaml:10:14: error spec/unknown-type: unknown type `mony`\n  at entities.order.fields.total\n  fix: did you mean `money`?',
    );
    assert.equal(
      renderDiagnosticsJson([typo]),
      '{\n  "diagnostics": [\n    {\n      "code": "spec/unknown-type",\n      "severity": "error",\n      "message": "unknown type `mony`",\n      "fix": "did you mean `money`?",\n      "location": {\n        "file": "shop.yaml",\n        "line": 10,\n        "column": 14,\n        "path": "entities.order.fields.total"\n      }\n    }\n  ]\n}\n',
    );
    const result = JSON.parse(renderDiagnosticsSarif([typo], '0.1.0')).runs[0].results[0];
    assert.deepEqual(Object.keys(result), ['ruleId', 'level', 'message', 'locations']);
    assert.equal(result.message.text, 'unknown type `mony` (fix: did you mean `money`?)');
  });

  it('text names what the autofix does; JSON carries it as `autofix`', () => {
    assert.equal(renderDiagnosticsText([concurrently]).split('\n').at(-1), '  autofix: add CONCURRENTLY');
    assert.deepEqual(JSON.parse(renderDiagnosticsJson([concurrently])).diagnostics[0].autofix, concurrently.autofix);
  });

  it("SARIF: the autofix is the result's `fixes`, one artifactChange per file, a replacement per edit (an insertion has an empty region, a deletion no content)", () => {
    const result = JSON.parse(renderDiagnosticsSarif([concurrently], '0.1.0')).runs[0].results[0];
    assert.equal(result.message.text, 'CREATE INDEX locks out writes to `t` while it builds (fix: build it CONCURRENTLY, outside a transaction)');
    assert.deepEqual(result.fixes, [
      {
        description: { text: 'add CONCURRENTLY' },
        artifactChanges: [
          {
            artifactLocation: { uri: 'migrations/001.sql' },
            replacements: [
              { deletedRegion: { startLine: 1, startColumn: 13, endLine: 1, endColumn: 13 }, insertedContent: { text: ' CONCURRENTLY' } },
              { deletedRegion: { startLine: 1, startColumn: 14, endLine: 1, endColumn: 16 } },
            ],
          },
        ],
      },
    ]);
  });
});
