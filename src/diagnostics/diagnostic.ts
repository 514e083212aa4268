/** One shape for every problem the tool reports: spec errors, audit findings, lint violations. */
export type Severity = 'error' | 'warning' | 'info';

/** A place in a text: 1-based line, 1-based column counted in characters (UTF-16 code units, as JavaScript strings index). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SourceLocation extends Position {
  readonly file: string;
  /** The place in the document's structure, such as `entities.order.fields.customer`. */
  readonly path?: string;
}

/**
 * One replacement in one file: the text from `start` up to, not including, `end` becomes `newText`.
 * Positions are 1-based line and column, like `SourceLocation`; `end` is the position just after the
 * last replaced character (SARIF's `endColumn`). `start` equal to `end` inserts; an empty `newText`
 * deletes. Build one from character offsets with `textEditAt` (text-edit.ts).
 */
export interface TextEdit {
  readonly file: string;
  readonly start: Position;
  readonly end: Position;
  readonly newText: string;
}

/** A change a tool can make for the user: what it does, in words, and the edits that do it (non-overlapping). */
export interface Fix {
  readonly description: string;
  readonly edits: readonly TextEdit[];
}

export interface Diagnostic {
  /** Stable, grouped by area: `spec/unknown-key`, `sql/unknown-column`. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong. */
  readonly message: string;
  /**
   * What to do about it, in words: the help text (a rule's finding calls it `help`). The name is
   * older than rule sets and is kept because design.json, verify.json and `--format json` carry it.
   */
  readonly fix?: string;
  readonly location?: SourceLocation;
  /** Edits a tool can apply to fix it (SARIF `fixes`); only findings in a file the user owns have one. */
  readonly autofix?: Fix;
}

export const hasErrors = (diagnostics: readonly Diagnostic[]): boolean => diagnostics.some((d) => d.severity === 'error');

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
