import type { Finding } from '../../../diagnostics/rule.js';
import type { LintContext, TimeoutSettings } from '../context.js';
import { at, describeLock, existingLocks, fix, insertAt } from './findings.js';

/**
 * The statements that lock an existing table while the setting is unset (or `0`, which turns it
 * off), one finding each; the first carries the autofix, a SET before it (before its DO block).
 */
export function missingTimeout(context: LintContext, setting: keyof TimeoutSettings, name: string, value: string, why: string): Finding[] {
  let first = true;
  return context.statements.flatMap((statement): Finding[] => {
    const current = statement.settings[setting];
    if (current !== undefined && current !== '0') return [];
    const lock = existingLocks(statement, (l) => l.blocks !== 'nothing')[0];
    if (!lock) return [];
    const finding: Finding = {
      message: `\`${lock.action.replace(/ \(.*\)$/, '')}\` ${describeLock(lock)}, with no ${name} set${current === '0' ? ' (it is 0: off)' : ''}: ${why}`,
      location: at(context, statement.start),
      ...(first ? { autofix: fix(`set ${name} before it`, insertAt(context, statement.inDoBlock ?? statement.start, `SET ${name} = '${value}';\n`)) } : {}),
    };
    first = false;
    return [finding];
  });
}
