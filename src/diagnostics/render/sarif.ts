import type { Diagnostic, Fix } from '../diagnostic.js';
import type { RuleMeta } from '../rule.js';

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * SARIF 2.1.0, the format code-scanning services read. The help text stays in the message; an
 * autofix becomes the result's `fixes`: one `artifactChange` per file, one `replacement` per edit,
 * its `deletedRegion` from the edit's start to its end (`endColumn` is the column after the region,
 * so an insertion has `endColumn` = `startColumn`), its `insertedContent` the new text, if any.
 */
export function renderDiagnosticsSarif(diagnostics: readonly Diagnostic[], toolVersion: string, ruleMetas: readonly RuleMeta[] = []): string {
  // With a rule set's metadata, every rule is described (code-scanning tools show these texts beside each
  // result, and list rules without results as passing); codes without metadata get a bare descriptor.
  const described = new Set(ruleMetas.map((m) => m.code));
  const rules = [
    ...ruleMetas.map(ruleDescriptor),
    ...[...new Set(diagnostics.map((d) => d.code))]
      .filter((code) => !described.has(code))
      .sort()
      .map((id) => ({ id })),
  ];
  const results = diagnostics.map((d) => ({
    ruleId: d.code,
    level: level[d.severity],
    message: { text: d.fix ? `${d.message} (fix: ${d.fix})` : d.message },
    ...(d.location
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.location.file },
                region: { startLine: d.location.line, startColumn: d.location.column },
              },
              ...(d.location.path ? { logicalLocations: [{ fullyQualifiedName: d.location.path }] } : {}),
            },
          ],
        }
      : {}),
    ...(d.autofix ? { fixes: [sarifFix(d.autofix)] } : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'dbarchitect', version: toolVersion, rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A reportingDescriptor: the summary as its short description, why it matters as the full one, the fix as its help. */
function ruleDescriptor(meta: RuleMeta) {
  return {
    id: meta.code,
    name: meta.name,
    shortDescription: { text: meta.summary },
    fullDescription: { text: meta.why },
    help: { text: meta.help },
    defaultConfiguration: { level: level[meta.severity] },
    properties: { tags: [meta.set] },
  };
}

function sarifFix(fix: Fix) {
  const files = [...new Set(fix.edits.map((e) => e.file))];
  return {
    description: { text: fix.description },
    artifactChanges: files.map((file) => ({
      artifactLocation: { uri: file },
      replacements: fix.edits
        .filter((e) => e.file === file)
        .map((e) => ({
          deletedRegion: { startLine: e.start.line, startColumn: e.start.column, endLine: e.end.line, endColumn: e.end.column },
          ...(e.newText ? { insertedContent: { text: e.newText } } : {}),
        })),
    })),
  };
}
