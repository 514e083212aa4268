import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fitGrowth, predict } from './fit-growth.js';

describe('latency growth fits', () => {
  it('a scan grows linearly and extrapolates linearly', () => {
    const fit = fitGrowth([
      { x: 50_000, ms: 5.1 },
      { x: 100_000, ms: 10 },
      { x: 200_000, ms: 20.2 },
    ]);
    assert.equal(fit.model, 'linear');
    assert.ok(Math.abs(predict(fit, 2_000_000) - 200) < 5, String(predict(fit, 2_000_000)));
  });

  it('an index lookup with noise stays flat', () => {
    const fit = fitGrowth([
      { x: 50_000, ms: 0.031 },
      { x: 100_000, ms: 0.029 },
      { x: 200_000, ms: 0.033 },
    ]);
    assert.equal(fit.model, 'constant');
    assert.ok(Math.abs(predict(fit, 1e9) - 0.031) < 0.001);
  });

  it('a deepening B-tree grows with the logarithm', () => {
    const points = [1e4, 1e5, 1e6].map((x) => ({ x, ms: 0.02 + 0.01 * Math.log(x) }));
    const fit = fitGrowth(points);
    assert.equal(fit.model, 'logarithmic');
    assert.ok(Math.abs(predict(fit, 1e8) - (0.02 + 0.01 * Math.log(1e8))) < 1e-9);
  });

  it('can be limited to the models a pattern can follow', () => {
    const fit = fitGrowth(
      [
        { x: 1e4, ms: 0.08 },
        { x: 2e4, ms: 0.09 },
        { x: 4e4, ms: 0.11 },
      ],
      ['constant', 'logarithmic'],
    );
    assert.notEqual(fit.model, 'linear');
  });

  it('never predicts a negative latency and never picks a falling line', () => {
    const fit = fitGrowth([
      { x: 10, ms: 3 },
      { x: 20, ms: 2 },
      { x: 40, ms: 1 },
    ]);
    assert.equal(fit.model, 'constant');
    assert.ok(predict(fit, 1e6) >= 0);
  });
});
