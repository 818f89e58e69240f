import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf, normalLoss, normalLossInverse, normalPdf, normalQuantile, normalSurvival } from '../../core/stats/normal.js';
import { poissonCdf, poissonLoss, poissonPmf, poissonQuantile, poissonSurvival } from '../../core/stats/poisson.js';
import { lognormalDemand } from '../../core/stock/demand.js';
import { lognormalReference, poissonReference } from '../fixtures/discrete-reference.js';
import { normalReference } from '../fixtures/normal-reference.js';
import { expectClose } from '../helpers.js';

// Reference values: mpmath at 50+ digits, cross-checked with scipy.stats (see test/fixtures/README.md).
// The issue asks for 1e-9; we hold the normal functions to 1e-12 relative (absolute 1e-300 for
// subnormal tails) and Poisson/lognormal to 1e-9.
const REL = 1e-12;

describe('standard normal against mpmath / scipy', () => {
  it.each(normalReference.pdfCdf)('pdf, cdf and survival at x = $x', (row) => {
    expectClose(normalPdf(row.x), row.pdf, REL, 1e-300, 'pdf');
    expectClose(normalCdf(row.x), row.cdf, REL, 1e-300, 'cdf');
    expectClose(normalSurvival(row.x), row.sf, REL, 1e-300, 'sf');
  });
  it.each(normalReference.quantile)('quantile at p = $p', ({ p, z }) => {
    expectClose(normalQuantile(p), z, REL, 1e-15);
  });
  it.each(normalReference.loss)('loss function G($z)', ({ z, loss }) => {
    expectClose(normalLoss(z), loss, 1e-11, 1e-300);
  });
  it('inverts the loss function', () => {
    for (const { z, loss } of normalReference.loss) if (loss > 1e-15) expectClose(normalLossInverse(loss), z, 1e-9, 1e-9, `G⁻¹(${loss})`);
  });
  it('handles the edges of the quantile domain', () => {
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe('Poisson against mpmath / scipy', () => {
  const points = poissonReference.filter((r) => r.kind === 'point');
  const quantiles = poissonReference.filter((r) => r.kind === 'quantile');
  it.each(points)('mean $mean, k = $k', (row) => {
    expectClose(poissonPmf(row.k, row.mean), row.pmf, 1e-9, 1e-300, 'pmf');
    expectClose(poissonCdf(row.k, row.mean), row.cdf, 1e-9, 1e-300, 'cdf');
    expectClose(poissonSurvival(row.k, row.mean), row.sf, 1e-9, 1e-300, 'sf');
    expectClose(poissonLoss(row.k, row.mean), row.expectedShortage, 1e-9, 1e-13, 'loss');
  });
  it.each(quantiles)('quantile mean $mean, p = $p', (row) => {
    expect(poissonQuantile(row.p, row.mean)).toBe(row.quantile);
  });
});

describe('lognormal demand against mpmath and numerical integration', () => {
  it.each(lognormalReference)('mean $mean, sd $stdDev', (ref) => {
    const d = lognormalDemand(ref.mean, ref.stdDev);
    for (const q of ref.quantiles) expectClose(d.quantile(q.p), q.quantile, 1e-11, 0, `quantile ${q.p}`);
    for (const s of ref.expectedShortage) {
      expectClose(d.loss(s.q), s.expectedShortage, 1e-10, 1e-12, `loss at ${s.q}`);
      expectClose(d.cdf(s.q), s.cdf, 1e-11, 0, `cdf at ${s.q}`);
    }
  });
});

describe('properties', () => {
  const z = fc.double({ min: -30, max: 30, noNaN: true });
  it('cdf + survival = 1 and the cdf is non-decreasing', () => {
    fc.assert(
      fc.property(z, z, (a, b) => {
        expect(Math.abs(normalCdf(a) + normalSurvival(a) - 1)).toBeLessThan(1e-15);
        if (a <= b) expect(normalCdf(a)).toBeLessThanOrEqual(normalCdf(b));
      }),
    );
  });
  it('quantile inverts the cdf', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expectClose(normalCdf(normalQuantile(p)), p, 1e-12, 1e-300);
      }),
    );
  });
  it('the loss function is positive, decreasing and G(z) − G(−z) = −z', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), fc.double({ min: 0, max: 4, noNaN: true }), (a, step) => {
        expect(normalLoss(a)).toBeGreaterThan(0);
        expect(normalLoss(a + step)).toBeLessThanOrEqual(normalLoss(a));
        expectClose(normalLoss(a) - normalLoss(-a), -a, 1e-12, 1e-12);
      }),
    );
  });
  it('Poisson mass adds up to the distribution function', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 200, noNaN: true }), fc.integer({ min: 0, max: 400 }), (mean, k) => {
        let sum = 0;
        for (let i = 0; i <= k; i++) sum += poissonPmf(i, mean);
        expectClose(poissonCdf(k, mean), sum, 1e-11, 1e-15);
        expectClose(poissonCdf(k, mean) + poissonSurvival(k, mean), 1, 1e-14);
      }),
    );
  });
});
