import { randomBytes } from 'node:crypto';
import type { Engine } from './engine.js';

/**
 * Runs work in a new, uniquely named schema of a user's PostgreSQL database and drops it
 * afterwards, so nothing the tool creates touches or outlives the user's own objects.
 */
export async function inScratchSchema<T>(engine: Engine, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `dbarchitect_verify_${randomBytes(6).toString('hex')}`;
  await engine.exec(`CREATE SCHEMA ${schema}; SET search_path TO ${schema};`);
  try {
    return await work(schema);
  } finally {
    await engine.exec('ROLLBACK').catch(() => undefined);
    await engine.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; RESET search_path;`);
  }
}
