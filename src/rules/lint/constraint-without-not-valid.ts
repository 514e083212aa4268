import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { alterCommands, alteredTable, at, existingLocks, fix, insertAt, qualified, quoteName, sizedFinding } from './support/findings.js';

export const constraintWithoutNotValid: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'constraint-without-not-valid',
    code: 'lint/constraint-without-not-valid',
    severity: 'warning',
    summary: 'A CHECK or FOREIGN KEY added to an existing table without `NOT VALID`, or validated in the transaction that added it.',
    why: 'Without NOT VALID the constraint is checked against every row while the lock is held: ACCESS EXCLUSIVE for a CHECK (reads and writes wait), SHARE ROW EXCLUSIVE on both tables for a foreign key (writes to each wait). VALIDATE in the same transaction keeps that lock through the scan.',
    help: 'Add the constraint `NOT VALID` (only new rows are checked, the lock is brief), commit, then `ALTER TABLE … VALIDATE CONSTRAINT …`, which scans under SHARE UPDATE EXCLUSIVE: reads and writes go on.',
  },
  check: (context) => {
    const findings: Finding[] = [];
    /** Constraints added NOT VALID, by transaction, to see a VALIDATE in the same one. */
    const addedNotValid = new Map<string, number | undefined>();
    for (const statement of context.statements) {
      const table = alteredTable(statement);
      const commands = alterCommands(statement);
      for (const cmd of commands) {
        const c = cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
        if (cmd.subtype === 'AT_AddConstraint' && c && (c.contype === 'CONSTR_CHECK' || c.contype === 'CONSTR_FOREIGN')) {
          if (c.skip_validation) {
            addedNotValid.set(`${table}.${c.conname ?? ''}`, statement.transaction);
            continue;
          }
          const locks = existingLocks(
            statement,
            (l) => l.relation === table && l.action.startsWith(c.contype === 'CONSTR_CHECK' ? 'ADD CHECK' : 'ADD FOREIGN KEY'),
          );
          if (!locks.length) continue;
          const kind = c.contype === 'CONSTR_CHECK' ? 'CHECK' : 'FOREIGN KEY';
          const referenced = c.pktable?.relname;
          const what =
            c.contype === 'CONSTR_FOREIGN'
              ? `takes SHARE ROW EXCLUSIVE locks on \`${table}\` and \`${[c.pktable?.schemaname, referenced].filter(Boolean).join('.')}\` (writes to both wait) while it reads every row of \`${table}\``
              : `holds an ACCESS EXCLUSIVE lock on \`${table}\` (reads and writes wait) while it reads every row`;
          // The fix: NOT VALID at the end of a one-command statement, and the VALIDATE after it, outside a transaction.
          const fixable = commands.length === 1 && c.conname && !statement.inTransaction && statement.inDoBlock === undefined;
          findings.push(
            sizedFinding(context, locks[0]!, 'warning', {
              message: `${kind} ${c.conname ? `\`${c.conname}\` ` : ''}added without NOT VALID ${what}`,
              location: at(context, statement.at(c.location)),
              ...(fixable
                ? {
                    autofix: fix(
                      `add NOT VALID, then VALIDATE CONSTRAINT ${c.conname} in its own statement`,
                      insertAt(context, statement.end, ` NOT VALID;\nALTER TABLE ${qualified(table)} VALIDATE CONSTRAINT ${quoteName(c.conname!)}`),
                    ),
                  }
                : {}),
            }),
          );
        }
        if (cmd.subtype === 'AT_ValidateConstraint' && statement.transaction !== undefined) {
          const key = `${table}.${cmd.name ?? ''}`;
          if (addedNotValid.has(key) && addedNotValid.get(key) === statement.transaction)
            findings.push({
              message: `VALIDATE CONSTRAINT \`${cmd.name}\` runs in the transaction that added it NOT VALID: the lock the ADD took is held through the whole scan`,
              help: 'commit after adding the constraint NOT VALID, and validate it in a later transaction',
              location: at(context, statement.start),
            });
        }
      }
    }
    return findings;
  },
};
