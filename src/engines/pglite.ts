import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Engine } from './engine.js';

/**
 * Embedded PostgreSQL (PGlite: PostgreSQL compiled to WebAssembly), in memory. The default engine:
 * no server needed. Starting one costs seconds, so callers share one per run.
 */
export async function startPglite(): Promise<PgliteEngine> {
  const db = await PGlite.create();
  const pgliteVersion = readPgliteVersion();
  return {
    kind: 'pglite',
    async version() {
      const rows = await db.query<{ v: string }>("select current_setting('server_version') as v");
      return `PostgreSQL ${rows.rows[0]?.v ?? '?'} (PGlite ${pgliteVersion})`;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<T>(sql, [...params]);
      return result.rows;
    },
    async copyFromStdin(statement, data) {
      // PGlite reads COPY data from a blob it names /dev/blob, not from a client's stdin.
      await db.query(statement.replace(/\bFROM\s+stdin\b/i, "FROM '/dev/blob'"), [], { blob: new Blob([data]) });
    },
    async close() {
      await db.close();
    },
  };
}

export interface PgliteEngine extends Engine {
  /** Runs a `COPY … FROM stdin` statement with the rows a script gives after it (COPY's text format). */
  copyFromStdin(statement: string, data: string): Promise<void>;
}

/** The package does not export its package.json, so read it beside the resolved entry point. */
function readPgliteVersion(): string {
  try {
    const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
    return (JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}
