/**
 * How a pattern's latency grows with rows, fitted from a few measured scales: flat for an index
 * lookup, logarithmic for a B-tree descent that deepens, linear for a scan. Ordinary least squares
 * on each model; the simplest model whose error is within 10% of the best wins, so two noisy
 * points do not turn a flat lookup into a steep line.
 */
export type GrowthModel = 'constant' | 'logarithmic' | 'linear';

export interface GrowthFit {
  readonly model: GrowthModel;
  /** latency(x) = a + b·f(x), f = 0, ln x or x. */
  readonly a: number;
  readonly b: number;
  /** Root-mean-square error of the fit, in ms. */
  readonly rmse: number;
}

export interface Point {
  readonly x: number;
  readonly ms: number;
}

const TRANSFORMS: Record<GrowthModel, (x: number) => number> = {
  constant: () => 0,
  logarithmic: (x) => Math.log(Math.max(1, x)),
  linear: (x) => x,
};

/** `models` limits the candidates: a single-row write maintains B-trees, which grow logarithmically at worst. */
export function fitGrowth(points: readonly Point[], models: readonly GrowthModel[] = ['constant', 'logarithmic', 'linear']): GrowthFit {
  if (points.length === 0) return { model: 'constant', a: 0, b: 0, rmse: 0 };
  const fits = models.map((model) => leastSquares(points, model));
  const best = Math.min(...fits.map((f) => f.rmse));
  // Models are in order of simplicity; a slope that does not pay for itself is noise.
  const tolerance = Math.max(best * 1.1, best + 0.002);
  return fits.find((f) => f.rmse <= tolerance && (f.model === 'constant' || f.b > 0)) ?? fits[0]!;
}

export function predict(fit: GrowthFit, x: number): number {
  return Math.max(0, fit.a + fit.b * TRANSFORMS[fit.model](x));
}

function leastSquares(points: readonly Point[], model: GrowthModel): GrowthFit {
  const f = TRANSFORMS[model];
  const n = points.length;
  const xs = points.map((p) => f(p.x));
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.ms, 0) / n;
  const sxx = xs.reduce((s, x) => s + (x - meanX) ** 2, 0);
  const sxy = xs.reduce((s, x, i) => s + (x - meanX) * (points[i]!.ms - meanY), 0);
  const b = model === 'constant' || sxx === 0 ? 0 : sxy / sxx;
  const a = meanY - b * meanX;
  const rmse = Math.sqrt(points.reduce((s, p, i) => s + (a + b * xs[i]! - p.ms) ** 2, 0) / n);
  return { model, a, b, rmse };
}
