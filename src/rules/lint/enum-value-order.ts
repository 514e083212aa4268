import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { LintContext } from './context.js';
import { at, fix, insertAt, replaceRange } from './support/findings.js';

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

export const enumValueOrder: Rule<LintContext> = {
  meta: {
    set: 'lint',
    name: 'enum-value-order',
    code: 'lint/enum-value-order',
    severity: 'warning',
    summary:
      '`ALTER TYPE … ADD VALUE` that puts the value somewhere other than where the spec declares it (appended where it belongs between two values, or BEFORE/AFTER the wrong one).',
    why: "An enum sorts and compares in its declared order (ORDER BY status, status < 'shipped'): a value appended at the end sorts after all others, and since values cannot be reordered or removed without recreating the type, the mistake stays.",
    help: "Add the value at its place with `ADD VALUE 'new' AFTER 'previous'` (or BEFORE 'next'), the order the spec declares.",
  },
  check: (context) => {
    const adds = context.statements.flatMap((st) => ('AlterEnumStmt' in st.node && st.node.AlterEnumStmt.newVal && !st.node.AlterEnumStmt.oldVal ? [st] : []));
    return context.statements.flatMap((statement): Finding[] => {
      if (!('AlterEnumStmt' in statement.node)) return [];
      const s = statement.node.AlterEnumStmt;
      if (!s.newVal || s.oldVal) return [];
      const type = (s.typeName ?? []).map((n) => ('String' in n ? n.String.sval : '')).join('.');
      const declared = context.enums.get(type) ?? context.enums.get(type.slice(type.lastIndexOf('.') + 1));
      const index = declared?.indexOf(s.newVal) ?? -1;
      if (!declared || index < 0) {
        // Nothing says where the value belongs: appending is a choice the author should make on purpose.
        if (s.newValNeighbor !== undefined) return [];
        return [
          {
            message: `'${s.newVal}' is appended to \`${type}\` (no BEFORE or AFTER): it sorts after every existing value${declared ? ', and the spec does not declare it' : ''}`,
            help: `if it belongs elsewhere in the order, say so: ADD VALUE '${s.newVal}' BEFORE 'value' (or AFTER); declare it in the spec's enum to have its place checked`,
            severity: 'info',
            location: at(context, statement.start),
          },
        ];
      }
      const previous = declared[index - 1];
      const next = declared[index + 1];
      const neighbor = s.newValNeighbor;
      // Appending is right when every value declared after it is added later in this file: the spec's values the file does not add exist already.
      const addedLater = new Set(
        adds
          .filter((a) => a.start > statement.start && 'AlterEnumStmt' in a.node && a.node.AlterEnumStmt.newValNeighbor === undefined)
          .map((a) => ('AlterEnumStmt' in a.node ? a.node.AlterEnumStmt.newVal : '')),
      );
      const later = declared.slice(index + 1).find((v) => !addedLater.has(v));
      const placed =
        neighbor === undefined ? (later === undefined ? 'ok' : 'appended') : (s.newValIsAfter ? neighbor === previous : neighbor === next) ? 'ok' : 'misplaced';
      if (placed === 'ok') return [];
      const where = previous !== undefined ? `AFTER ${literal(previous)}` : `BEFORE ${literal(next!)}`;
      const message =
        placed === 'appended'
          ? `'${s.newVal}' is appended to \`${type}\`, but the spec declares it before '${later}': it will sort after '${later}'`
          : `'${s.newVal}' is added ${s.newValIsAfter ? 'AFTER' : 'BEFORE'} '${neighbor}', but the spec declares it ${where.replace(/'/g, "'")}`;
      const valueToken = statement.tokens.find((t) => t.kind === 'SCONST' && t.text === literal(s.newVal!));
      const neighborStart = statement.tokens.find((t) => t.keyword === 'BEFORE' || t.keyword === 'AFTER');
      const edit =
        neighborStart && neighbor !== undefined
          ? replaceRange(context, neighborStart.start, statement.end, where)
          : valueToken
            ? insertAt(context, valueToken.end, ` ${where}`)
            : undefined;
      return [
        {
          message,
          help: `ADD VALUE '${s.newVal}' ${where}`,
          location: at(context, statement.start),
          ...(edit ? { autofix: fix(`add it ${where}`, edit) } : {}),
        },
      ];
    });
  },
};
