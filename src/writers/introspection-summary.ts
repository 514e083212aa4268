import { formatBytes, formatCount } from '../format.js';
import { describeType } from '../model/logical-type.js';
import type { Introspection } from '../model/introspection.js';
import type { Table } from '../model/schema.js';

const qualified = (t: Table) => (t.namespace ? `${t.namespace}.${t.name}` : t.name);

/**
 * The readable summary of an introspection: where it came from, each table with its rows and
 * sizes, what is kept native, and (for a SQL file) every statement that was not simply run.
 */
export function renderIntrospectionSummary(introspection: Introspection): string {
  const { schema, source } = introspection;
  const native = schema.native ?? [];
  const lines: string[] = [
    `${source.location}: ${source.serverVersion}; schemas ${source.namespaces.join(', ') || '(none)'}`,
    `${plural(schema.tables.length, 'table')}, ${plural(schema.enums.length, 'enum')}, ${plural(native.length, 'native object')}${
      introspection.statsSince ? `; statistics since ${introspection.statsSince}` : ''
    }`,
  ];
  if (schema.tables.length) {
    const rows = schema.tables.map((t) => [
      qualified(t),
      t.stats?.rows === null || t.stats === undefined ? '?' : formatCount(t.stats.rows),
      t.stats ? formatBytes(t.stats.tableBytes) : '-',
      t.stats ? formatBytes(t.stats.indexBytes) : '-',
      tableFacts(t),
    ]);
    lines.push('', ...table(['table', 'rows', 'size', 'indexes', ''], rows));
  }
  if (schema.enums.length) lines.push('', 'Enums:', ...schema.enums.map((e) => `  ${e.name}: ${e.values.join(', ')}`));
  if (native.length)
    lines.push(
      '',
      'Native objects (kept with their SQL; the model cannot say them):',
      ...native.map((n) => `  ${n.kind} ${n.name}${n.table ? ` (on ${n.table})` : ''}`),
    );
  const notRun = (introspection.statements ?? []).filter((s) => s.how !== 'executed');
  if (introspection.statements) {
    const run = introspection.statements.length - notRun.length;
    lines.push(
      '',
      `Statements: ${introspection.statements.length} in the file, ${run} executed, ${notRun.filter((s) => s.how === 'parse-tree').length} read from the parse tree, ${notRun.filter((s) => s.how === 'skipped').length} skipped`,
    );
    for (const s of notRun) lines.push(`  line ${s.line}: ${s.summary}: ${s.how === 'parse-tree' ? 'parse tree' : 'skipped'}, ${s.reason ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function tableFacts(t: Table): string {
  const facts = [plural(t.columns.length, 'column')];
  if (!t.primaryKey.columns.length) facts.push('no primary key');
  if (t.foreignKeys.length) facts.push(plural(t.foreignKeys.length, 'reference'));
  if (t.indexes.length) facts.push(plural(t.indexes.length, 'index', 'indexes'));
  if (t.rowSecurity?.enabled) facts.push('row security on');
  const native = t.columns.filter((c) => c.type.kind === 'native');
  if (native.length) facts.push(`native types: ${native.map((c) => `${c.name} ${describeType(c.type)}`).join(', ')}`);
  return facts.join(', ');
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Columns padded to their widest cell; the numbers right-aligned. */
function table(header: string[], rows: string[][]): string[] {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) =>
    `  ${r
      .map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(i === r.length - 1 ? 0 : widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')}`.trimEnd(),
  );
}
