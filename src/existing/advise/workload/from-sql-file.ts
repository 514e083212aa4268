import type { Diagnostic } from '../../../diagnostics/diagnostic.js';
import { LineIndex } from '../../../diagnostics/line-index.js';
import type { Schema } from '../../../model/schema.js';
import { parseRate } from '../../../spec/quantities.js';
import { splitScript } from '../../../sql/split-script.js';
import { readStatement } from './read-statement.js';
import type { SkippedStatement, Workload, WorkloadQuery } from './workload.js';

/** A query without a `-- rate:` comment runs once a second (assumed, and said so). */
export const ASSUMED_RATE_PER_SECOND = 1;

const RATE_COMMENT = /^[ \t]*--[ \t]*rate:[ \t]*(.*?)[ \t]*$/im;
const NAME_COMMENT = /^[ \t]*--[ \t]*name:[ \t]*([A-Za-z_][\w.-]*)[ \t]*$/im;

/**
 * A workload file: one statement each, ended by a semicolon, with optional comments just above it,
 * `-- rate: 40/s` (how often it runs; 1/s when absent) and `-- name: orders_by_customer`. Bad SQL,
 * a statement that is not a query, or a bad rate is an error at its line and column; a query on
 * no table of the schema is left out with a warning.
 */
export function workloadFromSqlFile(file: string, text: string, schema: Schema): { workload: Workload; diagnostics: Diagnostic[] } {
  const lines = new LineIndex(text);
  const diagnostics: Diagnostic[] = [];
  const queries: WorkloadQuery[] = [];
  const skipped: SkippedStatement[] = [];
  let previousEnd = 0;
  for (const piece of splitScript(text)) {
    const commentsStart = previousEnd;
    const comments = text.slice(commentsStart, piece.offset);
    previousEnd = piece.offset + piece.text.length;
    const location = { file, line: piece.line, column: piece.column };
    if (piece.kind !== 'statement') {
      diagnostics.push({
        code: piece.kind === 'meta' ? 'advise/not-a-query' : 'advise/syntax',
        severity: 'error',
        message: piece.kind === 'meta' ? `\`${piece.text}\` is a psql meta-command, not a query` : piece.message,
        fix: 'list one SQL statement per entry, each ended by a semicolon',
        location,
      });
      continue;
    }
    const reading = readStatement(piece.text, schema);
    if (!reading.ok) {
      const at = lines.position(piece.offset + reading.offset);
      const diagnostic: Diagnostic = {
        code: reading.code,
        severity: reading.code === 'advise/no-known-table' ? 'warning' : 'error',
        message: reading.message,
        fix: reading.fix,
        location: { file, ...at },
      };
      diagnostics.push(diagnostic);
      if (diagnostic.severity === 'warning') skipped.push({ at: `${file}:${at.line}:${at.column}`, text: piece.text, reason: reading.message });
      continue;
    }
    const rateText = RATE_COMMENT.exec(comments);
    let weight = ASSUMED_RATE_PER_SECOND;
    if (rateText) {
      const rate = parseRate(rateText[1]);
      if (!rate.ok) {
        const at = lines.position(commentsStart + rateText.index + rateText[0].indexOf('rate:'));
        diagnostics.push({ code: 'advise/bad-rate', severity: 'error', message: rate.message, fix: rate.fix, location: { file, ...at } });
        continue;
      }
      weight = rate.value.perSecond;
    }
    const name = NAME_COMMENT.exec(comments)?.[1];
    queries.push({
      id: name ?? `q${queries.length + 1}`,
      sql: piece.text.replace(/;\s*$/, ''),
      parameters: reading.parameters,
      weight,
      shape: reading.shape,
      ...(reading.write ? { write: reading.write } : {}),
      origin: { kind: 'file', file, line: piece.line, column: piece.column, rateBasis: rateText ? 'stated' : 'assumed' },
    });
  }
  const ids = new Map<string, number>();
  for (const [i, q] of queries.entries()) {
    const first = ids.get(q.id);
    if (first !== undefined && q.origin.kind === 'file')
      diagnostics.push({
        code: 'advise/duplicate-name',
        severity: 'error',
        message: `the name \`${q.id}\` is already used by the statement at line ${(queries[first]!.origin as { line: number }).line}`,
        fix: 'give each statement its own `-- name:`',
        location: { file, line: q.origin.line, column: q.origin.column },
      });
    else ids.set(q.id, i);
  }
  if (queries.length === 0 && !diagnostics.some((d) => d.severity === 'error'))
    diagnostics.push({
      code: 'advise/empty-workload',
      severity: 'error',
      message: 'the file holds no query on the schema',
      fix: 'list the statements the application runs, one each, ended by a semicolon (optionally `-- rate: 40/s` above each)',
      location: { file, line: 1, column: 1 },
    });
  return { workload: { queries, weightUnit: 'per-second', source: file, skipped }, diagnostics };
}
