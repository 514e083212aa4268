import { parseWithSqlfluff } from '../sqlfluff.js';
import type { DdlChecker, DdlCheckResult } from './ddl-checker.js';

/**
 * Clauses of valid ClickHouse DDL that sqlfluff's clickhouse grammar (1.4.5, Debian 12's) does not
 * have, found by parsing each form alone: data-skipping INDEX and CONSTRAINT … CHECK elements, a
 * column's COMMENT, a CODEC after a DEFAULT, a SETTINGS clause after TTL, and CREATE MATERIALIZED VIEW. No ClickHouse server of a version that reads this
 * DDL can be installed here (Debian's is 18.16, from 2018), so the rest is parsed and these clauses
 * are named as not checked, never counted as parsed.
 */
const ELEMENT_GAPS: readonly { readonly name: string; readonly line: RegExp }[] = [
  { name: 'data-skipping INDEX', line: /^\s*INDEX\s/ },
  { name: 'CONSTRAINT … CHECK', line: /^\s*CONSTRAINT\s.*\sCHECK\s/ },
];
const COLUMN_COMMENT = / COMMENT '(?:[^'\\]|\\.)*'/;
const CODEC = / CODEC\((?:[^()]|\([^()]*\))*\)/;
const MATERIALIZED_VIEW = /^CREATE MATERIALIZED VIEW\s/;

interface Reduced {
  readonly sql: string;
  /** Reduced line (1-based) -> the script's own line. */
  readonly lines: readonly number[];
  readonly statements: number;
  readonly skipped: ReadonlyMap<string, number>;
}

/** The script without the clauses sqlfluff cannot read, with a map back to the script's lines. */
function reduce(sql: string): Reduced {
  const out: string[] = [];
  const lines: number[] = [];
  const skipped = new Map<string, number>();
  const skip = (name: string) => skipped.set(name, (skipped.get(name) ?? 0) + 1);
  let statements = 0;
  const source = sql.split('\n');
  let statement: { text: string; line: number }[] = [];
  const flush = () => {
    if (!statement.length) return;
    if (MATERIALIZED_VIEW.test(statement[0]!.text)) skip('CREATE MATERIALIZED VIEW');
    else {
      statements++;
      // Drop element lines sqlfluff cannot read; the element before a dropped last one loses its comma.
      const kept: { text: string; line: number }[] = [];
      const hasTtl = statement.some((p) => /^TTL\s/.test(p.text));
      for (const part of statement) {
        if (hasTtl && /^SETTINGS\s/.test(part.text)) {
          skip('SETTINGS after TTL');
          continue;
        }
        const gap = ELEMENT_GAPS.find((g) => g.line.test(part.text));
        if (gap) {
          skip(gap.name);
          continue;
        }
        let text = part.text;
        if (/^\s*"/.test(text) && COLUMN_COMMENT.test(text)) {
          skip('column COMMENT');
          text = text.replace(COLUMN_COMMENT, '');
        }
        if (/ DEFAULT /.test(text) && CODEC.test(text)) {
          skip('CODEC after DEFAULT');
          text = text.replace(CODEC, '');
        }
        if (/^\)/.test(text) && kept.length) kept[kept.length - 1] = { ...kept[kept.length - 1]!, text: kept[kept.length - 1]!.text.replace(/,$/, '') };
        kept.push({ text, line: part.line });
      }
      for (const part of kept) {
        out.push(part.text);
        lines.push(part.line);
      }
    }
    statement = [];
  };
  for (const [i, text] of source.entries()) {
    if (statement.length === 0 && (text.trim() === '' || text.startsWith('--'))) {
      out.push(text);
      lines.push(i + 1);
      continue;
    }
    statement.push({ text, line: i + 1 });
    if (/;\s*$/.test(text)) flush();
  }
  flush();
  return { sql: out.join('\n'), lines, statements, skipped };
}

export const clickhouseChecker: DdlChecker = {
  target: 'clickhouse',
  tier: 'parsed',
  async check(sql): Promise<DdlCheckResult> {
    const reduced = reduce(sql);
    const parsed = await parseWithSqlfluff(reduced.sql, 'clickhouse');
    if (parsed.status === 'unavailable') return { status: 'unavailable', reason: parsed.reason };
    if (parsed.status === 'failed') {
      const line = parsed.line !== undefined ? reduced.lines[parsed.line - 1] : undefined;
      const statement = line !== undefined ? sql.split('\n')[line - 1]?.trim() : undefined;
      return { status: 'failed', message: `${line !== undefined ? `line ${line}: ` : ''}${parsed.message}`, ...(statement ? { statement } : {}) };
    }
    const gaps = [...reduced.skipped].map(([name, n]) => `${n} ${name}`);
    const unchecked = gaps.length ? `; not checked, beyond its grammar: ${gaps.join(', ')}` : '';
    return { status: 'checked', statements: reduced.statements, parsedBy: `${parsed.parser}${unchecked}` };
  },
};
