import { z } from 'zod';
import { diff } from '../../api/diff.js';
import { constraintName, type Change } from '../../model/change.js';
import { isDiagnostic, readFailure } from '../inputs.js';
import { renamesField, sidesFields, withSides } from '../sides.js';
import { defineTool, failure, inputProblem } from '../tool.js';

/** `dbarchitect diff` without the plan: what differs between two schemas. */
export const diffTool = defineTool({
  name: 'diff',
  title: 'Compare two schemas',
  description:
    'Compare two schemas, each a spec (designed as `design` does), a SQL file or a live database (read only): the typed changes from one to the other (tables, columns, types, nullability, defaults, constraints, indexes, enums, row-level security, native objects) and the renames it suspects, with the hint that confirms each. For the migration plan that makes the changes safely, use plan_migration.',
  input: { ...sidesFields, renames: renamesField },
  output: {
    dialect: z.string(),
    from: z.object({ kind: z.enum(['spec', 'sql-file', 'live']), location: z.string() }),
    to: z.object({ kind: z.enum(['spec', 'sql-file', 'live']), location: z.string() }),
    changes: z.array(
      z.object({
        kind: z.string(),
        object: z.string().describe('what it changes: `table`, `table.column`, an index or constraint name'),
        change: z.record(z.string(), z.unknown()),
      }),
    ),
    renameCandidates: z.array(
      z.object({
        kind: z.enum(['table', 'column']),
        table: z.string().optional(),
        from: z.string(),
        to: z.string(),
        confidence: z.number(),
        basis: z.string(),
        hint: z.string(),
      }),
    ),
  },
  async run(args, context) {
    context.progress('reading both schemas');
    const outcome = await withSides(args, context, (from, to) => diff(from, to, { renames: args.renames ?? [], validate: false }));
    if (isDiagnostic(outcome)) return failure([outcome]);
    if (!outcome.ok)
      return failure(
        [
          outcome.failure === 'input' && !outcome.diagnostic && outcome.message.startsWith('--rename')
            ? inputProblem('input/rename', outcome.message, 'write renames as old=new')
            : readFailure(outcome),
        ],
        'nothing compared',
      );
    const { plan } = outcome;
    return {
      ok: true,
      summary: `${plan.from.location} → ${plan.to.location}: ${plan.changes.length} change${plan.changes.length === 1 ? '' : 's'}${plan.renameCandidates.length ? `, ${plan.renameCandidates.length} possible renames (not applied)` : ''}`,
      result: {
        dialect: plan.dialect,
        from: plan.from,
        to: plan.to,
        changes: plan.changes.map((c) => ({ kind: c.kind, object: objectOf(c), change: c as unknown as Record<string, unknown> })),
        renameCandidates: [...plan.renameCandidates],
      },
    };
  },
});

/** The object a change is about, in the words of the plan's titles. */
export function objectOf(change: Change): string {
  switch (change.kind) {
    case 'add-enum':
    case 'drop-enum':
      return change.enum.name;
    case 'add-enum-value':
      return `${change.enum}.${change.value}`;
    case 'replace-enum':
      return change.to.name;
    case 'add-table':
    case 'drop-table':
      return change.table.namespace ? `${change.table.namespace}.${change.table.name}` : change.table.name;
    case 'rename-table':
      return `${change.from} → ${change.to}`;
    case 'add-column':
    case 'drop-column':
      return `${change.table}.${change.column.name}`;
    case 'rename-column':
      return `${change.table}.${change.from} → ${change.to}`;
    case 'alter-column-type':
    case 'alter-column-default':
      return `${change.table}.${change.to.name}`;
    case 'alter-column-nullability':
      return `${change.table}.${change.column}`;
    case 'add-index':
    case 'drop-index':
      return change.index.name;
    case 'add-constraint':
    case 'drop-constraint':
      return `${change.table}.${constraintName(change.constraint)}`;
    case 'alter-row-security':
      return change.table;
    case 'add-policy':
    case 'drop-policy':
      return `${change.table}.${change.policy.name}`;
    case 'add-native':
    case 'drop-native':
      return `${change.object.kind} ${change.object.name}`;
  }
}
