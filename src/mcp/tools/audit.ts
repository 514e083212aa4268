import { z } from 'zod';
import { audit, AuditInputError, AuditReadError, type AuditResult } from '../../api/audit.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { summarizeDiagnostics } from '../../diagnostics/render/text.js';
import { databaseFields, isDiagnostic, resolveDatabase, specFields, withSpecFile, readFailure } from '../inputs.js';
import { defineTool, diagnosticOutput, failure, inputProblem } from '../tool.js';

/** `dbarchitect audit`: the audit rules over a database, a SQL file or a spec as designed. */
export const auditTool = defineTool({
  name: 'audit',
  title: 'Audit a database or a schema',
  description:
    'Audit an existing database (read only), a SQL schema file, or a spec as `design` would build it, with the audit rules (resource dbarchitect://docs/rules/audit): missing primary keys and foreign-key indexes, duplicate and unused indexes, keys near integer overflow, risky types, row-level security gaps, unprotected personal data, invalid objects. Each finding has a code, its place and a fix (in SQL where one can be given). Findings are the result, not an error.',
  input: {
    ...databaseFields('The database to audit'),
    ...specFields,
  },
  output: {
    source: z.object({ dialect: z.string(), kind: z.enum(['live', 'sql-file', 'spec']), location: z.string(), serverVersion: z.string() }),
    tables: z.number(),
    statsWindow: z.string().describe('what the usage findings rest on'),
    counts: z.object({ error: z.number(), warning: z.number(), info: z.number() }),
    findings: z.array(diagnosticOutput),
  },
  async run(args, context) {
    const database = resolveDatabase(args, context);
    if (isDiagnostic(database)) return failure([database]);
    const hasSpec = args.spec !== undefined || args.path !== undefined;
    if (database !== undefined && hasSpec)
      return failure([inputProblem('input/two-targets', 'both a database and a spec were given', 'audit one thing per call: `db`/`dbEnv`, or `spec`/`path`')]);
    if (database === undefined && !hasSpec)
      return failure([
        inputProblem('input/no-target', 'nothing to audit was given', 'give a URL or a .sql file in `db` (or `dbEnv`), or a spec in `spec` or `path`'),
      ]);
    context.progress('auditing');
    const outcome = database !== undefined ? await auditTarget(database) : await withSpecFile(args, context, auditTarget);
    if (isDiagnostic(outcome)) return failure([outcome]);
    if (!outcome.ok) return failure(outcome.diagnostics, 'the spec has errors; nothing audited');
    const { introspection, diagnostics } = outcome;
    const count = (s: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === s).length;
    const { source } = introspection;
    return {
      ok: true,
      summary: `audited ${source.location} (${introspection.schema.tables.length} tables): ${summarizeDiagnostics(diagnostics)}, ${count('info')} infos`,
      result: {
        source: { dialect: source.dialect, kind: source.kind, location: source.location, serverVersion: source.serverVersion },
        tables: introspection.schema.tables.length,
        statsWindow: introspection.statsSince
          ? `usage statistics since ${introspection.statsSince}`
          : source.kind === 'live'
            ? 'the database does not say since when it counts usage, so no index is reported unused'
            : 'no usage statistics (a file or a spec), so no index is reported unused',
        counts: { error: count('error'), warning: count('warning'), info: count('info') },
        findings: [...diagnostics],
      },
    };
  },
});

/** The audit, its thrown input and read failures as diagnostics. */
async function auditTarget(target: string): Promise<AuditResult | Diagnostic> {
  try {
    return await audit(target);
  } catch (error) {
    if (error instanceof AuditInputError)
      return inputProblem('input/target', error.message, 'give a postgres:// or mysql:// URL, a .sql file or a spec (.yaml)');
    if (error instanceof AuditReadError) return readFailure(error);
    throw error;
  }
}
