import type { Finding, Rule } from '../../diagnostics/rule.js';
import type { AuditContext } from './context.js';
import { tableLabel } from './support/names.js';
import { lastWord } from './support/words.js';

/** Names of one style, in catalog order. */
type Groups = Map<string, string[]>;

const add = (groups: Groups, style: string | undefined, name: string) => {
  if (style) groups.set(style, [...(groups.get(style) ?? []), name]);
};

/** `snake_case`, `camelCase`, `PascalCase`, `UPPER_CASE`; a single lower-case word fits any style and counts for none. */
function caseStyle(name: string): string | undefined {
  if (/^[a-z][a-z0-9]*$/.test(name)) return undefined;
  if (/^[a-z][a-z0-9]*(_[a-z0-9]+)+$/.test(name)) return 'snake_case';
  if (/^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/.test(name)) return 'camelCase';
  if (/^[A-Z][a-z0-9]+([A-Z][a-z0-9]*)*$/.test(name)) return 'PascalCase';
  if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/.test(name)) return 'UPPER_CASE';
  return undefined;
}

/** An English plural by its last word: `orders`, `order_lines`; not `status`, `address`, `analysis`, `metrics`. */
const isPlural = (name: string): boolean => {
  const word = lastWord(name);
  return word.length > 2 && word.endsWith('s') && !/(ss|us|is|ics)$/.test(word);
};

/** The primary-key column's style: `id`, `<table>_id`, `<table>Id`. */
function idStyle(table: string, column: string): string | undefined {
  if (column === 'id') return '`id`';
  const singular = isPlural(table) ? table.slice(0, -1) : table;
  if (column === `${table}_id` || column === `${singular}_id`) return '`<table>_id`';
  if (column.toLowerCase() === `${table}id`.toLowerCase() || column.toLowerCase() === `${singular}id`.toLowerCase()) return '`<table>Id`';
  return undefined;
}

/** `snake_case (12, such as `a`, `b`, `c`) and camelCase (2: `x`, `y`)`: the largest group first. */
function describeGroups(groups: Groups): string {
  const sorted = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
  return sorted
    .map(([style, names]) => {
      const shown = names.slice(0, 3).map((n) => `\`${n}\``);
      return `${style} (${names.length}${names.length > 3 ? `, such as ${shown.join(', ')}` : `: ${shown.join(', ')}`})`;
    })
    .join(' and ');
}

export const inconsistentNaming: Rule<AuditContext> = {
  meta: {
    set: 'audit',
    name: 'inconsistent-naming',
    code: 'audit/inconsistent-naming',
    severity: 'info',
    summary:
      'Names mix conventions: case styles (snake_case beside camelCase), plural and singular table names, or primary-key column styles (`id` beside `<table>_id`).',
    why: 'Every query and every mapping then needs the catalog open to spell a name, camelCase names must be double-quoted in PostgreSQL forever, and mistakes between `order` and `orders` or `id` and `order_id` become runtime errors.',
    help: 'Pick one convention for new names (the one most names already follow) and rename the others when they are next changed, with views or synonyms for old readers while clients move.',
  },
  check: ({ introspection }) => {
    const { tables } = introspection.schema;
    const findings: Finding[] = [];
    const cases: Groups = new Map();
    for (const table of tables) {
      add(cases, caseStyle(table.name), tableLabel(table));
      for (const column of table.columns) add(cases, caseStyle(column.name), `${tableLabel(table)}.${column.name}`);
    }
    if (cases.size > 1) findings.push({ message: `names mix case styles: ${describeGroups(cases)}` });
    const numbers: Groups = new Map();
    for (const table of tables) add(numbers, isPlural(table.name) ? 'plural' : 'singular', tableLabel(table));
    if (numbers.size > 1) findings.push({ message: `table names mix plural and singular: ${describeGroups(numbers)}` });
    const ids: Groups = new Map();
    for (const table of tables)
      if (table.primaryKey.columns.length === 1)
        add(ids, idStyle(table.name, table.primaryKey.columns[0]!), `${tableLabel(table)}.${table.primaryKey.columns[0]}`);
    if (ids.size > 1) findings.push({ message: `primary-key columns are named in more than one style: ${describeGroups(ids)}` });
    return findings;
  },
};
