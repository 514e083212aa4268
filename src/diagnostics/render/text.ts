import type { Diagnostic } from '../diagnostic.js';

export interface TextStyle {
  readonly color: boolean;
}

const paint = (on: boolean, code: number, text: string) => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
const severityColor = { error: 31, warning: 33, info: 36 } as const;

/**
 * `file:line:column: severity code: message`, the form editors and CI annotate, then the path,
 * the help text (`fix:`) and what an autofix would do on indented lines.
 */
export function renderDiagnosticText(d: Diagnostic, style: TextStyle = { color: false }): string {
  const where = d.location ? `${d.location.file}:${d.location.line}:${d.location.column}: ` : '';
  const head = `${where}${paint(style.color, severityColor[d.severity], d.severity)} ${d.code}: ${d.message}`;
  const lines = [head];
  if (d.location?.path) lines.push(`  at ${d.location.path}`);
  if (d.fix) lines.push(`  fix: ${d.fix}`);
  if (d.autofix) lines.push(`  autofix: ${d.autofix.description}`);
  return lines.join('\n');
}

export function renderDiagnosticsText(diagnostics: readonly Diagnostic[], style?: TextStyle): string {
  return diagnostics.map((d) => renderDiagnosticText(d, style)).join('\n');
}

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
}
