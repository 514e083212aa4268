import type { Security } from '../../model/parts/security.js';
import type { Column, ForeignKey, Schema, Table } from '../../model/schema.js';
import { quotePgIdentifier as q, quotePgLiteral } from './quote.js';

/**
 * The erasure plan as statements: one UPDATE per table with personal data, reaching the data subject
 * through the same foreign keys the plan names. Parameters are the subject's key (`$1` tenant, `$2`
 * id under tenancy; `$1` id otherwise). Run in one transaction.
 */
export function emitPostgresErasure(schema: Schema, security: Security): string | undefined {
  const plan = security.erasure;
  if (!plan) return undefined;
  const subject = schema.tables.find((t) => t.name === plan.subject)!;
  const keyParams = new Map(subject.primaryKey.columns.map((c, i) => [c, `$${i + 1}`]));
  const out = [
    `-- Erase one ${subject.name}: ${subject.primaryKey.columns.map((c, i) => `$${i + 1} = ${c}`).join(', ')}.`,
    '-- Rows are kept (references and legal retention need them); personal columns are overwritten.',
    // Row-level security is forced, so even the owner sees only the tenant it has set.
    ...security.rowLevelSecurity
      .slice(0, 1)
      .map((r) => `-- Run as a role that bypasses row-level security, or set the tenant ($1) first: SET LOCAL ${r.setting} = '<tenant>'.`),
    'BEGIN;',
  ];
  // A history table holds copies of its table's rows, columns and all: it is reached as that table is.
  const historyOf = new Map(schema.tables.flatMap((t) => (t.triggers ?? []).flatMap((tr) => (tr.kind === 'history' ? [[tr.historyTable, t] as const] : []))));
  for (const step of plan.steps.filter((s) => s.action === 'anonymize')) {
    const table = schema.tables.find((t) => t.name === step.table)!;
    const source = historyOf.get(table.name) ?? table;
    // The source's checks (an email format) decide the replacement, so a history row reads like its erased original.
    const set = step.columns
      .map((c) => `${q(c)} = ${replacement(source, source.columns.find((x) => x.name === c) ?? table.columns.find((x) => x.name === c)!)}`)
      .join(', ');
    if (source.name === subject.name) {
      out.push(`UPDATE ${q(table.name)} SET ${set} WHERE ${[...keyParams].map(([c, p]) => `${q(c)} = ${p}`).join(' AND ')};`);
      continue;
    }
    const chain = pathTo(schema, source, subject.name);
    if (!chain) continue;
    // chain[i] is the foreign key from hop i to hop i + 1; the last one points at the subject.
    const aliases = chain.map((_, i) => (i === 0 ? q(table.name) : `h${i}`));
    const from = chain.slice(1).map((fk, i) => `${q(chain[i]!.refTable)} ${aliases[i + 1]}`);
    const conditions: string[] = [];
    chain.forEach((fk, i) => {
      fk.columns.forEach((column, j) => {
        const left = `${aliases[i]}.${q(column)}`;
        if (i === chain.length - 1) conditions.push(`${left} = ${keyParams.get(fk.refColumns[j]!)}`);
        else conditions.push(`${left} = ${aliases[i + 1]}.${q(fk.refColumns[j]!)}`);
      });
    });
    out.push(`UPDATE ${q(table.name)} SET ${set}${from.length ? ` FROM ${from.join(', ')}` : ''} WHERE ${conditions.join(' AND ')};`);
  }
  out.push('COMMIT;');
  return out.join('\n') + '\n';
}

/** A value that erases the column and still passes its checks: NULL where allowed. */
function replacement(table: Table, column: Column): string {
  if (column.nullable) return 'NULL';
  const format = table.checks.find((c) => c.rule.kind === 'format' && c.rule.column === column.name)?.rule;
  const id = table.columns.some((c) => c.name === 'id') ? 'id::text' : 'md5(random()::text)';
  if (format && format.kind === 'format' && format.format === 'email') return `'erased-' || ${id} || '@erased.invalid'`;
  if (format && format.kind === 'format' && format.format === 'phone') return quotePgLiteral('+10000000000');
  const length = column.type.kind === 'string' ? column.type.length : 6;
  return quotePgLiteral('erased'.slice(0, length));
}

/** The foreign keys from `table` up to the subject, shortest first (breadth-first over references). */
function pathTo(schema: Schema, table: Table, subject: string): ForeignKey[] | undefined {
  const queue: { table: Table; path: ForeignKey[] }[] = [{ table, path: [] }];
  const seen = new Set([table.name]);
  while (queue.length) {
    const { table: current, path } = queue.shift()!;
    for (const fk of current.foreignKeys) {
      if (fk.refTable === subject) return [...path, fk];
      const next = schema.tables.find((t) => t.name === fk.refTable);
      if (next && !seen.has(next.name)) {
        seen.add(next.name);
        queue.push({ table: next, path: [...path, fk] });
      }
    }
  }
  return undefined;
}
