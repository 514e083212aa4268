import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { DdlTarget } from '../dialects/ddl-target.js';
import type { Schema } from '../model/schema.js';
import type { DdlCheck } from '../model/design.js';
import { ddlCheckerFor } from '../engines/ddl-checkers/index.js';
import type { DdlCheckContext } from '../engines/ddl-checkers/ddl-checker.js';
import { redactSecrets } from '../engines/redact.js';

export interface CompiledTargets {
  /** File -> script, `schema/<target>.sql` each. */
  readonly scripts: Readonly<Record<string, string>>;
  readonly checks: readonly DdlCheck[];
}

/**
 * The finished schema compiled to each target dialect and checked by that dialect's own engine or
 * parser. A script the engine rejects is an error (the tool wrote it); a missing engine or parser is
 * stated in the check, never passed off as checked.
 */
export async function compileTargets(
  schema: Schema,
  targets: readonly DdlTarget[],
  context: DdlCheckContext,
  diagnostics: Diagnostic[],
  /** The chosen engine (technology-catalog id): a target that writes its schema is told so. */
  chosenEngine?: string,
): Promise<CompiledTargets> {
  // A checker's message may quote the server URL it was given.
  const redact = (text: string) => redactSecrets(text, context.mysqlUrl ?? '');
  const scripts: Record<string, string> = {};
  const checks: DdlCheck[] = [];
  for (const target of targets) {
    await target.prepare();
    const script = target.emitSchema(schema, chosenEngine !== undefined && target.engines.includes(chosenEngine) ? { engine: chosenEngine } : {});
    const file = `schema/${target.name}.sql`;
    scripts[file] = script.sql;
    const base = { dialect: target.name, file, statements: script.statements, substitutions: [...script.substitutions] };
    const checker = ddlCheckerFor(target.name);
    if (!checker) {
      checks.push({ ...base, notChecked: `dbarchitect has no engine or parser for ${target.displayName} yet` });
      continue;
    }
    const result = await checker.check(script.sql, context);
    if (result.status === 'checked') {
      checks.push({ ...base, statements: result.statements, parsedBy: result.parsedBy, ...(result.executedOn ? { executedOn: result.executedOn } : {}) });
    } else if (result.status === 'unavailable') {
      checks.push({ ...base, notChecked: result.reason });
    } else {
      checks.push({ ...base, notChecked: `it failed: ${redact(result.message)}` });
      diagnostics.push({
        code: 'design/ddl-failed',
        severity: 'error',
        message: `the generated ${target.displayName} DDL (${file}) failed: ${redact(result.message)}${result.statement ? ` in: ${redact(result.statement).slice(0, 200)}` : ''}`,
        fix: 'this is a bug in dbarchitect: please report it with the spec',
      });
    }
  }
  return { scripts, checks };
}
