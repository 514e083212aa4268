import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at } from './support/findings.js';

/** NAMEDATALEN - 1: PostgreSQL keeps the first 63 bytes of a name. */
const MAX_BYTES = 63;
const CANDIDATE = /"|[\p{L}\p{N}_$]{22,}/u;

export const longIdentifier: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'long-identifier',
    code: 'lint/long-identifier',
    severity: 'warning',
    summary: 'An identifier longer than 63 bytes.',
    why: 'PostgreSQL silently truncates it to 63 bytes (a NOTICE at most): the object gets another name than the migration says, later migrations that name it in full still work by the same truncation, but two long names that share their first 63 bytes become one, and tools comparing names see a difference.',
    help: 'Shorten the name to 63 bytes or fewer (count bytes, not characters: é takes 2).',
  },
  check: (context) => {
    const seen = new Set<number>();
    return context.statements.flatMap((statement): Finding[] =>
      // Only a statement with a quoted name or a run of 22+ name characters (3 bytes each at most: 64+ bytes) can hold one; the rest are not scanned.
      !CANDIDATE.test(statement.sql)
        ? []
        : statement.tokens.flatMap((t): Finding[] => {
            if (t.kind !== 'IDENT' || seen.has(t.start)) return [];
            seen.add(t.start);
            const name = t.text.startsWith('"') ? t.text.slice(1, -1).replaceAll('""', '"') : t.text.toLowerCase();
            const bytes = Buffer.byteLength(name, 'utf8');
            if (bytes <= MAX_BYTES) return [];
            const kept = Buffer.from(name, 'utf8')
              .subarray(0, MAX_BYTES)
              .toString('utf8')
              .replace(/\uFFFD$/, '');
            return [{ message: `\`${name}\` is ${bytes} bytes: PostgreSQL truncates it to \`${kept}\``, location: at(context, t.start) }];
          }),
    );
  },
};
