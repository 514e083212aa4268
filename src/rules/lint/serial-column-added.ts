import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at, columnsAddedToExisting, sizedFinding } from './support/findings.js';

const FILLED = new Set(['ADD COLUMN serial', 'ADD COLUMN … GENERATED AS IDENTITY', 'ADD COLUMN … GENERATED ALWAYS AS … STORED']);

export const serialColumnAdded: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'serial-column-added',
    code: 'lint/serial-column-added',
    severity: 'warning',
    summary: 'A serial, identity or stored generated column added to an existing table.',
    why: 'Each existing row needs its own value (the next number of the sequence, or the computed expression), so PostgreSQL rewrites the whole table under ACCESS EXCLUSIVE: reads and writes wait.',
    help: 'Add the column nullable, attach a sequence as its default (new rows only), backfill the old rows in batches, then make it NOT NULL through a validated CHECK; or, for a generated value, a plain column filled by a trigger and a backfill.',
  },
  check: (context) =>
    context.statements.flatMap((statement): Finding[] => {
      return columnsAddedToExisting(statement).flatMap(({ table, def, lock }): Finding[] => {
        if (!lock || !FILLED.has(lock.action)) return [];
        const kind =
          lock.action === 'ADD COLUMN serial' ? 'a serial column' : lock.action.includes('IDENTITY') ? 'an identity column' : 'a stored generated column';
        return [
          sizedFinding(context, lock, 'warning', {
            message: `\`${table}.${def.colname}\` is added as ${kind}: every existing row gets its value in a rewrite under an ACCESS EXCLUSIVE lock (reads and writes wait)`,
            location: at(context, statement.at(def.location)),
          }),
        ];
      });
    }),
};
