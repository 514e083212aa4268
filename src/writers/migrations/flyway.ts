import { fromDesign, type MigrationWriter } from './migration-file.js';
import { withoutTransactionControl } from './pg-script.js';

/**
 * Flyway versioned migrations, `V<n>__<name>.sql`, in the order applied. Flyway runs each one in
 * a transaction of its own on PostgreSQL and splits it with a parser that knows dollar quotes, so
 * the file is the design's script without its BEGIN and COMMIT.
 */
export const writeFlyway: MigrationWriter = (sources) =>
  sources.map((source, i) => ({
    path: `V${i + 1}__${source.name}.sql`,
    text: `-- ${fromDesign(source)}\n-- Flyway runs it in one transaction (PostgreSQL DDL is transactional).\n${withoutTransactionControl(source.sql)}`,
  }));
