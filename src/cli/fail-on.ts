import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { EXIT, type ExitCode } from './exit-codes.js';
import type { Terminal } from './terminal.js';

/** `--fail-on`: the least severe finding that makes a run exit 1. */
export const FAIL_ON_LEVELS = ['warning', 'error', 'never'] as const;
/** `audit` can fail on infos too: it shows every finding, where `design` and `verify` keep infos out of the terminal. */
export const AUDIT_FAIL_ON_LEVELS = ['info', ...FAIL_ON_LEVELS] as const;
export type FailOn = (typeof AUDIT_FAIL_ON_LEVELS)[number];

export const FAIL_ON_HELP = 'exit 1 when a finding is at least this severe: warning, error or never';

export function isFailOn(value: string, levels: readonly FailOn[] = FAIL_ON_LEVELS): value is FailOn {
  return (levels as readonly string[]).includes(value);
}

/**
 * The findings that fail a run at this threshold. `design` and `verify` both pass the diagnostics
 * their design.json holds (the spec's and the design's, plus verify's findings), so a warning
 * counts the same in both commands and in the file CI archives.
 */
export function failingFindings(diagnostics: readonly Diagnostic[], failOn: FailOn): Diagnostic[] {
  const severities: Record<FailOn, readonly Diagnostic['severity'][]> = {
    info: ['info', 'warning', 'error'],
    warning: ['warning', 'error'],
    error: ['error'],
    never: [],
  };
  return diagnostics.filter((d) => severities[failOn].includes(d.severity));
}

/** Exit 1 (saying why) when any finding reaches the threshold, else 0. */
export function exitForFindings(terminal: Terminal, diagnostics: readonly Diagnostic[], failOn: FailOn): ExitCode {
  const failing = failingFindings(diagnostics, failOn);
  if (!failing.length) return EXIT.ok;
  const codes = [...new Set(failing.map((d) => d.code))].join(', ');
  terminal.verdict(`failing: ${failing.length} finding${failing.length === 1 ? '' : 's'} at or above --fail-on ${failOn} (${codes}); exit 1`);
  return EXIT.findings;
}
