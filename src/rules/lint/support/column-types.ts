import type { ColumnDef, Node } from 'libpg-query';
import type { Finding } from '../../../diagnostics/rule.js';
import type { LintContext, LintStatement } from '../context.js';
import { at, columnDefinitions, typeName } from './findings.js';

/** A column definition the file makes, with the statement it is in. */
export interface DefinedColumn {
  readonly statement: LintStatement;
  readonly table: string;
  readonly column: string;
  readonly def: ColumnDef;
  /** The type's name without `pg_catalog` (`int4`, `bpchar`, `timestamp`). */
  readonly type: string;
  /** CREATE TABLE's other elements, to see table-level keys. */
  readonly tableElts?: readonly Node[];
}

/** Every column definition of the file: CREATE TABLE, ADD COLUMN and ALTER COLUMN … TYPE (in DO blocks too). */
export function definedColumns(context: LintContext): DefinedColumn[] {
  let columns = defined.get(context);
  if (!columns) {
    columns = context.statements.flatMap((statement) => columnDefinitions(statement).map((c) => ({ ...c, statement, type: typeName(c.def) })));
    defined.set(context, columns);
  }
  return columns;
}

/** Six rules read the same list: made once per file. */
const defined = new WeakMap<LintContext, DefinedColumn[]>();

/** One finding per column whose type matches, at the type's place. */
export function typeFindings(
  context: LintContext,
  matches: (c: DefinedColumn) => boolean,
  finding: (c: DefinedColumn) => Omit<Finding, 'location'>,
): Finding[] {
  return definedColumns(context)
    .filter(matches)
    .map((c) => ({ ...finding(c), location: at(context, c.statement.at(c.def.typeName?.location ?? c.def.location)) }));
}

/** The type as written in the file (`varchar(20)`, `timestamp without time zone`), from its place to the next clause. */
export function writtenType(context: LintContext, c: DefinedColumn): string {
  const start = c.statement.at(c.def.typeName?.location);
  const typeTokens = [];
  for (const t of c.statement.tokens) {
    if (t.start < start) continue;
    if (typeTokens.length && (t.text === ',' || t.text === ')' ? depth(typeTokens) === 0 : false)) break;
    if (typeTokens.length && t.keyword && TYPE_END.has(t.keyword) && depth(typeTokens) === 0) break;
    typeTokens.push(t);
  }
  return typeTokens.length ? context.text.slice(typeTokens[0]!.start, typeTokens[typeTokens.length - 1]!.end) : c.type;
}

const depth = (tokens: { text: string }[]) => tokens.reduce((d, t) => d + (t.text === '(' ? 1 : t.text === ')' ? -1 : 0), 0);
const TYPE_END = new Set(['NOT', 'NULL', 'DEFAULT', 'PRIMARY', 'REFERENCES', 'UNIQUE', 'CHECK', 'CONSTRAINT', 'GENERATED', 'COLLATE', 'USING', 'REFERENCES']);
