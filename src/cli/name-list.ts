import { closestMatch } from '../diagnostics/did-you-mean.js';

/**
 * A comma-separated flag of names (`--orm prisma,drizzle`): the names, each once, or the message
 * that names the first unknown one, the nearest known name and the list.
 */
export function parseNameList(
  flag: string,
  what: string,
  value: string | undefined,
  known: readonly string[],
): { ok: true; names: string[] } | { ok: false; message: string } {
  const names = value === undefined ? [] : [...new Set(value.split(',').map((t) => t.trim()))];
  const unknown = names.find((t) => !known.includes(t));
  if (unknown === undefined) return { ok: true, names };
  const near = closestMatch(unknown, known);
  return {
    ok: false,
    message: `unknown ${flag}${what ? ` ${what}` : ''} \`${unknown}\`${near ? ` (did you mean \`${near}\`?)` : ''}; use ${known.join(', ')}`,
  };
}
