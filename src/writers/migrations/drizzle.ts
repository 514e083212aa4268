import { fromDesign, type MigrationWriter } from './migration-file.js';
import { migrationStatements } from './pg-script.js';

/** drizzle-kit's separator: its migrator cuts a file here and runs each piece as one statement. */
const BREAKPOINT = '\n--> statement-breakpoint\n';

/**
 * A drizzle-kit migrations folder: `<nnnn>_<name>.sql` with a breakpoint between statements and
 * `meta/_journal.json` (format version 7). drizzle's migrator runs every pending migration in one
 * transaction, so BEGIN and COMMIT are left out. It applies an entry whose `when` is later than the
 * last one applied: these are 0, 1, … (no clock, so the bytes stay the same), and migrations
 * drizzle-kit generates later, stamped with the time, sort after them.
 */
export const writeDrizzleKit: MigrationWriter = (sources) => {
  const tags = sources.map((source, i) => `${String(i).padStart(4, '0')}_${source.name}`);
  const journal = {
    version: '7',
    dialect: 'postgresql',
    entries: tags.map((tag, i) => ({ idx: i, version: '7', when: i, tag, breakpoints: true })),
  };
  return [
    ...sources.map((source, i) => ({
      path: `${tags[i]}.sql`,
      text: `-- ${fromDesign(source)}\n${migrationStatements(source.sql)
        .map((s) => s.sql)
        .join(BREAKPOINT)}\n`,
    })),
    { path: 'meta/_journal.json', text: `${JSON.stringify(journal, null, 2)}\n` },
  ];
};
