import { fingerprintSync, normalizeSync } from 'libpg-query';
import type { Schema } from '../../../model/schema.js';
import { readStatement } from './read-statement.js';
import type { SkippedStatement, Workload, WorkloadQuery } from './workload.js';

/** One statement the server logged: where, its text and how long it ran (absent for `log_statement` lines). */
interface LoggedStatement {
  readonly line: number;
  readonly text: string;
  readonly ms?: number;
}

/** A new message of the stderr log: the line prefix, then the severity and two spaces. */
const MESSAGE_START = /^(.*?)\b(LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING|NOTICE|FATAL|PANIC|INFO|DEBUG[1-5]?):  /;
/**
 * `log_min_duration_statement` writes `duration: 1.2 ms  statement: …` (simple protocol) or
 * `… execute <name>: …` (extended); its `parse` and `bind` lines are the same statement again, so
 * only these two count. `log_statement` writes `statement: …` without a duration.
 */
const STATEMENT_MESSAGE = /^(?:duration: ([\d.]+) ms {2})?(?:statement|execute [^:]*): ([\s\S]*)$/;
/** csvlog's columns (PostgreSQL 13+): the message is the 14th. */
const CSV_MESSAGE_COLUMN = 13;

/**
 * A PostgreSQL server log, stderr format (any `log_line_prefix`) or csvlog, as a workload: the
 * statements it logged, grouped by their normalized text (constants become `$n`, as in
 * pg_stat_statements, so both sources give the same queries), each weighted by how often it was
 * logged. Lines that are not statements (connections, errors, `parse`/`bind` steps) are ignored.
 */
export function workloadFromLog(file: string, text: string, schema: Schema): Workload {
  const statements = looksLikeCsvlog(file, text) ? csvlogStatements(text) : stderrStatements(text);
  // Grouped by the parse tree's fingerprint (constants and spacing do not count), shown normalized.
  const groups = new Map<string, { sql: string; first: LoggedStatement; count: number; totalMs: number }>();
  const skipped: SkippedStatement[] = [];
  for (const statement of statements) {
    const raw = statement.text.trim().replace(/;\s*$/, '');
    let normalized: string;
    let fingerprint: string;
    try {
      normalized = normalizeSync(raw);
      fingerprint = fingerprintSync(raw);
    } catch (error) {
      skipped.push({ at: `${file}:${statement.line}`, text: raw, reason: `PostgreSQL's parser cannot read it: ${(error as Error).message}` });
      continue;
    }
    const group = groups.get(fingerprint) ?? { sql: normalized, first: statement, count: 0, totalMs: 0 };
    group.count++;
    group.totalMs += statement.ms ?? 0;
    groups.set(fingerprint, group);
  }
  const queries: WorkloadQuery[] = [];
  for (const { sql, ...group } of groups.values()) {
    const reading = readStatement(sql, schema);
    if (!reading.ok) {
      skipped.push({ at: `${file}:${group.first.line}`, text: sql, reason: reading.message });
      continue;
    }
    queries.push({
      id: `l${queries.length + 1}`,
      sql,
      parameters: reading.parameters,
      weight: group.count,
      shape: reading.shape,
      ...(reading.write ? { write: reading.write } : {}),
      origin: { kind: 'log', file, line: group.first.line, count: group.count, totalMs: group.totalMs },
    });
  }
  return { queries, weightUnit: 'calls', source: file, skipped };
}

function looksLikeCsvlog(file: string, text: string): boolean {
  if (/\.csv$/i.test(file)) return true;
  const first = text.slice(0, text.indexOf('\n') >>> 0);
  return /^\d{4}-\d\d-\d\d [\d:.]+ \S+,/.test(first) && (first.match(/,/g)?.length ?? 0) >= 20;
}

function stderrStatements(text: string): LoggedStatement[] {
  const out: LoggedStatement[] = [];
  let current: { line: number; severity: string; message: string } | undefined;
  const flush = () => {
    if (current?.severity === 'LOG') {
      const m = STATEMENT_MESSAGE.exec(current.message);
      if (m) out.push({ line: current.line, text: m[2]!, ...(m[1] !== undefined ? { ms: Number(m[1]) } : {}) });
    }
  };
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    const start = MESSAGE_START.exec(line);
    if (start) {
      flush();
      current = { line: i + 1, severity: start[2]!, message: line.slice(start[0].length) };
    } else if (current) current.message += `\n${line.replace(/^\t/, '')}`;
  }
  flush();
  return out;
}

function csvlogStatements(text: string): LoggedStatement[] {
  const out: LoggedStatement[] = [];
  for (const record of csvRecords(text)) {
    if (record.fields[11] !== 'LOG') continue;
    const m = STATEMENT_MESSAGE.exec(record.fields[CSV_MESSAGE_COLUMN] ?? '');
    if (m) out.push({ line: record.line, text: m[2]!, ...(m[1] !== undefined ? { ms: Number(m[1]) } : {}) });
  }
  return out;
}

/** RFC 4180 records: quoted fields may hold commas, newlines and doubled quotes. */
function csvRecords(text: string): { line: number; fields: string[] }[] {
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      continue;
    }
    if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n') {
      fields.push(field);
      if (fields.length > 1) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      recordLine = line;
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length) {
    fields.push(field);
    if (fields.length > 1) records.push({ line: recordLine, fields });
  }
  return records;
}
