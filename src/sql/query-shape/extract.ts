/**
 * Query shape extraction: turns one parsed statement (libpg_query JSON AST)
 * into the facts an index advisor needs: which tables are read and written,
 * which columns are filtered and how, how tables join, and how rows are
 * ordered, grouped, projected and limited.
 *
 * The function is pure and total: it never throws on any parsed statement;
 * anything it cannot interpret is simply left out of the shape. Output lists
 * are in source order (sorted by byte offset where a list mixes clauses).
 */
import type { Node } from 'libpg-query';
import { nodeTag } from '../ast-walk.js';
import { selectPart } from './block-facts.js';
import { collected, newShapeContext } from './context.js';
import { compact } from './nodes.js';
import { newScope } from './scope.js';
import { select } from './select.js';
import type { ColumnResolver, QueryShape } from './types.js';
import { deleteFrom, insert, update } from './writes.js';

/**
 * Describe one parsed statement (`parseSync(sql).stmts[i].stmt`).
 * Without `resolver`, an unqualified column is attributed to the sole FROM
 * item of its query block, or left unattributed when there are several.
 */
export function extractQueryShape(stmt: Node, resolver?: ColumnResolver): QueryShape {
  if ('ExplainStmt' in stmt && stmt.ExplainStmt.query) return extractQueryShape(stmt.ExplainStmt.query, resolver);
  const ctx = newShapeContext(resolver);
  const root = newScope('main', undefined, undefined);
  if ('SelectStmt' in stmt) {
    const facts = select(ctx, stmt.SelectStmt, root);
    return { kind: 'select', ...collected(ctx), ...selectPart(facts) };
  }
  if ('InsertStmt' in stmt) {
    const facts = insert(ctx, stmt.InsertStmt, root);
    return compact({
      kind: 'insert',
      ...collected(ctx),
      ...selectPart(facts.source === 'select' ? facts.select : undefined),
      writesTable: facts.writesTable,
      setColumns: facts.setColumns,
      source: facts.source,
      onConflict: facts.onConflict,
      returning: facts.returning,
    });
  }
  if ('UpdateStmt' in stmt) {
    const { writesTable, setColumns, returning } = update(ctx, stmt.UpdateStmt, root);
    return { kind: 'update', ...collected(ctx), ...selectPart(undefined), writesTable, setColumns, returning };
  }
  if ('DeleteStmt' in stmt) {
    const { writesTable, returning } = deleteFrom(ctx, stmt.DeleteStmt, root);
    return { kind: 'delete', ...collected(ctx), ...selectPart(undefined), writesTable, returning };
  }
  return { kind: 'other', statement: nodeTag(stmt) ?? 'unknown', ...collected(ctx), ...selectPart(undefined) };
}
