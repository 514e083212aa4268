import type { Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { fix, replaceRange } from './support/findings.js';
import { typeFindings, writtenType } from './support/column-types.js';

export const preferTimestamptz: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'prefer-timestamptz',
    code: 'lint/prefer-timestamptz',
    severity: 'warning',
    summary: 'A column of type `timestamp` (without time zone).',
    why: 'timestamp stores the wall-clock reading with no zone: the same value means different instants for clients in different zones, and comparisons across a daylight-saving change go wrong. timestamptz stores the instant (in UTC) at the same 8 bytes.',
    help: 'Use `timestamptz` (`timestamp with time zone`).',
  },
  check: (context) =>
    typeFindings(
      context,
      (c) => c.type === 'timestamp',
      (c) => {
        const written = writtenType(context, c);
        const start = c.statement.at(c.def.typeName?.location);
        const precision = /\(\s*\d+\s*\)/.exec(written)?.[0] ?? '';
        // Only a type written where it is parsed (not in a DO body's dynamic SQL) gets an edit.
        const exact = context.text.slice(start, start + written.length) === written && c.statement.tokens.some((t) => t.start === start);
        return {
          message: `\`${c.table}.${c.column}\` is \`${written}\`: a wall-clock time with no zone`,
          ...(exact ? { autofix: fix(`write timestamptz${precision}`, replaceRange(context, start, start + written.length, `timestamptz${precision}`)) } : {}),
        };
      },
    ),
};
