import type { Diagnostic } from '../diagnostics/diagnostic.js';

/**
 * SQLSTATE classes that mean the engine itself is in trouble (connection, resources, shutdown,
 * system or internal error): verification stops. Any other engine error belongs to the statement.
 */
const ENGINE_CLASSES = new Set(['08', '53', '57', '58', 'XX']);
/** 57014 is a statement cancelled by statement_timeout: the pattern is too slow, not the engine broken. */
const STATEMENT_TIMEOUT = '57014';

/** What to do about the statement's error, by SQLSTATE class (or code). */
const HINTS: readonly [prefix: string, hint: string][] = [
  [
    '23505',
    'the statement writes a key that already exists in every row the tool could draw: make the key take a value the database generates (identity, default), or give the table room for new combinations',
  ],
  ['23503', 'a foreign-key value the statement sets has no parent row: check which table the parameter refers to'],
  ['23514', 'a value the statement writes breaks a check constraint of the spec (min, max, format): change the literal in the SQL or the constraint'],
  ['23502', 'the statement leaves a required column empty: set it in the INSERT or give the field a default'],
  ['23', 'the statement breaks a constraint of the design: check its values against the keys and checks in the spec'],
  ['22012', 'the statement divides by zero on the seeded data: guard the divisor, e.g. NULLIF(x, 0)'],
  ['22', 'the statement fails on the data (a conversion or value out of range): check its casts and arithmetic against the column types'],
  ['57014', 'the statement ran past statement_timeout: it needs an index or a different design'],
  ['42', 'the engine rejects the statement itself: run it by hand on the designed schema (schema/postgres.sql) to see why'],
];

/**
 * The finding for an access pattern the engine would not run, or undefined when the error is not
 * the statement's (no SQLSTATE, or the engine as a whole failed) and verification must stop.
 */
export function patternFailure(pattern: string, error: unknown, stage: string): Diagnostic | undefined {
  const { code, message, detail } = (error ?? {}) as { code?: unknown; message?: unknown; detail?: unknown };
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return undefined;
  if (ENGINE_CLASSES.has(code.slice(0, 2)) && code !== STATEMENT_TIMEOUT) return undefined;
  const hint = HINTS.find(([prefix]) => code.startsWith(prefix))?.[1] ?? 'run the statement by hand on the designed schema (schema/postgres.sql) to see why';
  return {
    code: 'verify/pattern-failed',
    severity: 'error',
    message: `${pattern} failed on the engine ${stage}: ${String(message)}${typeof detail === 'string' && detail ? ` (${detail})` : ''} [SQLSTATE ${code}]; it was not measured`,
    fix: hint,
  };
}
