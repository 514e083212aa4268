import type { Severity } from '../diagnostics/diagnostic.js';
import type { DocPath } from './yaml-document.js';

/**
 * A problem found in a spec, located by its path in the document. The loader turns it into a
 * Diagnostic with file, line and column; the analyses stay free of positions.
 */
export interface SpecProblem {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix?: string;
  readonly path: DocPath;
  /** Point at the key rather than the value (unknown keys, misspelt names). */
  readonly at?: 'key' | 'value';
  /** A character offset inside the string value (SQL errors). */
  readonly offset?: number;
}

export class ProblemList {
  readonly items: SpecProblem[] = [];
  error(path: DocPath, code: string, message: string, fix?: string, extra: Partial<SpecProblem> = {}): void {
    this.items.push({ code, severity: 'error', message, ...(fix ? { fix } : {}), path, ...extra });
  }
  warning(path: DocPath, code: string, message: string, fix?: string, extra: Partial<SpecProblem> = {}): void {
    this.items.push({ code, severity: 'warning', message, ...(fix ? { fix } : {}), path, ...extra });
  }
  get hasErrors(): boolean {
    return this.items.some((p) => p.severity === 'error');
  }
}
