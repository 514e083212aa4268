import { formatCount } from '../../format.js';
import type { VerifyReport } from '../../model/parts/verify-report.js';

const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** The report's "Verification" section: what the engine did with the design, pattern by pattern. */
export function renderVerificationSection(report: VerifyReport): string[] {
  const out = ['## Verification', ''];
  out.push(
    `Run on ${report.engine} with ${formatCount(report.seed.totalRows)} seeded rows (seed ${report.seed.seed}; spec volumes × ${report.seed.factor.toPrecision(3)}). Each access pattern ran under EXPLAIN ANALYZE ${report.runs} times for each of ${report.parameterSets} parameter sets drawn from the data, first without the design's secondary indexes, then with them. Times are the engine's own execution times, medians.`,
    '',
  );
  out.push('| pattern | plan with indexes | indexes used | median ms | without indexes | speedup | p99 target |', '|---|---|---|---|---|---|---|');
  for (const p of report.patterns) {
    const target = p.p99TargetMs === undefined ? '' : `${p.p99TargetMs} ms${p.exceedsP99 ? ' **exceeded**' : ''}`;
    const plan = p.nodeTypes.join(' → ') + (p.seqScans.length ? ` (seq scan of ${p.seqScans.map((s) => s.table).join(', ')})` : '');
    out.push(
      `| ${p.name} | ${plan} | ${p.indexesUsed.join(', ') || 'none'} | ${ms(p.medianMs)} | ${ms(p.without.medianMs)}${p.without.seqScans.length ? ` (seq scan of ${p.without.seqScans.map((s) => s.table).join(', ')})` : ''} | ${p.speedup}× | ${target} |`,
    );
  }
  out.push('', '| table | seeded rows | pages | spec rows | basis |', '|---|---|---|---|---|');
  for (const t of report.seed.tables)
    out.push(`| ${t.table} | ${formatCount(t.rows)} | ${t.pages} | ${t.specRows === undefined ? '' : formatCount(t.specRows)} | ${t.basis} |`);
  out.push('');
  out.push(
    `Capacity model against the engine (${report.capacity.basis}): total ${formatCount(report.capacity.total.estimatedBytes)} bytes estimated, ${formatCount(report.capacity.total.measuredBytes)} measured (${report.capacity.total.errorPct > 0 ? '+' : ''}${report.capacity.total.errorPct.toFixed(1)}%); per table ${report.capacity.tables.map((t) => `${t.table} ${t.errorPct > 0 ? '+' : ''}${t.errorPct.toFixed(1)}%`).join(', ')}.`,
    '',
  );
  if (report.sweep) out.push(...renderSweep(report.sweep));
  if (report.findings.length) {
    out.push('Findings:', '');
    for (const f of report.findings) out.push(`- \`${f.code}\`: ${f.message}${f.fix ? ` (${f.fix})` : ''}`);
    out.push('');
  }
  return out;
}

function renderSweep(sweep: NonNullable<VerifyReport['sweep']>): string[] {
  const out = ['### Growth to the horizon', ''];
  out.push(
    `Each pattern was measured at ${sweep.scales.map((s) => `${formatCount(s.totalRows)} rows`).join(', ')}; its median latency was fitted as constant, logarithmic or linear in the size that drives it (the simplest model within 10% of the best fit wins), and extrapolated to the spec's volume in ${sweep.horizon} (growth added, retention applied). The p99 estimate is the predicted median times the tail (slowest ÷ median) measured at the largest scale.`,
    '',
  );
  out.push(
    '| pattern | model | fit (ms) | measured at | at the horizon | predicted median | predicted p99 | target | verdict |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const p of sweep.patterns) {
    const f = p.model === 'constant' ? `${p.a}` : p.model === 'logarithmic' ? `${p.a} + ${p.b}·ln(x)` : `${p.a} + ${p.b}·x`;
    const verdict = p.holds === undefined ? '' : p.holds ? 'holds' : '**misses**';
    out.push(
      `| ${p.name} | ${p.model} | ${f} | ${p.points.map((x) => formatCount(Math.round(x.x))).join(', ')} ${p.xLabel} | ${formatCount(p.xAtHorizon)} | ${ms(p.predictedMedianMs)} | ${ms(p.predictedP99Ms)} | ${p.p99TargetMs ?? ''} | ${verdict} |`,
    );
  }
  out.push(
    '',
    'Limits: three scales span about one order of magnitude, and the horizon can be several more; the planner may change plans at full volume (which the fit cannot foresee); at small scale the data sits in memory, while at full volume reads may go to disk; the embedded engine is a single process without parallel workers. Treat a verdict near its target as unknown, and confirm on a server with `--db` at a larger `--rows`.',
    '',
  );
  return out;
}
