import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { renderDiagnosticText, type TextStyle } from '../../diagnostics/render/text.js';

/**
 * A finding as text: the `file:line:column: severity code: message` line editors read, then the
 * source line with the place underlined (from the column to the end of the statement on that line),
 * then the help and the autofix.
 */
export function renderLintText(d: Diagnostic, text: string | undefined, style: TextStyle): string {
  const [head, ...rest] = renderDiagnosticText(d, style).split('\n');
  if (!d.location || text === undefined) return [head, ...rest].join('\n');
  const line = text.split('\n')[d.location.line - 1] ?? '';
  const from = d.location.column - 1;
  const tail = line.slice(from);
  const semicolon = tail.indexOf(';');
  const length = Math.max(1, (semicolon >= 0 ? tail.slice(0, semicolon) : tail).trimEnd().length);
  const number = String(d.location.line);
  const gutter = ' '.repeat(number.length);
  const mark = '^'.repeat(length);
  return [
    head,
    `  ${number} | ${line.replace(/\t/g, ' ')}`,
    `  ${gutter} | ${' '.repeat(from)}${style.color ? `\u001b[${d.severity === 'error' ? 31 : d.severity === 'warning' ? 33 : 36}m${mark}\u001b[0m` : mark}`,
    ...rest,
  ].join('\n');
}

/** `--format json`: one flat object per finding, the fields a CI step reads. */
export function renderLintJson(diagnostics: readonly Diagnostic[]): string {
  const rows = diagnostics.map((d) => ({
    code: d.code,
    rule: d.code.replace(/^lint\//, ''),
    severity: d.severity,
    message: d.message,
    help: d.fix ?? null,
    file: d.location?.file ?? null,
    line: d.location?.line ?? null,
    column: d.location?.column ?? null,
    ...(d.autofix ? { autofix: d.autofix } : {}),
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}
