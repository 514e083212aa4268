import type { Node } from 'libpg-query';
import type { Schema } from '../../../model/schema.js';
import { parsePg } from '../../../sql/pg-parser.js';
import { extractQueryShape, type QueryShape } from '../../../sql/query-shape.js';
import type { QueryWrite } from './workload.js';

/** One statement read for the workload: its shape and what it writes, or why it cannot be part of it. */
export type StatementReading =
  | { readonly ok: true; readonly shape: QueryShape; readonly parameters: number; readonly write?: QueryWrite }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly fix: string; readonly offset: number };

const DML = new Set(['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt']);

/**
 * Parses one statement with PostgreSQL's parser and extracts its shape, columns resolved against
 * the schema. Only queries and writes on the schema's tables are a workload: anything else (DDL,
 * SET, a query of the catalogs, a function call) is refused with the reason.
 */
export function readStatement(text: string, schema: Schema): StatementReading {
  const parsed = parsePg(text);
  if (!parsed.ok) return { ok: false, code: 'advise/syntax', message: parsed.message, fix: 'fix the SQL (PostgreSQL syntax)', offset: parsed.offset };
  const statements = parsed.result.stmts ?? [];
  if (statements.length !== 1 || !statements[0]?.stmt)
    return {
      ok: false,
      code: 'advise/statement-count',
      message: `a workload entry is one statement; this has ${statements.length}`,
      fix: 'end each statement with a semicolon',
      offset: 0,
    };
  const stmt = statements[0].stmt as Node;
  const kind = Object.keys(stmt)[0] ?? '';
  if (!DML.has(kind))
    return {
      ok: false,
      code: 'advise/not-a-query',
      message: `a ${kind.replace(/Stmt$/, '')} statement is not a query or a write: indexes do not serve it`,
      fix: 'list the SELECT, INSERT, UPDATE and DELETE statements the application runs',
      offset: 0,
    };
  const columns = new Map(schema.tables.map((t) => [t.name, t.columns.map((c) => c.name)]));
  const shape = extractQueryShape(stmt, (table) => columns.get(table));
  const known = shape.tables.filter((ref) =>
    schema.tables.some((t) => t.name === ref.table && (ref.schema === undefined || (t.namespace ?? 'public') === ref.schema)),
  );
  if (known.length === 0)
    return {
      ok: false,
      code: 'advise/no-known-table',
      message: `it reads none of the schema's tables (${shape.tables.map((t) => t.table).join(', ') || 'no table at all'})`,
      fix: 'advise on the database the statement runs against',
      offset: 0,
    };
  const write = writeOf(shape);
  return { ok: true, shape, parameters: highestParameter(text), ...(write ? { write } : {}) };
}

function writeOf(shape: QueryShape): QueryWrite | undefined {
  if (shape.kind === 'insert' || shape.kind === 'delete')
    return { table: shape.writesTable, kind: shape.kind, setColumns: shape.kind === 'insert' ? shape.setColumns : [] };
  if (shape.kind === 'update') return { table: shape.writesTable, kind: 'update', setColumns: shape.setColumns };
  return undefined;
}

/** The highest `$n` of the statement, from the parse tree's parameter references. */
function highestParameter(text: string): number {
  let highest = 0;
  for (const match of text.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(match[1]));
  if (highest === 0) return 0;
  // A `$1` inside a string or a dollar-quoted body is not a parameter: confirm with the parse tree.
  const parsed = parsePg(text);
  if (!parsed.ok) return 0;
  let found = 0;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'ParamRef') found = Math.max(found, Number((value as { number?: number }).number ?? 0));
      visit(value);
    }
  };
  visit(parsed.result);
  return found;
}
