import { fromDesign, type MigrationWriter } from './migration-file.js';
import { migrationStatements, type PgStatement } from './pg-script.js';

/**
 * A Liquibase formatted-SQL changelog, `changelog.sql`. Liquibase runs each changeset in a
 * transaction and, with `splitStatements:true`, cuts it at each `;` outside quotes and comments;
 * its splitter does not read $$-quoted bodies, so each statement that has one (a function, a DO
 * block) is a changeset of its own with `splitStatements:false`, sent to the server whole. The
 * other statements are grouped in order between them. `dbms:postgresql`: the SQL is PostgreSQL's.
 */
export const writeLiquibase: MigrationWriter = (sources) => {
  // Comments go above the first changeset: below a changeset header every line is that changeset's SQL.
  const out = ['-- liquibase formatted sql', ...sources.map((source) => `-- ${fromDesign(source)}`), ''];
  let id = 0;
  for (const source of sources) {
    for (const group of changesetGroups(migrationStatements(source.sql))) {
      id++;
      const split = group[0]!.dollarQuoted ? 'splitStatements:false' : 'splitStatements:true endDelimiter:;';
      out.push(`--changeset dbarchitect:${id} dbms:postgresql ${split}`);
      out.push(`--comment: ${source.file}, ${describe(group)}`);
      out.push(...group.map((s) => s.sql), '');
    }
  }
  return [{ path: 'changelog.sql', text: `${out.join('\n').replace(/\n+$/, '')}\n` }];
};

/** Runs of plain statements, and each dollar-quoted statement alone. */
function changesetGroups(statements: readonly PgStatement[]): PgStatement[][] {
  const groups: PgStatement[][] = [];
  for (const statement of statements) {
    const last = groups.at(-1);
    if (!statement.dollarQuoted && last && !last[0]!.dollarQuoted) last.push(statement);
    else groups.push([statement]);
  }
  return groups;
}

/** A changeset's comment: what its first statement makes (`CREATE TABLE "order"`) and how many statements it holds. */
function describe(group: readonly PgStatement[]): string {
  const words = (group[0]!.sql.split('\n').find((line) => line.trim() && !line.trim().startsWith('--')) ?? '').trim().split(/\s+/);
  // The keywords, then the name that follows them.
  const keywords = words.findIndex((w) => !/^[A-Z]+$/.test(w));
  const head = words
    .slice(0, keywords < 0 ? words.length : keywords + 1)
    .join(' ')
    .replace(/;$/, '');
  return group.length === 1 ? head : `${group.length} statements, from ${head}`;
}
