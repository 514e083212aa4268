import type { Decision } from '../../model/decision.js';
import type { Schema } from '../../model/schema.js';
import { walkNodes } from '../../sql/ast-walk.js';
import { parsePg } from '../../sql/pg-parser.js';

/** Names the tool gives the structures it creates: a token ending so names an object, not a word. */
const STRUCTURE_SUFFIX = /_(history|snapshot|closure|mv|trigger|pkey|fkey|key|idx|check)$/;
/** `name(a, b)`: a relation with its columns, as decisions write them. */
const RELATION_WITH_COLUMNS = /\b([a-z_][a-z0-9_]*)\(([a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*)*)\)/g;
/** Functions a decision may write the same way, over one column: not relations. */
const FUNCTIONS = new Set(['sum', 'count', 'avg', 'min', 'max', 'age', 'coalesce', 'lower', 'upper', 'nullif', 'greatest', 'least']);
/** A decision that names a structure it deliberately does not build says so with these words. */
const NOT_EMITTED = 'recommended, not emitted';

interface DdlObjects {
  /** Tables and views with their columns. */
  readonly relations: Map<string, Set<string>>;
  /** Every other named object: constraints, indexes, triggers, functions, types, columns. */
  readonly names: Set<string>;
}

/**
 * The structures decisions name (in their title or choice) that the DDL does not create: tables and
 * views with the columns listed after them, and constraints, indexes, triggers and derived tables by
 * the tool's naming. Decisions that say a structure is "recommended, not emitted" are skipped. The
 * DDL is the one the design's schema gives (PostgreSQL), read with the real parser. Pure.
 */
export function structuresMissingFromDdl(design: { readonly decisions: readonly Decision[]; readonly schema: Schema }, ddl: string): string[] {
  const objects = ddlObjects(ddl);
  const missing: string[] = [];
  for (const decision of design.decisions) {
    const text = `${decision.title}\n${decision.choice}`;
    if (text.includes(NOT_EMITTED)) continue;
    const seen = new Set<string>();
    for (const match of text.matchAll(RELATION_WITH_COLUMNS)) {
      const [, relation, list] = match;
      // `column(s)`, `pattern(s)`: an English plural, not a relation with a column `s`.
      if (FUNCTIONS.has(relation!) || list === 's') continue;
      seen.add(relation!);
      const columns = objects.relations.get(relation!);
      if (!columns) {
        missing.push(`${decision.id}: ${relation} is not a table or view of the DDL`);
        continue;
      }
      for (const column of list!.split(', ')) if (!columns.has(column)) missing.push(`${decision.id}: ${relation} has no column ${column} in the DDL`);
    }
    for (const token of text.match(/\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/g) ?? []) {
      if (seen.has(token) || !STRUCTURE_SUFFIX.test(token)) continue;
      seen.add(token);
      if (!objects.relations.has(token) && !objects.names.has(token)) missing.push(`${decision.id}: ${token} is not in the DDL`);
    }
  }
  return missing;
}

function ddlObjects(ddl: string): DdlObjects {
  const parsed = parsePg(ddl);
  if (!parsed.ok) throw new Error(`the DDL does not parse: ${parsed.message}`);
  const relations = new Map<string, Set<string>>();
  const names = new Set<string>();
  const columnsOf = (relation: string) => relations.get(relation) ?? relations.set(relation, new Set()).get(relation)!;
  for (const { stmt } of parsed.result.stmts ?? []) {
    walkNodes(stmt, (node, tag) => {
      const n = (node as Record<string, any>)[tag];
      if (tag === 'CreateStmt') {
        const columns = columnsOf(n.relation.relname);
        for (const element of n.tableElts ?? []) if (element.ColumnDef) columns.add(element.ColumnDef.colname);
      } else if (tag === 'AlterTableStmt') {
        for (const cmd of n.cmds ?? []) if (cmd.AlterTableCmd?.def?.ColumnDef) columnsOf(n.relation.relname).add(cmd.AlterTableCmd.def.ColumnDef.colname);
      } else if (tag === 'CreateTableAsStmt' || tag === 'ViewStmt') {
        const rel = tag === 'ViewStmt' ? n.view : n.into.rel;
        const columns = columnsOf(rel.relname);
        for (const target of n.query?.SelectStmt?.targetList ?? []) {
          // An unaliased column keeps its own name (the last part of the reference).
          const fields = target.ResTarget?.val?.ColumnRef?.fields as { String?: { sval: string } }[] | undefined;
          const name = target.ResTarget?.name ?? fields?.[fields.length - 1]?.String?.sval;
          if (name) columns.add(name);
        }
      } else if (tag === 'Constraint' && n.conname) names.add(n.conname);
      else if (tag === 'IndexStmt' && n.idxname) names.add(n.idxname);
      else if (tag === 'CreateTrigStmt') names.add(n.trigname);
      else if (tag === 'CreateFunctionStmt' || tag === 'CreateEnumStmt') {
        const parts = (tag === 'CreateFunctionStmt' ? n.funcname : n.typeName) as { String: { sval: string } }[];
        names.add(parts[parts.length - 1]!.String.sval);
      }
    });
  }
  for (const columns of relations.values()) for (const column of columns) names.add(column);
  return { relations, names };
}
