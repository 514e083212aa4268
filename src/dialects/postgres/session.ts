import type { DialectSession } from '../dialect.js';
import { quotePgIdentifier as q } from './quote.js';

export const postgresSession: DialectSession = {
  timeouts: (statementMs, lockMs) => `SET statement_timeout = ${Math.trunc(statementMs)}; SET lock_timeout = ${Math.trunc(lockMs)}`,
  rollback: 'ROLLBACK',
  async enterNewSchema(db, name) {
    const shown = await db.query<Record<string, unknown>>('SHOW search_path');
    const previous = String(Object.values(shown[0] ?? {})[0] ?? 'public');
    await db.exec(`CREATE SCHEMA ${q(name)}; SET search_path TO ${q(name)};`);
    return async () => db.exec(`DROP SCHEMA IF EXISTS ${q(name)} CASCADE; SET search_path TO ${previous};`);
  },
};
