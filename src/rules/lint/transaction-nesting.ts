import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at } from './support/findings.js';

const BEGIN = new Set(['TRANS_STMT_BEGIN', 'TRANS_STMT_START']);
const END = new Set(['TRANS_STMT_COMMIT', 'TRANS_STMT_ROLLBACK']);

export const transactionNesting: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'transaction-nesting',
    code: 'lint/transaction-nesting',
    severity: 'warning',
    summary: 'A `BEGIN` inside a transaction already open, or a `COMMIT`/`ROLLBACK` with none open.',
    why: 'PostgreSQL has no nested transactions: a second BEGIN only warns, and the first COMMIT ends the whole transaction, so what the author meant as an inner unit is not one, and the statements after it run outside any transaction.',
    help: 'Use one BEGIN … COMMIT per migration (or none, if the tool wraps each migration in its own), and SAVEPOINT for an inner unit.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      if (!('TransactionStmt' in statement.node) || statement.inDoBlock !== undefined) return [];
      const kind = statement.node.TransactionStmt.kind ?? '';
      if (BEGIN.has(kind) && statement.transactionDepth > 0)
        return [
          {
            message: `\`${statement.sql}\` inside a transaction already open (line ${context.lines.position(statement.transaction!).line}): PostgreSQL ignores it, and the next COMMIT ends both`,
            location: at(context, statement.start),
          },
        ];
      if (END.has(kind) && statement.transactionDepth === 0)
        return [
          {
            message: `\`${statement.sql}\` with no transaction open: it does nothing (PostgreSQL warns), so the statements it was meant to end ran outside a transaction`,
            location: at(context, statement.start),
          },
        ];
      return [];
    }),
};
