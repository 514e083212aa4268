import { closestMatch } from '../diagnostics/did-you-mean.js';
import type { Dialect } from '../dialects/dialect.js';
import { dialectNames, getDialect } from '../dialects/registry.js';

/** `--dialect`: the target the DDL, scripts and measurements are for; the names come from the registry. */
export const DIALECT_HELP = `target dialect: ${dialectNames().join(', ')}`;

/** The named dialect, or the message that says which names exist. */
export function resolveDialect(name: string): { ok: true; dialect: Dialect } | { ok: false; message: string } {
  const dialect = getDialect(name);
  if (dialect) return { ok: true, dialect };
  const near = closestMatch(name, dialectNames());
  return { ok: false, message: `unknown --dialect \`${name}\`${near ? ` (did you mean \`${near}\`?)` : ''}; use ${dialectNames().join(', ')}` };
}
