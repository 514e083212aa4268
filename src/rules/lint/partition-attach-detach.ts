import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { alterCommands, at, existingLocks, fix, insertAt, keywordRun, qualified, sizedFinding } from './support/findings.js';

export const partitionAttachDetach: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'partition-attach-detach',
    code: 'lint/partition-attach-detach',
    severity: 'warning',
    summary: '`ATTACH PARTITION` of a table with rows, or `DETACH PARTITION` without `CONCURRENTLY`.',
    why: 'ATTACH takes ACCESS EXCLUSIVE on the table attached and reads all its rows to prove they fit the bound (unless a valid CHECK already says so), and scans a default partition too; a plain DETACH takes ACCESS EXCLUSIVE on the parent: every query of the partitioned table waits.',
    help: 'Before ATTACH, add a CHECK matching the bound NOT VALID and VALIDATE it (no blocking lock), so ATTACH skips its scan; DETACH with `CONCURRENTLY` (PostgreSQL 14+), outside a transaction block.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      const commands = alterCommands(statement);
      return commands.flatMap((cmd): Finding[] => {
        if (cmd.subtype === 'AT_AttachPartition') {
          const lock = existingLocks(statement, (l) => l.action === 'ATTACH PARTITION')[0];
          if (!lock) return [];
          return [
            sizedFinding(context, lock, 'warning', {
              message: `ATTACH PARTITION \`${lock.relation}\` takes an ACCESS EXCLUSIVE lock on it and reads every row to check the bound, unless a valid CHECK constraint implies it`,
              help: `add a CHECK matching the bound to ${qualified(lock.relation)} NOT VALID, VALIDATE it, then ATTACH (it skips the scan), then drop the CHECK`,
              location: at(context, keywordRun(statement, ['ATTACH'])?.start ?? statement.start),
            }),
          ];
        }
        if (cmd.subtype === 'AT_DetachPartition') {
          const lock = existingLocks(statement, (l) => l.action === 'DETACH PARTITION (parent)')[0];
          if (!lock) return [];
          const fixable = commands.length === 1 && !statement.inTransaction && statement.inDoBlock === undefined;
          return [
            sizedFinding(context, lock, 'warning', {
              message: `DETACH PARTITION without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on \`${lock.relation}\`: every query of the partitioned table waits`,
              location: at(context, keywordRun(statement, ['DETACH'])?.start ?? statement.start),
              ...(fixable ? { autofix: fix('add CONCURRENTLY', insertAt(context, statement.end, ' CONCURRENTLY')) } : {}),
            }),
          ];
        }
        return [];
      });
    }),
};
