import type { Diagnostic } from '../diagnostic.js';

export function renderDiagnosticsJson(diagnostics: readonly Diagnostic[]): string {
  return JSON.stringify({ diagnostics }, null, 2) + '\n';
}
