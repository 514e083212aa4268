import { formatCount } from '../format.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Dialect } from '../dialects/dialect.js';
import { defaultDialect } from '../dialects/registry.js';
import type { Engine } from '../engines/engine.js';
import type { Decision } from '../model/decision.js';
import type { Design } from '../model/design.js';
import type { LoadedSpec } from '../spec/load-spec.js';
import { runVerification, type VerifyOptions } from '../verify/run-verify.js';
import { runSweep } from '../verify/sweep.js';
import type { VerifyReport } from '../model/parts/verify-report.js';
import type { AdrNumbers } from '../writers/adr/adr-numbers.js';
import { renderArtifacts, type Artifact } from '../writers/artifacts.js';
import type { MeasuredPattern } from '../design/workload/plan-load.js';
import { designFromSpec, workloadOf } from './design.js';

export type VerifyResult =
  | {
      readonly ok: true;
      readonly design: Design;
      readonly report: VerifyReport;
      readonly artifacts: readonly Artifact[];
      readonly diagnostics: readonly Diagnostic[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/**
 * Designs the spec, then proves the design on the engine: DDL, seeded data, every access pattern
 * explained with and without the derived indexes. The engine's current schema must be empty.
 */
export async function verifySpec(
  loaded: LoadedSpec,
  loadDiagnostics: readonly Diagnostic[],
  engine: Engine,
  options: VerifyOptions & { readonly sweep?: boolean; readonly adrNumbers?: AdrNumbers; readonly dialect?: Dialect } = {},
): Promise<VerifyResult> {
  const dialect = options.dialect ?? defaultDialect();
  const designed = await designFromSpec(loaded, loadDiagnostics, { dialect });
  if (!designed.ok) return designed;
  const input = {
    schema: designed.design.schema,
    patterns: loaded.patterns,
    specPatterns: loaded.spec.accessPatterns,
    workload: workloadOf(loaded),
    dialect,
    engine,
  };
  const measured = await runVerification(input, options);
  const report = options.sweep
    ? {
        ...measured,
        sweep: await runSweep(input, loaded.spec, {
          ...(options.largestRows !== undefined ? { largestRows: options.largestRows } : {}),
          seed: options.seed ?? 1,
          runs: options.runs ?? 3,
          ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        }),
      }
    : measured;
  // Sizing now reads the measured times instead of the estimates: the design is planned again with them.
  const redesigned = await designFromSpec(loaded, loadDiagnostics, { dialect, measured: measuredTimes(report) });
  const base = redesigned.ok ? redesigned.design : designed.design;
  const decisions = base.decisions.map((d) => withVerifyEvidence(d, report));
  const design: Design = {
    ...base,
    decisions,
    // Verify ran the design's own dialect's scripts; other dialects' checks stay as design made them.
    ddl: designed.design.ddl.map((c) => (c.dialect === dialect.name ? { ...c, executedOn: report.engine } : c)),
    diagnostics: [...base.diagnostics, ...report.findings],
  };
  const ddlFiles = Object.fromEntries(designed.artifacts.filter((a) => a.path.startsWith('schema/')).map((a) => [a.path, a.content]));
  return { ok: true, design, report, artifacts: renderArtifacts(design, ddlFiles, report, options.adrNumbers), diagnostics: design.diagnostics };
}

/**
 * Each measured pattern's median: extrapolated to the horizon when the sweep ran, else at the seeded
 * scale (said so in its basis, since the horizon holds more rows).
 */
export function measuredTimes(report: VerifyReport): Map<string, MeasuredPattern> {
  const times = new Map<string, MeasuredPattern>();
  for (const p of report.patterns)
    times.set(p.name, {
      medianMs: p.medianMs,
      basis: `EXPLAIN ANALYZE on ${report.engine} at ${formatCount(report.seed.totalRows)} seeded rows (fewer than at the horizon; \`verify --sweep\` extrapolates)`,
    });
  for (const p of report.sweep?.patterns ?? [])
    times.set(p.name, {
      medianMs: Number(p.predictedMedianMs.toPrecision(3)),
      basis: `verify --sweep: ${p.model} fit of the medians measured at ${p.points.length} scales, extrapolated to the ${report.sweep!.horizon} horizon`,
    });
  return times;
}

/** Index decisions get what the plans showed; schema decisions get the DDL having run. */
function withVerifyEvidence(decision: Decision, report: VerifyReport): Decision {
  const scale = `${report.engine}, ${formatCount(report.seed.totalRows)} seeded rows`;
  if (['keys', 'tenancy', 'constraints'].includes(decision.area))
    return {
      ...decision,
      evidence: [
        ...decision.evidence,
        { tier: 'executed', source: `engine:${report.engine}`, detail: 'the DDL that carries this decision ran, and the seeded data satisfied it' },
      ],
    };
  if (decision.area !== 'indexes') return decision;
  const index = report.indexes.find((i) => decision.id === `indexes/${i.name}`);
  if (!index) return decision;
  const detail = index.usedBy.length
    ? index.usedBy
        .map((name) => {
          const p = report.patterns.find((x) => x.name === name)!;
          return `${name} used it: ${p.without.medianMs} ms → ${p.medianMs} ms median (${p.speedup}×)`;
        })
        .join('; ')
    : `no pattern's plan used it (${index.reason})`;
  return { ...decision, evidence: [...decision.evidence, { tier: 'executed', source: `engine:${scale}`, detail }] };
}
