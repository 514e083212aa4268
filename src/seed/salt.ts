import { createHash } from 'node:crypto';

/**
 * A salt for one stream of pseudo-random values (a table's column, a purpose), derived from the
 * seed: the same seed gives the same salts, so the same data. 62 bits, so it is a positive bigint
 * literal in SQL. Returned as decimal text because JavaScript numbers cannot hold it.
 */
export function seedSalt(seed: number, ...parts: readonly string[]): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([seed, ...parts]))
    .digest();
  return (digest.readBigUInt64BE(0) >> 2n).toString();
}
