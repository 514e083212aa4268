import type { Diagnostic } from '../diagnostic.js';

const level = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, the format code-scanning services read. */
export function renderDiagnosticsSarif(diagnostics: readonly Diagnostic[], toolVersion: string): string {
  const rules = [...new Set(diagnostics.map((d) => d.code))].sort().map((id) => ({ id }));
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
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'dbarchitect', version: toolVersion, rules } }, results }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
