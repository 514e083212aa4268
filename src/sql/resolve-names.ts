import type { Node } from 'libpg-query';
import { suggestion } from '../diagnostics/did-you-mean.js';
import type { Schema } from '../model/schema.js';

export interface NameProblem {
  readonly code: 'sql/unknown-table' | 'sql/unknown-column' | 'sql/unknown-alias';
  readonly message: string;
  readonly fix: string;
  /** Byte offset in the SQL text given to the parser. */
  readonly location: number;
}

interface RelationUse {
  readonly table: string;
  readonly alias?: string;
  readonly location: number;
}

interface ColumnUse {
  readonly qualifier?: string;
  readonly column: string;
  readonly location: number;
}

/**
 * Checks that a statement names only tables and columns of the model. Deliberately lenient where
 * SQL scoping would need a full analyzer: an unqualified column is accepted when any table of the
 * statement has it, and names from CTEs, subquery aliases and output aliases are not second-guessed.
 */
/** Table name -> column names: build once per schema, not once per statement. */
export type SchemaNames = ReadonlyMap<string, readonly string[]>;
export const schemaNames = (schema: Schema): SchemaNames => new Map(schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));

export function resolveNames(stmt: Node, tables: SchemaNames): NameProblem[] {
  const facts = collect(stmt);
  const problems: NameProblem[] = [];
  const tableNames = [...tables.keys()];

  for (const use of facts.relations) {
    if (facts.derivedNames.has(use.table) || tables.has(use.table)) continue;
    problems.push({
      code: 'sql/unknown-table',
      message: `no table \`${use.table}\` in the design`,
      fix: suggestion(use.table, tableNames, 'a table:') || 'add it as an entity',
      location: use.location,
    });
  }

  const known = facts.relations.filter((r) => tables.has(r.table));
  const byQualifier = new Map<string, string>();
  for (const r of known) byQualifier.set(r.alias ?? r.table, r.table);
  // INSERT … ON CONFLICT DO UPDATE names the row it tried to insert `excluded`: a row of the target table.
  if (facts.conflictTarget && tables.has(facts.conflictTarget)) byQualifier.set('excluded', facts.conflictTarget);
  const columnsOf = (table: string) => tables.get(table) ?? [];
  const allColumns = [...new Set(known.flatMap((r) => columnsOf(r.table)))];
  const opaque = facts.derivedNames.size > 0 || facts.relations.some((r) => !tables.has(r.table));

  for (const use of facts.columns) {
    if (use.qualifier === undefined) {
      if (opaque || facts.outputNames.has(use.column) || allColumns.includes(use.column)) continue;
      const owner = known.length === 1 ? ` of \`${known[0]!.table}\`` : '';
      problems.push({
        code: 'sql/unknown-column',
        message: `no column \`${use.column}\`${owner} in the design`,
        fix: suggestion(use.column, allColumns, 'a column:'),
        location: use.location,
      });
      continue;
    }
    if (facts.derivedNames.has(use.qualifier)) continue;
    const table = byQualifier.get(use.qualifier);
    if (table === undefined) {
      if (opaque) continue;
      problems.push({
        code: 'sql/unknown-alias',
        message: `\`${use.qualifier}\` is neither a table nor an alias in this statement`,
        fix: suggestion(use.qualifier, [...byQualifier.keys()], 'one of'),
        location: use.location,
      });
      continue;
    }
    if (use.column === '*' || columnsOf(table).includes(use.column)) continue;
    problems.push({
      code: 'sql/unknown-column',
      message: `table \`${table}\` has no column \`${use.column}\``,
      fix: suggestion(use.column, columnsOf(table), 'a column:'),
      location: use.location,
    });
  }
  return problems;
}

interface Facts {
  relations: RelationUse[];
  columns: ColumnUse[];
  /** CTE names and aliases of subqueries and functions: their columns are not the model's. */
  derivedNames: Set<string>;
  /** The table of an INSERT with an ON CONFLICT clause, whose proposed row is `excluded`. */
  conflictTarget?: string;
  /** Output column aliases, which ORDER BY and GROUP BY may name. */
  outputNames: Set<string>;
}

type Json = { [key: string]: unknown };

function collect(stmt: Node): Facts {
  const facts: Facts = { relations: [], columns: [], derivedNames: new Set(), outputNames: new Set() };
  const visit = (value: unknown, parentKey?: string): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, parentKey);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as Json;
    for (const [key, child] of Object.entries(node)) {
      const inner = child as Json;
      switch (key) {
        case 'RangeVar':
          if (!inner.schemaname)
            facts.relations.push({ table: String(inner.relname), ...(alias(inner) ? { alias: alias(inner)! } : {}), location: Number(inner.location ?? 0) });
          continue;
        case 'CommonTableExpr':
          facts.derivedNames.add(String(inner.ctename));
          break;
        case 'RangeSubselect':
        case 'RangeFunction':
          if (alias(inner)) facts.derivedNames.add(alias(inner)!);
          break;
        case 'ColumnRef':
          pushColumnRef(facts, inner);
          continue;
        case 'InsertStmt':
          if (inner.onConflictClause) facts.conflictTarget = String((inner.relation as Json | undefined)?.relname ?? '');
          pushWrittenTable(facts, key, inner);
          break;
        case 'UpdateStmt':
        case 'DeleteStmt':
          pushWrittenTable(facts, key, inner);
          break;
        case 'SelectStmt':
          for (const target of (inner.targetList as Json[] | undefined) ?? []) {
            const name = (target.ResTarget as Json | undefined)?.name;
            if (typeof name === 'string') facts.outputNames.add(name);
          }
          break;
        default:
          break;
      }
      visit(child, key);
    }
  };
  visit(stmt);
  return facts;
}

function alias(node: Json): string | undefined {
  const a = node.alias as Json | undefined;
  return typeof a?.aliasname === 'string' ? a.aliasname : undefined;
}

function pushColumnRef(facts: Facts, ref: Json): void {
  const fields = (ref.fields as Json[] | undefined) ?? [];
  const names = fields.map((f) => ('A_Star' in f ? '*' : String((f.String as Json | undefined)?.sval ?? '')));
  const location = Number(ref.location ?? 0);
  if (names.length === 1 && names[0] !== '*') facts.columns.push({ column: names[0]!, location });
  else if (names.length === 2) facts.columns.push({ qualifier: names[0]!, column: names[1]!, location });
}

/**
 * The written table is a bare RangeVar (not wrapped in a node), and INSERT's column list and
 * UPDATE's SET targets name its columns without a ColumnRef.
 */
function pushWrittenTable(facts: Facts, kind: string, stmt: Json): void {
  const relation = stmt.relation as Json | undefined;
  if (relation && !relation.schemaname)
    facts.relations.push({
      table: String(relation.relname),
      ...(alias(relation) ? { alias: alias(relation)! } : {}),
      location: Number(relation.location ?? 0),
    });
  if (kind === 'DeleteStmt') return;
  const targets = ((kind === 'InsertStmt' ? stmt.cols : stmt.targetList) as Json[] | undefined) ?? [];
  const qualifier = (relation && alias(relation)) ?? String(relation?.relname ?? '');
  for (const target of targets) {
    const res = target.ResTarget as Json | undefined;
    if (typeof res?.name === 'string') facts.columns.push({ qualifier, column: res.name, location: Number(res.location ?? 0) });
  }
}
