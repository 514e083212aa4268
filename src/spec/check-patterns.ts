import type { Node } from 'libpg-query';
import type { Schema } from '../model/schema.js';
import type { ProblemList } from './problem.js';
import type { AccessPatternSpec } from '../model/spec.js';
import { bindNamedParams, byteToCharOffsets } from '../sql/named-params.js';
import { parsePg } from '../sql/pg-parser.js';
import { resolveNames, schemaNames } from '../sql/resolve-names.js';

export interface ParsedPattern {
  readonly name: string;
  /** The statement with `$n` parameters, as the engine will run it. */
  readonly sql: string;
  readonly params: readonly string[];
  readonly statement: Node;
}

/**
 * Parses each access pattern with the real PostgreSQL parser and checks its names against the
 * model, reporting problems at the place inside the SQL text.
 */
export function checkAccessPatterns(patterns: readonly AccessPatternSpec[], schema: Schema, problems: ProblemList): ParsedPattern[] {
  const parsed: ParsedPattern[] = [];
  const names = schemaNames(schema);
  patterns.forEach((pattern, index) => {
    const path = ['access_patterns', index, 'sql'];
    if (pattern.sql.trim() === '') {
      problems.error(path, 'sql/empty', 'the access pattern has no SQL', 'write the statement the application runs, with `:name` parameters');
      return;
    }
    const bound = bindNamedParams(pattern.sql);
    const toChar = byteToCharOffsets(bound.sql);
    const at = (byteOffset: number) => bound.originalOffset(toChar(byteOffset));
    const result = parsePg(bound.sql);
    if (!result.ok) {
      problems.error(path, 'sql/syntax', result.message, 'fix the SQL (PostgreSQL syntax, parameters as `:name`)', {
        offset: bound.originalOffset(result.offset),
      });
      return;
    }
    const statements = result.result.stmts ?? [];
    if (statements.length !== 1 || !statements[0]?.stmt) {
      problems.error(
        path,
        'sql/statement-count',
        `an access pattern is one statement; this has ${statements.length}`,
        'split it into one access pattern per statement',
      );
      return;
    }
    const statement = statements[0].stmt;
    const kind = Object.keys(statement)[0];
    if (!['SelectStmt', 'InsertStmt', 'UpdateStmt', 'DeleteStmt'].includes(kind ?? '')) {
      problems.error(
        path,
        'sql/not-dml',
        `an access pattern is a query or a write (SELECT, INSERT, UPDATE, DELETE), not a ${kind?.replace(/Stmt$/, '')} statement`,
        'describe what the application runs against the data; the schema comes from the entities',
      );
      return;
    }
    const nameProblems = resolveNames(statement, names);
    for (const p of nameProblems) problems.error(path, p.code, p.message, p.fix, { offset: at(p.location) });
    if (nameProblems.length === 0) parsed.push({ name: pattern.name, sql: bound.sql, params: bound.params, statement });
  });
  return parsed;
}
