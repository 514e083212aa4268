/** MySQL and MariaDB identifiers hold at most 64 characters. */
export const MAX_IDENTIFIER = 64;

/**
 * A name the script makes up (a generated column, an added key, a trigger per event), kept within
 * 64 characters: a longer one keeps its start and ends in a short hash of the whole, so two long
 * names that share a start stay apart, and the same input always gives the same name.
 */
export function mysqlName(base: string): string {
  if (base.length <= MAX_IDENTIFIER) return base;
  let hash = 0x811c9dc5;
  for (let i = 0; i < base.length; i++) hash = Math.imul(hash ^ base.charCodeAt(i), 0x01000193) >>> 0;
  return `${base.slice(0, MAX_IDENTIFIER - 9)}_${hash.toString(16).padStart(8, '0')}`;
}
