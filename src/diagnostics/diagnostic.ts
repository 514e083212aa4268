/** One shape for every problem the tool reports: spec errors, audit findings, lint violations. */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in characters. */
  readonly column: number;
  /** The place in the document's structure, such as `entities.order.fields.customer`. */
  readonly path?: string;
}

export interface Diagnostic {
  /** Stable, grouped by area: `spec/unknown-key`, `sql/unknown-column`. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong. */
  readonly message: string;
  /** What to do about it. */
  readonly fix?: string;
  readonly location?: SourceLocation;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean =>
  diagnostics.some((d) => d.severity === 'error');

/** Sorts by file, line and column so output is stable and reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.location?.file ?? '', d.location?.line ?? 0, d.location?.column ?? 0] as const;
  return [...diagnostics].sort((a, b) => {
    const [fa, la, ca] = key(a);
    const [fb, lb, cb] = key(b);
    if (fa !== fb) return fa < fb ? -1 : 1;
    return la - lb || ca - cb || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  });
}
