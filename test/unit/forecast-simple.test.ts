/**
 * Accuracy measures, benchmark methods (naive, seasonal naive, mean, moving average, drift),
 * classical decomposition with the thetaf seasonality test, and the Theta method.
 *
 * Reference numbers: hand computations (in the comments), R forecast::thetaf output and an
 * independent numpy/scipy implementation (test/fixtures/forecast-reference.ts), and M3 figures
 * from ../shared/data (Makridakis & Hibon 2000; recomputed benchmark accuracy).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accuracyMeasures,
  forecastAccuracy,
  m3SeasonLength,
  maseScale,
  meanAbsoluteError,
  meanAbsolutePercentageError,
  meanAbsoluteScaledError,
  rootMeanSquaredError,
  symmetricMeanAbsolutePercentageError,
  type M3Category,
} from '../../core/forecast/accuracy.js';
import { autocorrelations, centredMovingAverage, classicalDecomposition, thetaSeasonalityTest } from '../../core/forecast/decompose.js';
import { driftForecast, meanForecast, movingAverageForecast, naiveForecast, seasonalNaiveForecast } from '../../core/forecast/simple.js';
import { brentMinimize, fitSimpleExponentialSmoothing, sesFilter, sesOptimalLevel0, thetaForecast } from '../../core/forecast/theta.js';
import type { ModelFit } from '../../core/forecast/types.js';
import { seededRandom } from '../../core/stats/random.js';
import { thetaPublishedR, thetaReference } from '../fixtures/forecast-reference.js';
import { allFinite, expectClose } from '../helpers.js';

const SHARED = join(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const haveShared = existsSync(join(SHARED, 'm3_monthly.json'));

interface M3File {
  horizon: number;
  series: { id: string; train: number[]; test: number[] }[];
}
const readShared = <T>(name: string): T => JSON.parse(readFileSync(join(SHARED, name), 'utf8')) as T;

describe('accuracy measures (Hyndman & Koehler 2006; M3 sMAPE)', () => {
  // Pairs used: (100, 110), (200, 180), (0, 0); (null, 5) and (50, NaN) are skipped.
  const actual = [100, 200, 0, null, 50];
  const forecast = [110, 180, 0, 5, Number.NaN];

  it('MAE, RMSE, sMAPE and MAPE against hand computations', () => {
    expect(meanAbsoluteError(actual, forecast)).toBe(10); // (10 + 20 + 0)/3
    expectClose(rootMeanSquaredError(actual, forecast), Math.sqrt(500 / 3), 1e-15); // √((100 + 400 + 0)/3)
    // (200·10/210 + 200·20/380 + 0)/3, the 0/0 term counting as 0
    expectClose(symmetricMeanAbsolutePercentageError(actual, forecast), (2000 / 210 + 4000 / 380) / 3, 1e-15);
    expect(meanAbsolutePercentageError(actual, forecast)).toBeNaN(); // an actual is 0: undefined
    expect(meanAbsolutePercentageError([100, 200], [110, 180])).toBe(10);
    expect(symmetricMeanAbsolutePercentageError([0, 0], [0, 0])).toBe(0);
    expect(symmetricMeanAbsolutePercentageError([0], [5])).toBe(200);
    expect(meanAbsoluteError([null], [1])).toBeNaN();
    expect(() => meanAbsoluteError([1, 2], [1])).toThrow(RangeError);
  });

  it('MASE scale is the mean absolute lag-m difference over present pairs', () => {
    const history = [1, 3, 2, 6, null, 7];
    expect(maseScale(history, 1)).toBe(7 / 3); // |3−1|, |2−3|, |6−2|
    expect(maseScale(history, 2)).toBe(5 / 3); // |2−1|, |6−3|, |7−6|
    expect(meanAbsoluteScaledError([5, 7], [6, 6], history, 1)).toBe(1 / (7 / 3));
    expect(maseScale([1, 2], 4)).toBeNaN();
    expect(meanAbsoluteScaledError([2], [3], [5, 5, 5], 1)).toBe(Number.POSITIVE_INFINITY);
    expect(m3SeasonLength('yearly')).toBe(1);
    expect(m3SeasonLength('quarterly')).toBe(4);
    expect(m3SeasonLength('monthly')).toBe(12);
    expect(m3SeasonLength('other')).toBe(1);
  });

  it('forecastAccuracy and the in-sample accuracyMeasures combine them', () => {
    const all = forecastAccuracy(actual, forecast, { insample: [1, 3, 2, 6], seasonLength: 1 });
    expect(all).toMatchObject({ count: 3, mae: 10, mase: 10 / (7 / 3) });
    const inSample = accuracyMeasures([1, 3, 2, 6], [Number.NaN, 1, 3, 2], 1);
    expect(inSample.count).toBe(3);
    expectClose(inSample.mase, 1, 1e-15); // MAE 7/3 over scale 7/3
  });

  describe.skipIf(!haveShared)('M3: naive forecasts reproduce the recomputed NAIVE2 figures where NAIVE2 = naive', () => {
    // For yearly and "other" data NAIVE2 (naive on seasonally adjusted data) is the plain naive method.
    const benchmark = haveShared
      ? readShared<{ recomputed_from_original_forecasts: { by_method: Record<string, Record<string, { sMAPE: number; MASE: number }>> } }>('m3_benchmark_accuracy.json')
      : undefined;
    for (const category of ['yearly', 'other'] as const satisfies readonly M3Category[]) {
      it(`${category}: sMAPE and MASE match NAIVE2 to the published decimals`, () => {
        const data = readShared<M3File>(`m3_${category}.json`);
        let smape = 0;
        let mase = 0;
        for (const series of data.series) {
          const fit = naiveForecast(series.train, { horizon: data.horizon });
          smape += symmetricMeanAbsolutePercentageError(series.test, fit.forecast);
          mase += meanAbsoluteScaledError(series.test, fit.forecast, series.train, m3SeasonLength(category));
        }
        const published = benchmark!.recomputed_from_original_forecasts.by_method.NAIVE2![category]!;
        expectClose(smape / data.series.length, published.sMAPE, 0, 0.005, 'sMAPE');
        expectClose(mase / data.series.length, published.MASE, 0, 0.0005, 'MASE');
      });
    }
  });
});

describe('benchmark methods (FPP §3.1, §3.5)', () => {
  it('naive: last value, σ² = mean squared difference, Var = σ²h', () => {
    const fit = naiveForecast([1, 2, 4], { horizon: 3 });
    expect(fit.forecast).toEqual([4, 4, 4]);
    expect(fit.fitted).toEqual([Number.NaN, 1, 2]);
    expect(fit.residuals).toEqual([Number.NaN, 1, 2]);
    expect(fit.sigma2).toBe(2.5); // (1² + 2²)/2
    expect(fit.forecastVariance).toEqual([2.5, 5, 7.5]);
    expect(fit.method).toBe('naive');
  });

  it('seasonal naive: Var = σ²(⌊(h − 1)/m⌋ + 1)', () => {
    const y = [10, 20, 30, 40, 12, 22, 31, 45];
    const fit = seasonalNaiveForecast(y, { horizon: 9, seasonLength: 4 });
    expect(fit.forecast).toEqual([12, 22, 31, 45, 12, 22, 31, 45, 12]);
    const sigma2 = (4 + 4 + 1 + 25) / 4; // differences 2, 2, 1, 5
    expect(fit.sigma2).toBe(sigma2);
    expect(fit.forecastVariance).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3].map((k) => sigma2 * k));
    expect(fit.fitted.slice(0, 4).every(Number.isNaN)).toBe(true);
    expect(fit.states.final.seasonal).toEqual([12, 22, 31, 45]);
  });

  it('seasonal naive and naive step back over missing values and count the extra steps', () => {
    const fit = seasonalNaiveForecast([1, 2, 3, null], { horizon: 2, seasonLength: 2 });
    expect(fit.forecast).toEqual([3, 2]); // position of period 5 ≡ 3 (observed), period 6 ≡ 4 (missing) → 2
    expect(fit.forecastVariance).toEqual([fit.sigma2, 2 * fit.sigma2]);
    const naive = naiveForecast([1, 3, null], { horizon: 1 });
    expect(naive.forecast).toEqual([3]);
    expect(naive.forecastVariance).toEqual([2 * 4]); // σ² = 4 from the single difference, two steps
  });

  it('moving average: mean of the last k, σ² from one-step residuals, Var = σ²(1 + 1/k)', () => {
    const y = [1, 2, 3, 4, 6];
    const fit = movingAverageForecast(y, { horizon: 2, window: 2 });
    expect(fit.forecast).toEqual([5, 5]);
    expect(fit.fitted).toEqual([Number.NaN, Number.NaN, 1.5, 2.5, 3.5]);
    const meanSquare = (1.5 ** 2 + 1.5 ** 2 + 2.5 ** 2) / 3;
    expectClose(fit.sigma2, meanSquare / 1.5, 1e-15);
    expectClose(fit.forecastVariance![0]!, meanSquare, 1e-15);
    // with a gap the window averages the observed values
    expect(movingAverageForecast([1, 2, null, 4], { horizon: 1, window: 2 }).forecast).toEqual([4]);
    expect(movingAverageForecast([1, 2], { horizon: 1, window: 5 }).forecast).toEqual([1.5]);
  });

  it('mean: sample variance and Var = σ²(1 + 1/T); fitted values are the one-step means', () => {
    const fit = meanForecast([1, 2, 3, 4], { horizon: 1 });
    expect(fit.forecast).toEqual([2.5]);
    expect(fit.sigma2).toBe(5 / 3);
    expectClose(fit.forecastVariance![0]!, (5 / 3) * 1.25, 1e-15);
    expect(fit.fitted).toEqual([Number.NaN, 1, 1.5, 2]);
  });

  it('drift: slope (y_n − y_1)/(n − 1), Var = σ²h(1 + h/(T − 1))', () => {
    const y = [1, 2, 4, 5, 8];
    const fit = driftForecast(y, { horizon: 3 });
    const b = (8 - 1) / 4;
    expect(fit.forecast).toEqual([8 + b, 8 + 2 * b, 8 + 3 * b]);
    const differences = [1, 2, 1, 3];
    const sigma2 = differences.reduce((s, d) => s + (d - b) ** 2, 0) / 3;
    expectClose(fit.sigma2, sigma2, 1e-15);
    fit.forecastVariance!.forEach((v, i) => expectClose(v, sigma2 * (i + 1) * (1 + (i + 1) / 4), 1e-14));
  });

  it('rejects bad arguments', () => {
    expect(() => naiveForecast([1], { horizon: 0 })).toThrow(RangeError);
    expect(() => seasonalNaiveForecast([1, 2], { horizon: 1, seasonLength: 3 })).toThrow(RangeError);
    expect(() => movingAverageForecast([1, 2], { horizon: 1, window: 0 })).toThrow(RangeError);
    expect(() => driftForecast([1], { horizon: 1 })).toThrow(RangeError);
  });
});

describe('classical decomposition and the thetaf seasonality test', () => {
  it('centred moving average of even and odd order', () => {
    expect(Array.from(centredMovingAverage(new Float64Array([1, 2, 3, 4, 5]), 2))).toEqual([Number.NaN, 2, 3, 4, Number.NaN]);
    expect(Array.from(centredMovingAverage(new Float64Array([1, 2, 3, 4, 5]), 3))).toEqual([Number.NaN, 2, 3, 4, Number.NaN]);
    // 2×4-MA: (½·1 + 2 + 3 + 4 + ½·5)/4
    expect(centredMovingAverage(new Float64Array([1, 2, 3, 4, 5]), 4)[2]).toBe(3);
  });

  it('additive decomposition by hand: trend 2.25, 2.75, 3.25, 3.75; indices ∓0.75', () => {
    const d = classicalDecomposition([1, 3, 2, 4, 3, 5], 2, 'additive');
    expect(Array.from(d.trend)).toEqual([Number.NaN, 2.25, 2.75, 3.25, 3.75, Number.NaN]);
    expect(Array.from(d.seasonalIndices)).toEqual([-0.75, 0.75]);
    expect(d.remainder[1]).toBe(0);
  });

  it('multiplicative indices average 1 and reproduce the reference decomposition', () => {
    for (const reference of thetaReference) {
      if (!('seasonalIndices' in reference)) continue;
      const d = classicalDecomposition(reference.y, reference.seasonLength, 'multiplicative');
      const mean = Array.from(d.seasonalIndices).reduce((a, b) => a + b, 0) / reference.seasonLength;
      expectClose(mean, 1, 1e-14);
      reference.seasonalIndices.forEach((s, i) => expectClose(d.seasonalIndices[i]!, s, 1e-12, 0, `${reference.name} index ${i}`));
    }
    expect(() => classicalDecomposition([1, 2, 3], 2, 'additive')).toThrow(RangeError);
  });

  it('autocorrelations as R acf; the test matches the reference statistics and decisions', () => {
    expect(Array.from(autocorrelations(new Float64Array([1, 2, 3, 4]), 1))).toEqual([0.25]);
    for (const reference of thetaReference) {
      const test = thetaSeasonalityTest(reference.y, reference.seasonLength);
      expect(test.seasonal, reference.name).toBe(reference.seasonal);
      if ('acfAtSeasonLag' in reference) {
        expectClose(test.autocorrelation, reference.acfAtSeasonLag, 1e-12);
        expectClose(test.standardError, reference.acfStandardError, 1e-12);
      }
    }
    expect(thetaSeasonalityTest(Array.from({ length: 48 }, (_, t) => 10 + (t % 4)), 4).seasonal).toBe(true);
    expect(thetaSeasonalityTest(new Array(48).fill(3), 4).seasonal).toBe(false); // constant
    expect(thetaSeasonalityTest(Array.from({ length: 8 }, (_, t) => t % 4), 4).seasonal).toBe(false); // n ≤ 2m
    expectClose(thetaSeasonalityTest([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 2).criticalValue, 1.6448536269514722, 1e-15);
  });
});

describe('simple exponential smoothing core', () => {
  it('sesFilter by hand and the closed-form optimal ℓ0', () => {
    expect(sesFilter(new Float64Array([1, 2, 3]), 0.5, 1)).toEqual({ level: 2.25, sse: 3.25 });
    const y = new Float64Array([5, 7, 6, 9, 8, 11, 10]);
    const level0 = sesOptimalLevel0(y, 0.3);
    const at = (l: number) => sesFilter(y, 0.3, l).sse;
    expect(at(level0)).toBeLessThanOrEqual(at(level0 + 1e-4));
    expect(at(level0)).toBeLessThanOrEqual(at(level0 - 1e-4));
    const fit = fitSimpleExponentialSmoothing(y);
    for (const alpha of [0.0001, 0.1, 0.3, 0.5, 0.7, 0.9, 0.9999]) expect(fit.sse).toBeLessThanOrEqual(sesFilter(y, alpha, sesOptimalLevel0(y, alpha)).sse * (1 + 1e-12));
  });

  it('brentMinimize finds an interior minimum', () => {
    expectClose(brentMinimize((x) => (x - 0.3) ** 2, 0, 1).x, 0.3, 0, 1e-8);
  });
});

describe('Theta method (forecast::thetaf)', () => {
  it(`reproduces R thetaf on the first 20 AirPassengers values (published ${thetaPublishedR.forecast.join(', ')})`, () => {
    const fit = thetaForecast(thetaPublishedR.y, { horizon: thetaPublishedR.horizon });
    fit.forecast.forEach((f, i) => expectClose(f, thetaPublishedR.forecast[i]!, 1e-9, 0, `h=${i + 1}`));
    expect(fit.parameters.alpha).toBe(0.9999);
  });

  for (const reference of thetaReference) {
    it(`matches the independent implementation: ${reference.name} (m = ${reference.seasonLength}, seasonal ${reference.seasonal})`, () => {
      const fit = thetaForecast(reference.y, { horizon: reference.horizon, seasonLength: reference.seasonLength });
      expect(fit.parameters.seasonal).toBe(reference.seasonal ? 1 : 0);
      expectClose(fit.parameters.alpha!, reference.alpha, 0, 1e-6, 'alpha');
      expectClose(fit.parameters.drift!, reference.drift, 1e-9, 1e-12, 'drift');
      expectClose(fit.sigma2, reference.sigma2, 1e-9, 0, 'sigma2');
      fit.forecast.forEach((f, i) => expectClose(f, reference.forecast[i]!, 1e-8, 0, `forecast h=${i + 1}`));
      // α is flat at the optimum (both fits reach the same MSE to ~1e-15 but α only to ~1e-8), and the variance grows with α²
      fit.forecastVariance!.forEach((v, i) => expectClose(v, reference.forecastVariance[i]!, 1e-7, 0, `variance h=${i + 1}`));
      fit.fitted.forEach((f, t) => expectClose(f, reference.fitted[t]!, 1e-7, 0, `fitted t=${t}`));
      expect(allFinite(fit)).toBe(true);
    });
  }

  it('handles constant and short series; rejects gaps', () => {
    const constant = thetaForecast(new Array(20).fill(950), { horizon: 8, seasonLength: 4 });
    constant.forecast.forEach((f) => expectClose(f, 950, 1e-12));
    expect(() => thetaForecast([1, 2], { horizon: 1 })).toThrow(RangeError);
    expect(() => thetaForecast([1, 2, null, 4], { horizon: 1 })).toThrow(RangeError);
    const forced = thetaForecast(thetaReference[1]!.y, { horizon: 1, seasonLength: 12, seasonal: false });
    expect(forced.parameters.seasonal).toBe(0);
    const fixed = thetaForecast([3, 5, 4, 6, 5, 7], { horizon: 2, alpha: 0.5, initialLevel: 3 });
    expect(fixed.parameters.alpha).toBe(0.5);
    expect(fixed.states.initial.level).toBe(3);
  });

  describe.skipIf(!haveShared)('M3 competition (Makridakis & Hibon 2000)', () => {
    // Published Theta monthly sMAPE: 13.85 (quoted in ../shared/data/m3_benchmark_accuracy.json), 13.89
    // recomputed there from the original submission. Ours (forecast::thetaf algorithm): 13.86.
    it('monthly sMAPE of our Theta is within 0.15 of the original Theta submission (13.89)', () => {
      const data = readShared<M3File>('m3_monthly.json');
      let smape = 0;
      for (const series of data.series) smape += symmetricMeanAbsolutePercentageError(series.test, thetaForecast(series.train, { horizon: data.horizon, seasonLength: 12 }).forecast);
      smape /= data.series.length;
      console.log(`M3 monthly Theta sMAPE: ours ${smape.toFixed(3)}, original submission 13.89 (published 13.85)`);
      expectClose(smape, 13.89, 0, 0.15);
    });
  });
});

const positiveSeries = (minLength: number, maxLength: number) => fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength, maxLength });

function allMethods(y: number[], horizon: number): ModelFit[] {
  return [
    naiveForecast(y, { horizon }),
    seasonalNaiveForecast(y, { horizon, seasonLength: 4 }),
    movingAverageForecast(y, { horizon, window: 3 }),
    meanForecast(y, { horizon }),
    driftForecast(y, { horizon }),
    thetaForecast(y, { horizon, seasonLength: 4 }),
  ];
}

describe('properties', () => {
  it('outputs are finite (fitted/residuals NaN only where undefined)', () => {
    fc.assert(
      fc.property(positiveSeries(12, 60), fc.integer({ min: 1, max: 12 }), (y, horizon) => {
        for (const fit of allMethods(y, horizon)) {
          expect(fit.forecast).toHaveLength(horizon);
          expect(allFinite({ forecast: fit.forecast, variance: fit.forecastVariance, parameters: fit.parameters, sigma2: fit.sigma2 }), fit.method).toBe(true);
          expect(fit.forecastVariance!.every((v) => v >= 0)).toBe(true);
          expect(fit.fitted).toHaveLength(y.length);
          fit.fitted.forEach((f, t) => {
            expect(Number.isNaN(f) || Number.isFinite(f)).toBe(true);
            expect(Number.isNaN(fit.residuals[t]!)).toBe(Number.isNaN(f));
          });
        }
      }),
      { numRuns: 150 },
    );
  });

  it('a constant series forecasts itself with zero variance', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 12, max: 40 }), (level, n) => {
        for (const fit of allMethods(new Array(n).fill(level), 6)) {
          fit.forecast.forEach((f) => expectClose(f, level, 1e-12, 1e-9, fit.method));
          fit.forecastVariance!.forEach((v) => expectClose(v, 0, 0, 1e-12 * (1 + level * level), fit.method));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('scaling y by c scales forecasts by c and variances by c²', () => {
    fc.assert(
      fc.property(positiveSeries(12, 50), fc.double({ min: 0.01, max: 100, noNaN: true }), (y, c) => {
        const base = allMethods(y, 5);
        const scaled = allMethods(
          y.map((v) => v * c),
          5,
        );
        // Theta's α is located to ~1e-8 only (the MSE is flat at its optimum, and Brent's method
        // resolves a minimum to √ε), so compare on the scale of the data, not of the forecast.
        const scale = c * Math.max(...y);
        base.forEach((fit, i) => {
          const other = scaled[i]!;
          fit.forecast.forEach((f, h) => expectClose(other.forecast[h]!, c * f, 1e-6, 1e-6 * scale, `${fit.method} forecast`));
          fit.forecastVariance!.forEach((v, h) => expectClose(other.forecastVariance![h]!, c * c * v, 1e-5, 1e-6 * scale * scale, `${fit.method} variance`));
        });
      }),
      { numRuns: 100 },
    );
  });
});

/** 1,000 synthetic series of 104 periods (level, trend, season of 12 and noise; seeded). */
function syntheticSeries(count: number, length: number, seed: number): number[][] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    const level = 50 + 500 * random();
    const trend = (random() - 0.5) * 2;
    const amplitude = 0.3 * random();
    return Array.from({ length }, (_, t) => Math.max(0, (level + trend * t) * (1 + amplitude * Math.sin((2 * Math.PI * t) / 12)) + level * 0.1 * (random() - 0.5)));
  });
}

