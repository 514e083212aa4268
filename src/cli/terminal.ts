import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnosticsText } from '../diagnostics/render/text.js';

/** Where the CLI talks to people: stderr, colour only on a terminal (and never with NO_COLOR). */
export class Terminal {
  readonly color: boolean;
  constructor(
    readonly quiet: boolean,
    colorOption: boolean,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
  ) {
    this.color = colorOption && Boolean(stderr.isTTY) && !('NO_COLOR' in process.env);
  }

  /** Progress and results: silenced by --quiet. */
  info(message: string): void {
    if (!this.quiet) this.stderr.write(message + '\n');
  }

  /** Problems are shown even with --quiet. */
  diagnostics(diagnostics: readonly Diagnostic[]): void {
    if (diagnostics.length) this.stderr.write(renderDiagnosticsText(diagnostics, { color: this.color }) + '\n');
  }

  /** Why the run fails (--fail-on): shown even with --quiet, since CI logs need it. */
  verdict(message: string): void {
    this.stderr.write(message + '\n');
  }

  error(message: string): void {
    this.stderr.write(`${this.color ? '\u001b[31merror\u001b[0m' : 'error'}: ${message}\n`);
  }

  /** Artifacts and machine-readable reports go to stdout. */
  output(text: string): void {
    this.stdout.write(text);
  }
}

/** Elapsed time for progress lines. */
export const elapsed = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

/** `README.md, design.json, adr/ (37 files)`: folders with many files are counted, not listed. */
export function summarizeFiles(paths: readonly string[]): string {
  const folders = new Map<string, number>();
  const top: string[] = [];
  for (const path of paths) {
    const [head, ...rest] = path.split('/');
    if (rest.length && paths.filter((p) => p.startsWith(`${head}/`)).length > 3) folders.set(head!, (folders.get(head!) ?? 0) + 1);
    else top.push(path);
  }
  return [...top, ...[...folders].map(([folder, n]) => `${folder}/ (${n} files)`)].join(', ');
}
