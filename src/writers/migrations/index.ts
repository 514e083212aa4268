import type { Artifact } from '../artifacts.js';
import { writeDrizzleKit } from './drizzle.js';
import { writeFlyway } from './flyway.js';
import { writeLiquibase } from './liquibase.js';
import type { MigrationSource, MigrationWriter } from './migration-file.js';
import { writePrismaMigrate } from './prisma.js';

export type { MigrationFile, MigrationSource, MigrationWriter } from './migration-file.js';

/** `--migrations` name -> its writer. Adding a tool is its file and one line here. */
const MIGRATION_WRITERS: Readonly<Record<string, MigrationWriter>> = {
  flyway: writeFlyway,
  liquibase: writeLiquibase,
  prisma: writePrismaMigrate,
  drizzle: writeDrizzleKit,
};

export const migrationTools = (): string[] => Object.keys(MIGRATION_WRITERS);

export function migrationWriter(name: string): MigrationWriter | undefined {
  return Object.hasOwn(MIGRATION_WRITERS, name) ? MIGRATION_WRITERS[name] : undefined;
}

/** The initial schema as each named tool's migration files, under `migrations/<tool>/`, in the order given. */
export function renderMigrationArtifacts(sources: readonly MigrationSource[], tools: readonly string[]): Artifact[] {
  return tools.flatMap((tool) => {
    const writer = migrationWriter(tool);
    if (!writer) throw new Error(`unknown migration tool ${tool}; use ${migrationTools().join(', ')}`);
    return writer(sources).map((file) => ({ path: `migrations/${tool}/${file.path}`, content: file.text }));
  });
}
