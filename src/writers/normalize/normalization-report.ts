import type { TableNormalization } from '../../existing/normalize/normalize-table.js';
import { formatCount } from '../../format.js';
import type { Schema } from '../../model/schema.js';
import { decompositionFragment } from '../spec/decomposition-fragment.js';

/**
 * The report section on normalization from the data (Markdown): per table the evidence (sample
 * size, whether it is the whole table), the normal forms broken with the dependencies that break
 * them, what was set aside and why, and the decomposition as a spec change.
 */
export function renderNormalizationReport(schema: Schema, results: readonly TableNormalization[]): string {
  const out: string[] = ['## Normalization from the data', ''];
  const first = results[0]?.dependencies;
  if (!first) return [...out, 'No table was sampled.', ''].join('\n');
  const rate = first.maxViolationRate;
  out.push(
    `Functional dependencies found with TANE (Huhtala et al., 1999) on a bounded sample of each table: left-hand sides of at most ${first.maxLhs} columns, ${
      rate > 0 ? `approximate ones with at most ${(rate * 100).toFixed(1)}% of the sampled rows breaking them` : 'exact dependencies only'
    }. Declared keys alone cannot see a denormalized table; the rows can, as far as the sample reaches.`,
    '',
  );
  for (const result of results) out.push(...tableSection(schema, result));
  return out.join('\n');
}

function tableSection(schema: Schema, result: TableNormalization): string[] {
  const { dependencies: d, analysis, decomposition } = result;
  const out: string[] = [`### ${result.table}`, ''];
  const whole = d.sampleIsWholeTable
    ? `all ${formatCount(d.sampleRows)} rows of the table: what holds here held on the whole table when it was read`
    : `${formatCount(d.sampleRows)} sampled rows${d.tableRows !== null ? ` of about ${formatCount(d.tableRows)}` : ''}: every dependency below holds on the sample only, and rows outside it may break it`;
  out.push(
    `Evidence: ${whole}.${d.searchedLhs !== undefined ? ` The search stopped early (too many column combinations for its bounds): determinants of more than ${d.searchedLhs} column${d.searchedLhs === 1 ? '' : 's'} were not searched.` : ''}`,
    '',
  );
  if (analysis.findings.length === 0) out.push('No normal-form violation on the sample.', '');
  else {
    out.push('| breaks | determinant | determines | also unique | rows breaking it | why |', '|---|---|---|---|---|---|');
    for (const f of analysis.findings)
      out.push(
        `| ${f.normalForm} | ${f.determinant.join(', ')} | ${f.dependents.join(', ')} | ${f.equivalents.join(', ') || '–'} | ${formatCount(f.violations)} of ${formatCount(f.sampleRows)} | ${escape(f.reason)} |`,
      );
    out.push('');
  }
  if (d.constantColumns.length) out.push(`Constant on the sample (one value in every row, not counted as dependencies): ${d.constantColumns.join(', ')}.`, '');
  if (d.nullColumns.length) out.push(`NULL in every sampled row: ${d.nullColumns.join(', ')}.`, '');
  if (analysis.sampleKeys.length)
    out.push(
      `Unique on the sample but not declared unique (candidate keys, or too few rows to tell): ${analysis.sampleKeys.map((k) => `(${k.join(', ')})`).join(', ')}.`,
      '',
    );
  const reasons = new Map<string, number>();
  for (const i of analysis.ignored) reasons.set(i.why, (reasons.get(i.why) ?? 0) + 1);
  if (reasons.size)
    out.push(
      `Set aside: ${[...reasons]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([why, n]) =>
            `${n} from ${why === 'constant' ? 'constant columns' : why === 'surrogate id' ? 'surrogate ids' : why === 'unique on the sample' ? 'columns unique on the sample' : 'declared keys and unique columns'}`,
        )
        .join(', ')}.`,
      '',
    );
  if (decomposition) {
    const names = [result.table, ...decomposition.entities.map((e) => e.name)];
    out.push(
      `Decomposition: ${decomposition.entities
        .map(
          (e) =>
            `\`${e.name}\` keyed by (${e.key.join(', ')}) takes ${[...e.columns, ...e.unique.filter((c) => !e.columns.includes(c))].join(', ') || 'only its key'}, referenced from \`${e.referencedFrom}\``,
        )
        .join('; ')}. As a spec change, in place of \`${result.table}\` under \`entities:\`:`,
      '',
      '```yaml',
      decompositionFragment(schema, decomposition.schema, names).trimEnd(),
      '```',
      '',
    );
  }
  return out;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|');
}
