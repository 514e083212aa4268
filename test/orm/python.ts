import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireServers } from '../servers.js';

const SCRIPT = fileURLToPath(new URL('./create_tables.py', import.meta.url));

/**
 * A Python 3 that imports `module` (Debian's python3-sqlalchemy / python3-django, which .ci/run
 * installs), or the reason there is none. `python3` first, then the system's own, for machines
 * where another python3 comes first on PATH. Like the database servers (test/servers.ts), a
 * missing one skips locally and fails under DBARCHITECT_REQUIRE_SERVERS=1.
 */
export function pythonWith(module: 'sqlalchemy' | 'django'): { python: string; skip: false } | { python: undefined; skip: string } {
  const candidates = [...new Set([process.env.DBARCHITECT_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => !!p))];
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', `import ${module}`], { encoding: 'utf8' });
    if (probe.status === 0) return { python, skip: false };
  }
  const reason = `no python3 with ${module} (tried ${candidates.join(', ')}): install Debian's python3-${module} (apt-get install python3-${module})`;
  if (requireServers) throw new Error(`DBARCHITECT_REQUIRE_SERVERS=1 but ${reason}`);
  return { python: undefined, skip: reason };
}

export interface SqliteTable {
  columns: { name: string; type: string; nullable: boolean; default: string | null }[];
  primaryKey: string[];
  foreignKeys: { columns: string[]; refTable: string; refColumns: string[]; onDelete: string }[];
  uniques: { columns: string[] }[];
  indexes: { name: string; columns: (string | null)[]; unique: boolean; partial: boolean }[];
}

export interface CreatedTables {
  library: string;
  version?: string;
  tables: Record<string, SqliteTable>;
  relations: Record<string, unknown>[];
  checks?: { id: string; level: number; message: string; object: string }[];
  /** SQLAlchemy: each index as CREATE INDEX for PostgreSQL. */
  postgresIndexes?: Record<string, string>;
}

/** Runs test/orm/create_tables.py on generated models: the tables the ORM created on SQLite, read back from SQLite's catalog. */
export function createTables(python: string, orm: 'sqlalchemy' | 'django', models: string): CreatedTables {
  const dir = mkdtempSync(join(tmpdir(), `dbarchitect-${orm}-`));
  try {
    const file = join(dir, 'models.py');
    writeFileSync(file, models);
    const run = spawnSync(python, [SCRIPT, orm, file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.status !== 0) throw new Error(`${orm} could not create the tables:\n${run.stderr}`);
    return JSON.parse(run.stdout) as CreatedTables;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
