import { randomBytes } from 'node:crypto';
import type { Dialect } from '../dialects/dialect.js';
import type { Engine } from '../engines/engine.js';
import type { Schema } from '../model/schema.js';
import { RATE_UNITS } from '../spec/quantities.js';
import type { Spec } from '../model/spec.js';
import { rowsAtMonth } from '../design/capacity/projection.js';
import { fitGrowth, predict, type GrowthModel } from './fit-growth.js';
import { measurePattern, type Measurement } from './measure-pattern.js';
import { parameterTargets } from './parameter-targets.js';
import { patternFailure } from './pattern-failure.js';
import type { VerifyInput, VerifyProgress } from './run-verify.js';
import { sampleParameters } from './sample-parameters.js';
import type { VerifyReport } from '../model/parts/verify-report.js';
import { TENANT_COLUMN } from '../model/naming.js';

export type SweepReport = NonNullable<VerifyReport['sweep']>;
export type SweepPattern = SweepReport['patterns'][number];

const DEFAULT_FRACTIONS = [0.25, 0.5, 1] as const;

/**
 * Measures every pattern (with the design's indexes) at several scales, fits how its latency grows
 * and extrapolates to the spec's volume at the planning horizon. For a pattern that filters by
 * tenant, rows are counted per tenant: at full volume there are more tenants, not bigger ones.
 * A pattern the engine will not run at some scale is left out (the main run reports it).
 */
export async function runSweep(
  input: VerifyInput,
  spec: Spec,
  options: { largestRows?: number; seed?: number; runs?: number; onProgress?: (e: VerifyProgress) => void } = {},
): Promise<SweepReport> {
  const { engine, dialect, schema } = input;
  const largest = options.largestRows ?? 200_000;
  const scales: { largestRows: number; totalRows: number; tenants?: number }[] = [];
  const samples = new Map<string, { x: number; medianMs: number; maxMs: number }[]>();
  const labels = new Map<string, string>();
  const failed = new Set<string>();

  for (const fraction of DEFAULT_FRACTIONS) {
    const largestRows = Math.max(1000, Math.round(largest * fraction));
    await inTemporarySchema(engine, dialect, async () => {
      await engine.exec(dialect.emitDdl(schema, { comments: false }));
      const seeded = await dialect.seed(engine, schema, { seed: options.seed ?? 1, largestRows });
      await engine.exec(dialect.catalog.settleStatement);
      const rows = new Map(seeded.tables.map((t) => [t.table, t.rows]));
      const tenants = seeded.plan.tenants?.count;
      scales.push({ largestRows, totalRows: seeded.totalRows, ...(tenants !== undefined ? { tenants } : {}) });
      for (const [i, pattern] of input.patterns.entries()) {
        options.onProgress?.({
          phase: 'explain',
          withIndexes: true,
          pattern: `${pattern.name} at ${largestRows} rows`,
          index: i + 1,
          total: input.patterns.length,
        });
        if (failed.has(pattern.name)) continue;
        const shape = input.workload.find((w) => w.name === pattern.name)!.shape;
        const targets = parameterTargets(shape, pattern.statement, pattern.params.length, schema);
        let m: Measurement;
        try {
          const sets = await sampleParameters(
            engine,
            schema,
            shape,
            targets,
            3,
            dialect.sampling,
            input.workload.find((w) => w.name === pattern.name)!.windowSeconds,
          );
          m = await measurePattern(engine, dialect, pattern.sql, sets, options.runs ?? 3, shape.kind !== 'select');
        } catch (error) {
          if (!patternFailure(pattern.name, error, 'in the sweep')) throw error;
          failed.add(pattern.name);
          continue;
        }
        const axis = patternAxis(schema, shape, (t) => rows.get(t) ?? 0, tenants);
        labels.set(pattern.name, axis.label);
        samples.set(pattern.name, [...(samples.get(pattern.name) ?? []), { x: axis.x, medianMs: m.medianMs, maxMs: m.maxMs }]);
      }
    });
  }

  const horizonMonths = spec.requirements.horizon.seconds / RATE_UNITS.month;
  const tenantsAtHorizon = atHorizon(schema, 'tenant', horizonMonths) || spec.requirements.tenants;
  const patterns = input.patterns
    .filter((pattern) => !failed.has(pattern.name))
    .map((pattern): SweepPattern => {
      const points = samples.get(pattern.name) ?? [];
      const shape = input.workload.find((w) => w.name === pattern.name)!.shape;
      const singleRowWrite = shape.kind === 'insert' && shape.source === 'values';
      const fit = fitGrowth(
        points.map((p) => ({ x: p.x, ms: p.medianMs })),
        singleRowWrite ? ['constant', 'logarithmic'] : undefined,
      );
      const xAtHorizon = patternAxis(schema, shape, (t) => atHorizon(schema, t, horizonMonths), tenantsAtHorizon).x;
      const last = points.at(-1);
      const tail = last && last.medianMs > 0 ? Math.min(10, Math.max(1, last.maxMs / last.medianMs)) : 1;
      const predictedMedianMs = round(predict(fit, xAtHorizon));
      const target = input.specPatterns.find((p) => p.name === pattern.name)?.p99;
      const predictedP99Ms = round(predictedMedianMs * tail);
      return {
        name: pattern.name,
        xLabel: labels.get(pattern.name) ?? 'rows',
        points,
        model: fit.model,
        a: round(fit.a, 6),
        b: round(fit.b, 9),
        rmseMs: round(fit.rmse),
        xAtHorizon: Math.round(xAtHorizon),
        predictedMedianMs,
        predictedP99Ms,
        ...(target ? { p99TargetMs: target.seconds * 1000, holds: predictedP99Ms <= target.seconds * 1000 } : {}),
      };
    });
  return { scales, horizon: spec.requirements.horizon.text, patterns };
}

/** The size that drives a pattern's cost: its largest table's rows, per tenant when it filters by tenant. */
function patternAxis(
  schema: Schema,
  shape: VerifyInput['workload'][number]['shape'],
  rowsOf: (table: string) => number,
  tenants: number | undefined,
): { x: number; label: string } {
  const tables = [...new Set([...shape.tables.map((t) => t.table), ...('writesTable' in shape ? [shape.writesTable] : [])])].filter((t) =>
    schema.tables.some((x) => x.name === t),
  );
  const biggest = tables.sort((a, b) => rowsOf(b) - rowsOf(a))[0];
  if (!biggest) return { x: 1, label: 'rows' };
  const table = schema.tables.find((t) => t.name === biggest)!;
  const byTenant = table.tenantScoped && tenants && shape.predicates.some((p) => p.column === TENANT_COLUMN && p.op === 'eq' && p.value.kind === 'param');
  return byTenant ? { x: rowsOf(biggest) / tenants, label: `rows of ${biggest} per tenant` } : { x: rowsOf(biggest), label: `rows of ${biggest}` };
}

/** A table's rows at the horizon, by the capacity model's projection (growth held by retention). */
function atHorizon(schema: Schema, tableName: string, months: number): number {
  const volume = schema.tables.find((t) => t.name === tableName)?.volume;
  return volume ? rowsAtMonth(volume, months) : 0;
}

async function inTemporarySchema(engine: Engine, dialect: Dialect, work: () => Promise<void>): Promise<void> {
  const leave = await dialect.session.enterNewSchema(engine, `dbarchitect_sweep_${randomBytes(5).toString('hex')}`);
  try {
    await work();
  } finally {
    await leave();
  }
}

const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;
