/** One script of the design that becomes a migration, in the order they are applied. */
export interface MigrationSource {
  /** Short name for the migration: `init`, `security`. */
  readonly name: string;
  /** The design file it comes from: `schema/postgres.sql`. */
  readonly file: string;
  /** What it creates, in a few words: `the tables, keys, indexes, triggers and views`. */
  readonly purpose: string;
  /** Its PostgreSQL text, as the design wrote it (in a BEGIN … COMMIT). */
  readonly sql: string;
}

/** One file a migration writer makes, its path relative to the tool's folder (`migrations/<tool>/`). */
export interface MigrationFile {
  readonly path: string;
  readonly text: string;
}

/** A pure function of the scripts: the same scripts give the same bytes (no clock, no random names). */
export type MigrationWriter = (sources: readonly MigrationSource[]) => MigrationFile[];

/** The first comment line of each migration: where it comes from. */
export const fromDesign = (source: MigrationSource): string =>
  `Written by dbarchitect from the design's ${source.file} (${source.purpose}): part of the initial schema, applied once to an empty database.`;
