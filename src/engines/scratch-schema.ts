import { randomBytes } from 'node:crypto';
import type { Dialect } from '../dialects/dialect.js';
import type { Engine } from './engine.js';

/**
 * Runs work in a new, uniquely named schema of a user's database and drops it afterwards, so
 * nothing the tool creates touches or outlives the user's own objects.
 */
export async function inScratchSchema<T>(engine: Engine, dialect: Dialect, work: (schema: string) => Promise<T>): Promise<T> {
  const schema = `dbarchitect_verify_${randomBytes(6).toString('hex')}`;
  const leave = await dialect.session.enterNewSchema(engine, schema);
  try {
    return await work(schema);
  } finally {
    await engine.exec(dialect.session.rollback).catch(() => undefined);
    await leave();
  }
}
