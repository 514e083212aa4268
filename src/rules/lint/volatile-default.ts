import type { Node } from 'libpg-query';
import type { Finding, Rule } from '../../diagnostics/rule.js';
import { walkNodes } from '../../sql/ast-walk.js';
import type { LintContext } from './context.js';
import { at, columnsAddedToExisting, sizedFinding } from './support/findings.js';

const REWRITING = new Set(['ADD COLUMN … DEFAULT volatile', 'ADD COLUMN … DEFAULT function']);

export const volatileDefault: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'volatile-default',
    code: 'lint/volatile-default',
    severity: 'warning',
    summary:
      'A column added to an existing table with a volatile default (`random()`, `gen_random_uuid()`, `clock_timestamp()`), or one calling a function the linter cannot classify.',
    why: 'Since PostgreSQL 11 a constant or stable default (`0`, `now()`) is stored once in the catalog; a volatile one gives every row its own value, so the whole table is rewritten under ACCESS EXCLUSIVE: reads and writes wait.',
    help: 'Add the column without a default (or with a constant one), set the volatile default afterwards (it applies to new rows only), and backfill the old rows in batches.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      return columnsAddedToExisting(statement).flatMap(({ table, def, lock }): Finding[] => {
        if (!lock || !REWRITING.has(lock.action)) return [];
        const expr = (def.constraints ?? []).flatMap((c) => ('Constraint' in c && c.Constraint.contype === 'CONSTR_DEFAULT' ? [c.Constraint] : []))[0];
        const volatile = lock.action.endsWith('volatile');
        return [
          sizedFinding(context, lock, 'warning', {
            message: `\`${table}.${def.colname}\` is added with ${volatile ? 'the volatile default' : 'a default calling a function that may be volatile,'} \`${callName(expr?.raw_expr)}\`: PostgreSQL rewrites every row under an ACCESS EXCLUSIVE lock (reads and writes wait)`,
            location: at(context, statement.at(expr?.location ?? def.location)),
          }),
        ];
      });
    }),
};

/** The first function the default calls, as `name()`. */
function callName(expr: Node | undefined): string {
  let name = '';
  walkNodes(expr, (node) => {
    if (name || !('FuncCall' in node)) return;
    const names = node.FuncCall.funcname ?? [];
    const last = names[names.length - 1];
    name = last && 'String' in last ? `${last.String.sval}()` : '';
  });
  return name || 'the default';
}
