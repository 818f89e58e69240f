import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mstl, stl, stlEtsForecast, stlEtsPointForecasts, type StlOptions } from '../../core/forecast/stl.js';
import { normalQuantile } from '../../core/stats/normal.js';
import { seededRandom } from '../../core/stats/random.js';
import { mstlReference, stlfReference, stlReference, stlSeries } from '../fixtures/stl-examples.js';
import { allFinite, expectClose } from '../helpers.js';

// Every R number comes from test/fixtures/stl-examples.ts (Rscript scripts/reference/stl_examples.R,
// R 4.2.2, forecast 8.20); each case carries the R call that produced it.

const runs = (n: number): number => Number(process.env.FC_RUNS ?? n);
const series = (name: keyof typeof stlSeries): number[] => [...stlSeries[name]];

/** Components agree with R's to 1e-10 of the series' scale (R prints 17 digits; ours differ in the last few bits). */
function expectComponents(actual: ArrayLike<number>, expected: readonly number[], indices: readonly number[], scale: number, label: string): void {
  indices.forEach((index, i) => expectClose(actual[index - 1]!, expected[i]!, 0, 1e-10 * scale, `${label}[${index}]`));
}

describe('stl against R stats::stl', () => {
  for (const reference of stlReference) {
    it(`reproduces ${reference.call}`, () => {
      const y = series(reference.series);
      const fit = stl(y, reference.period, reference.options as StlOptions);
      expect([fit.settings.sWindow, fit.settings.tWindow, fit.settings.lWindow]).toEqual([...reference.windows]);
      expect([fit.settings.sJump, fit.settings.tJump, fit.settings.lJump]).toEqual([...reference.jumps]);
      const scale = Math.max(...y.map(Math.abs));
      expectComponents(fit.seasonal, reference.seasonal, reference.indices, scale, 'seasonal');
      expectComponents(fit.trend, reference.trend, reference.indices, scale, 'trend');
      expectComponents(fit.remainder, reference.remainder, reference.indices, scale, 'remainder');
      expectComponents(fit.weights, reference.weights, reference.indices, 1e2, 'weights');
    });
  }

  it('uses R defaults: s.window 7 → t.window 23, l.window 13, jumps ⌈window/10⌉ for monthly data', () => {
    const s = stl(series('nottem'), 12).settings;
    expect(s).toMatchObject({ sWindow: 7, sDegree: 0, tWindow: 23, tDegree: 1, lWindow: 13, lDegree: 1, sJump: 1, tJump: 3, lJump: 2, inner: 2, outer: 0 });
    expect(stl(series('nottem'), 12, { robust: true }).settings).toMatchObject({ inner: 1, outer: 15 });
  });

  it('takes the integer part of a non-integer period for the cycle-subseries and the real period for the default windows', () => {
    const y = series('weekly').slice(0, 110);
    const s = stl(y, 52.18, { sWindow: 11 }).settings;
    // t.window = nextodd(ceiling(1.5·52.18/(1 − 1.5/11))) = nextodd(91) = 91, l.window = nextodd(52.18) = 53.
    expect(s).toMatchObject({ cycleLength: 52, tWindow: 91, lWindow: 53 });
  });

  it('refuses histories shorter than two cycles, missing values and periods below 2', () => {
    expect(() => stl(series('weekly').slice(0, 103), 52)).toThrow(/two full cycles \(104 observations\), got 103/);
    expect(() => stl(series('weekly').slice(0, 104), 52)).not.toThrow();
    expect(() => stl([1, 2, Number.NaN, 4, 5, 6], 2)).toThrow(/y\[2\] is missing/);
    expect(() => stl([1, 2, 3, 4], 1.5)).toThrow(RangeError);
    expect(() => stl(series('nottem'), 12, { sDegree: 2 as 0 })).toThrow(/sDegree must be 0 or 1/);
  });
});

describe('mstl against R forecast::mstl', () => {
  for (const [name, reference] of Object.entries(mstlReference)) {
    it(`reproduces ${reference.call}`, () => {
      const y = series(name as 'weekly' | 'daily');
      const fit = mstl(y, [...reference.periods].reverse());
      expect(fit.periods).toEqual([...reference.periods]);
      const scale = Math.max(...y.map(Math.abs));
      reference.seasonals.forEach((expected, i) => expectComponents(fit.seasonals[i]!, expected, reference.indices, scale, `seasonal ${reference.periods[i]}`));
      expectComponents(fit.trend, reference.trend, reference.indices, scale, 'trend');
      expectComponents(fit.remainder, reference.remainder, reference.indices, scale, 'remainder');
      for (let t = 0; t < y.length; t++) expectClose(fit.seasonallyAdjusted[t]! + fit.seasonals.reduce((s, c) => s + c[t]!, 0), y[t]!, 1e-12, 1e-12, `y[${t}]`);
    });
  }

  it('uses R mstl windows 7 + 4i per period in increasing order', () => {
    const fit = mstl(series('daily'), [365.25, 7]);
    expect(fit.settings.map((s) => s.sWindow)).toEqual([11, 15]);
    expect(fit.settings.map((s) => s.cycleLength)).toEqual([7, 365]);
  });

  it('names the period that is too long for the history', () => {
    expect(() => mstl(series('daily').slice(0, 700), [7, 365.25])).toThrow(/seasonal period 365.25 needs at least two full cycles \(730 observations\), the history has 700/);
    expect(() => mstl(series('daily'), [])).toThrow(/at least one seasonal period/);
  });
});

describe('stlEtsForecast against R stlf / forecast(mstl)', () => {
  for (const [name, reference] of Object.entries(stlfReference)) {
    it(`reproduces ${reference.call} (ETS estimated as R with search 'r')`, () => {
      const log = name === 'weeklyLog';
      const y = series(log ? 'weekly' : (name as 'weekly' | 'daily'));
      const fit = stlEtsForecast(y, { horizon: reference.horizon, periods: [...reference.periods], etsSearch: { search: 'r' }, ...(log ? { transform: 'log' as const } : {}) });
      expect(fit.method).toBe(reference.method.replace('STL +  ', `${reference.periods.length > 1 ? 'MSTL' : 'STL'}${log ? '(log)' : ''}+`));
      const parameters = reference.parameters as Record<string, number>;
      for (const key of ['alpha', 'beta', 'phi']) if (key in parameters) expectClose(fit.parameters[key]!, parameters[key]!, 1e-6, 1e-9, key);
      expectClose(fit.states.initial.level as number, parameters.l!, 1e-7, 0, 'l');
      if ('b' in parameters) expectClose(fit.states.initial.trend as number, parameters.b!, 1e-6, 1e-9, 'b');
      expectClose(fit.aicc!, reference.aicc, 1e-9, 0, 'aicc');
      expectClose(fit.sigma2, reference.sigma2, 1e-7, 0, 'sigma2');
      const z80 = normalQuantile(0.9);
      const z95 = normalQuantile(0.975);
      reference.horizons.forEach((h, i) => {
        // On the log scale R's point forecast is the median exp(μ) and its bounds exp(μ ± z·√v).
        const mu = log ? fit.logScale!.forecast[h - 1]! : fit.forecast[h - 1]!;
        const sd = Math.sqrt(log ? fit.logScale!.variance[h - 1]! : fit.forecastVariance![h - 1]!);
        const back = log ? Math.exp : (v: number) => v;
        expectClose(back(mu), reference.mean[i]!, 1e-8, 0, `mean h=${h}`);
        expectClose(back(mu - z80 * sd), reference.lower80[i]!, 1e-8, 0, `lower80 h=${h}`);
        expectClose(back(mu + z95 * sd), reference.upper95[i]!, 1e-8, 0, `upper95 h=${h}`);
        if (log) {
          expectClose(fit.forecast[h - 1]!, Math.exp(mu + (sd * sd) / 2), 1e-14, 0, `lognormal mean h=${h}`);
          expectClose(fit.forecastVariance![h - 1]!, Math.expm1(sd * sd) * Math.exp(2 * mu + sd * sd), 1e-14, 0, `lognormal variance h=${h}`);
        }
      });
      reference.fittedIndices.forEach((t, i) => expectClose(fit.fitted[t - 1]!, reference.fitted[i]!, 1e-8, 0, `fitted[${t}]`));
      expect(allFinite({ forecast: fit.forecast, fitted: fit.fitted, parameters: fit.parameters, states: fit.states })).toBe(true);
    });
  }

  it('forecasts = ETS of the adjusted series + the last cycle of each seasonal component, residuals = y − fitted', () => {
    const y = series('weekly');
    const fit = stlEtsForecast(y, { horizon: 60, periods: [52] });
    const seasonal = fit.decomposition.seasonals[0]!;
    const n = y.length;
    for (let h = 1; h <= 60; h++) expectClose(fit.seasonalForecast[h - 1]!, seasonal[n - 52 + ((h - 1) % 52)]!, 0, 0, `seasonal h=${h}`);
    expect(fit.states.final['seasonal.52']).toEqual(Array.from(seasonal.subarray(n - 52)));
    fit.residuals.forEach((r, t) => expectClose(r, y[t]! - fit.fitted[t]!, 0, 1e-12, `residual ${t}`));
    expect(fit.minOrigin).toBe(104);
    // The one-year-ago peak (week 48 of the cycle) is carried into the forecast.
    const peakWeek = ((((47 - n) % 52) + 52) % 52) + 1; // the h with (n + h − 1) mod 52 = 47 (0-based t)
    expect(fit.forecast[peakWeek - 1]!).toBeGreaterThan(fit.forecast[peakWeek - 10]! + 50);
  });

  it('simulates ETS paths of the adjusted series plus the seasonal forecast (mean ≈ forecast, spread ≈ forecast variance)', () => {
    const fit = stlEtsForecast(series('weekly'), { horizon: 12, periods: [52] });
    const paths = fit.simulate!(4000, seededRandom(7));
    expect(paths).toHaveLength(4000);
    for (const h of [1, 6, 12]) {
      const values = paths.map((p) => p[h - 1]!);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1);
      const sd = Math.sqrt(fit.forecastVariance![h - 1]!);
      expectClose(mean, fit.forecast[h - 1]!, 0, 4 * (sd / Math.sqrt(values.length)), `mean h=${h}`);
      expectClose(Math.sqrt(variance), sd, 0.06, 0, `sd h=${h}`);
    }
  });

  it('applies a given ETS model without estimation and refuses a seasonal one', () => {
    const y = series('weekly');
    const fit = stlEtsForecast(y, { horizon: 8, periods: [52] });
    const again = stlEtsForecast(y, { horizon: 8, periods: [52], ets: fit.ets });
    again.forecast.forEach((f, h) => expectClose(f, fit.forecast[h]!, 1e-12, 1e-9, `h=${h + 1}`));
    expect(() => stlEtsForecast(y, { horizon: 8, periods: [52], ets: { ...fit.ets, spec: { ...fit.ets.spec, season: 'A', seasonLength: 4 } } })).toThrow(/non-seasonal/);
  });

  it('fromOrigin(n) is the forecast; origins outside [minOrigin, n] and bad horizons are refused', () => {
    const y = series('weekly');
    const fit = stlEtsForecast(y, { horizon: 10, periods: [52] });
    fit.fromOrigin!(y.length, 10).forEach((f, h) => expectClose(f, fit.forecast[h]!, 1e-12, 1e-9, `h=${h + 1}`));
    expect(fit.fromOrigin!(104, 16)).toHaveLength(16);
    expect(() => fit.fromOrigin!(103, 4)).toThrow(/origin must be an integer in \[104, 120\]/);
    expect(() => fit.fromOrigin!(121, 4)).toThrow(RangeError);
    expect(() => fit.fromOrigin!(110, 0)).toThrow(/horizon/);
  });

  it('with the log transform: fromOrigin(n) is the forecast, paths are positive, values ≤ 0 are refused', () => {
    const y = series('weekly');
    const fit = stlEtsForecast(y, { horizon: 10, periods: [52], transform: 'log' });
    fit.fromOrigin!(y.length, 10).forEach((f, h) => expectClose(f, fit.forecast[h]!, 1e-12, 0, `h=${h + 1}`));
    expect(fit.simulate!(200, seededRandom(3)).every((path) => path.every((v) => v > 0))).toBe(true);
    expect(() => stlEtsForecast([...y.slice(0, 110), 0], { horizon: 4, periods: [52], transform: 'log' })).toThrow(/needs values > 0, y\[110\] = 0/);
  });

  it('needs two cycles of the longest period', () => {
    expect(() => stlEtsForecast(series('weekly').slice(0, 100), { horizon: 4, periods: [52] })).toThrow(/seasonal period 52 needs at least two full cycles \(104 observations\), the history has 100/);
    expect(() => stlEtsForecast([1, 2, null, 4, 5, 6, 7, 8], { horizon: 4, periods: [2] })).toThrow(/y\[2\] is missing/);
  });
});

describe('properties', () => {
  const positiveSeries = fc.integer({ min: 104, max: 400 }).chain((n) => fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: n, maxLength: n }));

  it('gives finite decompositions, forecasts, variances and rolling-origin forecasts for random positive weekly series', () => {
    fc.assert(
      fc.property(positiveSeries, fc.constantFrom(52, 52.18), fc.boolean(), fc.constantFrom('none' as const, 'log' as const), (y, period, robust, transform) => {
        const fit = stlEtsForecast(y, { horizon: 13, periods: [period], decomposition: { robust }, transform });
        const origin = fit.minOrigin! + Math.floor((y.length - fit.minOrigin!) / 2);
        return allFinite({ f: fit.forecast, v: fit.forecastVariance ?? [], fitted: fit.fitted, s: Array.from(fit.decomposition.seasonals[0]!), o: fit.fromOrigin!(origin, 13), p: fit.simulate!(3, seededRandom(1)) });
      }),
      { numRuns: runs(40) },
    );
  });

  it('decomposes an exact sine + linear trend into them (locally linear seasonal smoothing: exact; default with a flat trend: exact)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.constantFrom(4, 7, 12, 52),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -2, max: 2, noNaN: true }),
        fc.double({ min: 0.5, max: 50, noNaN: true }),
        fc.double({ min: 0, max: 6.28, noNaN: true }),
        (cycles, period, level, slope, amplitude, phase) => {
          const n = cycles * period + (cycles % period);
          const wave = (t: number) => amplitude * Math.sin((2 * Math.PI * t) / period + phase);
          const sloped = Array.from({ length: n }, (_, t) => level + slope * t + wave(t));
          const flat = Array.from({ length: n }, (_, t) => level + wave(t));
          const scale = Math.abs(level) + Math.abs(slope) * n + amplitude;
          const linear = stl(sloped, period, { sDegree: 1 });
          const plain = stl(flat, period);
          for (let t = 0; t < n; t++) {
            expectClose(linear.seasonal[t]!, wave(t), 0, 1e-9 * scale, `sDegree 1 seasonal[${t}]`);
            expectClose(linear.trend[t]!, level + slope * t, 0, 1e-9 * scale, `sDegree 1 trend[${t}]`);
            expectClose(plain.seasonal[t]!, wave(t), 0, 1e-9 * scale, `default seasonal[${t}]`);
            expectClose(plain.trend[t]!, level, 0, 1e-9 * scale, `default trend[${t}]`);
          }
        },
      ),
      { numRuns: runs(60) },
    );
  });

  it('fromOrigin(t) uses no value at or after t (a different future gives the same rolling-origin forecast)', () => {
    fc.assert(
      fc.property(positiveSeries, fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom('none' as const, 'log' as const), (y, where, seed, transform) => {
        const fit = stlEtsForecast(y, { horizon: 8, periods: [52], transform });
        const origin = fit.minOrigin! + Math.floor(where * (y.length - fit.minOrigin!));
        const random = seededRandom(seed);
        const otherFuture = y.map((v, t) => (t < origin ? v : 1 + 5000 * random()));
        const other = stlEtsForecast(otherFuture, { horizon: 8, periods: [52], ets: fit.ets, transform });
        const expected = fit.fromOrigin!(origin, 8);
        if (transform === 'log') {
          // The log-scale variance (hence the lognormal mean) uses this fit's σ², estimated on the whole history.
          other.fromOrigin!(origin, 8).forEach((f, h) => expectClose(Math.log(f) - other.logScale!.variance[h]! / 2, Math.log(expected[h]!) - fit.logScale!.variance[h]! / 2, 1e-12, 1e-12, `h=${h + 1}`));
          return;
        }
        expect(other.fromOrigin!(origin, 8)).toEqual(expected);
        expect(stlEtsPointForecasts(y.slice(0, origin), [52], {}, fit.ets, 8)).toEqual(expected);
      }),
      { numRuns: runs(30) },
    );
  });

  it('additive STL seasonal components sum to about 0 over any period (the low-pass filter removes the level)', () => {
    fc.assert(
      fc.property(positiveSeries, fc.constantFrom(7, 12, 52), fc.constantFrom<StlOptions>({}, { sWindow: 'periodic' }, { robust: true }), (y, period, options) => {
        const { seasonal } = stl(y, period, options);
        const mean = y.reduce((s, v) => s + v, 0) / y.length;
        const sd = Math.sqrt(y.reduce((s, v) => s + (v - mean) ** 2, 0) / y.length);
        let windowSum = 0;
        for (let t = 0; t < period; t++) windowSum += seasonal[t]!;
        for (let t = period; t <= y.length; t++) {
          expect(Math.abs(windowSum / period)).toBeLessThan(0.25 * sd);
          if (t < y.length) windowSum += seasonal[t]! - seasonal[t - period]!;
        }
      }),
      { numRuns: runs(60) },
    );
  });
});
