import { z } from 'zod';
import { lintFiles, type LintResult } from '../../api/lint.js';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { databaseFields, isDiagnostic, resolveDatabase, withSpecFile, withTextFile, specFields, readFailure } from '../inputs.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { defineTool, diagnosticOutput, failure, inputProblem } from '../tool.js';

/** What an inline migration's findings name as its file. */
const INLINE_MIGRATION = 'migration.sql';

/** `dbarchitect lint`: hand-written PostgreSQL migrations checked against the lock table. */
export const lintMigrationTool = defineTool({
  name: 'lint_migration',
  title: 'Lint a SQL migration',
  description:
    "Check hand-written PostgreSQL migrations for statements that lock, rewrite or break a live database (resource dbarchitect://docs/rules/lint): the lock each statement takes and what it blocks, missing lock_timeout, CREATE INDEX without CONCURRENTLY, NOT NULL or foreign keys added in one step, type changes that rewrite the table, and more; each finding at line:column with its fix and, where it can, an autofix. With a spec (its volumes) or a database (its statistics, read only) the severity follows each table's rows and write rate. Findings are the result; a file that does not parse is a tool error at its place.",
  input: {
    sql: z.string().optional().describe(`a migration as SQL text (findings name it ${INLINE_MIGRATION}); or give \`files\``),
    files: z.array(z.string()).optional().describe("migration files on the server's machine, each linted as one migration"),
    spec: specFields.spec.describe('optional: a spec as YAML whose volumes size the tables (a rewrite of a 10-row table is info, of a 200M-row one an error)'),
    path: specFields.path.describe('optional: a spec file whose volumes size the tables'),
    ...databaseFields('Optional: a database whose statistics size the tables (wins over the spec)'),
  },
  output: {
    files: z.array(z.object({ file: z.string(), findings: z.array(diagnosticOutput) })),
    counts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
  },
  async run(args, context) {
    if ((args.sql === undefined) === (args.files === undefined || args.files.length === 0))
      return failure([
        inputProblem(
          'input/migration',
          args.sql === undefined ? 'no migration was given' : 'both `sql` and `files` were given',
          'give a migration as text in `sql`, or its files in `files`',
        ),
      ]);
    const db = resolveDatabase(args, context);
    if (isDiagnostic(db)) return failure([db]);
    const lint = (files: readonly string[]) => (spec: string | undefined) => lintFiles(files, { ...(spec ? { spec } : {}), ...(db ? { db } : {}) });
    const withSpec = (run: (spec: string | undefined) => Promise<LintResult>) =>
      args.spec === undefined && args.path === undefined ? run(undefined) : withSpecFile(args, context, run);
    context.progress('linting');
    const result =
      args.sql !== undefined ? await withTextFile(INLINE_MIGRATION, args.sql, context, (file) => withSpec(lint([file]))) : await withSpec(lint(args.files!));
    return outcomeOf(result);
  },
});

function outcomeOf(result: LintResult | Diagnostic) {
  if (isDiagnostic(result)) return failure([result]);
  if (result.engineFailure) return failure([readFailure({ failure: 'engine', message: result.engineFailure })], 'nothing linted');
  if (result.badInput.length) return failure(result.badInput, `${summarizeDiagnostics(result.badInput)}; nothing linted`);
  const all = result.files.flatMap((f) => f.diagnostics);
  const count = (s: 'error' | 'warning' | 'info') => all.filter((d) => d.severity === s).length;
  return {
    ok: true as const,
    summary: `${result.files.length} file${result.files.length === 1 ? '' : 's'} linted: ${summarizeDiagnostics(all)}`,
    result: {
      files: result.files.map((f) => ({ file: f.file, findings: [...f.diagnostics] })),
      counts: { error: count('error'), warning: count('warning'), info: count('info') },
    },
  };
}
