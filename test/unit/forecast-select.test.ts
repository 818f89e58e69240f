/**
 * Seasonal candidates for one to two seasons of history (core/forecast/seasonal.ts) and `auto`'s
 * rolling-origin selection (core/forecast/select.ts): hand-checked examples, no look-ahead, the
 * family rule (seasonal and level-only forecasts never averaged), interval calibration, edge cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitEts } from '../../core/forecast/ets.js';
import { ForecastInput, forecast } from '../../core/forecast/forecast.js';
import { groupProfileForecast, groupSeasonalIndices, growthRatio, seasonalNaiveGrowthForecast } from '../../core/forecast/seasonal.js';
import { calibrateWindow, selectByRollingOrigin, withEtsOrigins, withThetaOrigins, type Candidate } from '../../core/forecast/select.js';
import { meanSquaredFirstDifference, seasonalNaiveForecast } from '../../core/forecast/simple.js';
import { thetaForecast } from '../../core/forecast/theta.js';
import type { ModelFit } from '../../core/forecast/types.js';
import { normalDeviate, seededRandom } from '../../core/stats/random.js';

const runs = Number(process.env.FC_RUNS ?? 100);

/** Weekly series: level × (peak factor in weeks 44–48 of each 52) × (1 + growth·t) + noise. */
function weekly(n: number, options: { peak: number; noise: number; seed: number; growth?: number; level?: number }): number[] {
  const random = seededRandom(options.seed);
  const level = options.level ?? 100;
  return Array.from({ length: n }, (_, t) => {
    const w = t % 52;
    const factor = w >= 44 && w <= 48 ? options.peak : 1;
    return Math.max(0, level * factor * (1 + (options.growth ?? 0) * t) + options.noise * normalDeviate(random));
  });
}

describe('seasonal naive × growth (hand-checked)', () => {
  it('growth ratio of the last w periods against the same periods a season earlier', () => {
    expect(growthRatio(Float64Array.from([10, 10, 12, 12]), 4, 2, 2)).toBeCloseTo(1.2, 12);
  });

  it('a near-zero year-ago base gives no growth; the ratio is clamped to [1/4, 4]', () => {
    expect(growthRatio(Float64Array.from([0, 0, 5, 5]), 4, 2, 2)).toBe(1);
    expect(growthRatio(Float64Array.from([10, 10, 100, 100]), 4, 2, 2)).toBe(4);
    expect(growthRatio(Float64Array.from([100, 100, 1, 1]), 4, 2, 2)).toBe(0.25);
    // Shorter than m + w: no ratio can be formed.
    expect(growthRatio(Float64Array.from([1, 2, 3]), 3, 2, 2)).toBe(1);
  });

  it('forecasts last season × growth, with fitted values and σ² by the same rule', () => {
    // g = (24 + 12) / (20 + 10) = 1.2; fitted: t=3 → y0 = 10 (no ratio yet), t=4 → y1 = 20,
    // t=5 → 1.2·y2 = 12; residuals 2, 4, 0 → σ² = 20/3.
    const fit = seasonalNaiveGrowthForecast([10, 20, 10, 12, 24, 12], { horizon: 4, seasonLength: 3, growthWindow: 2 });
    fit.forecast.forEach((f, i) => expect(f).toBeCloseTo([14.4, 28.8, 14.4, 14.4][i]!, 10));
    expect(fit.fitted.slice(3)).toEqual([10, 20, 12]);
    expect(fit.sigma2).toBeCloseTo(20 / 3, 12);
    // Positive history: relative residuals 2/10, 4/20, 0/12 → σ_r² = (0.04 + 0.04 + 0)/3.
    const r2 = 0.08 / 3;
    // plus the growth ratio's 2σ_r²/w with w = 2.
    [14.4, 28.8, 14.4, 14.4].forEach((f, i) => expect(fit.forecastVariance![i]!).toBeCloseTo(r2 * f * f * (i < 3 ? 1 : 2) + r2 * f * f, 10));
    expect(fit.parameters.growth).toBeCloseTo(1.2, 12);
  });

  it('the period-to-period variation: mean squared first difference, missing pairs skipped', () => {
    expect(meanSquaredFirstDifference([1, 2, 4])).toBe(2.5);
    expect(meanSquaredFirstDifference([1, null, 4, 6])).toBe(4);
    expect(meanSquaredFirstDifference([3])).toBeNaN();
  });

  it('answers with exactly one season, its interval from the period-to-period variation', () => {
    const fit = seasonalNaiveGrowthForecast([4, 6, 8, 6], { horizon: 2, seasonLength: 4 });
    expect(fit.forecast).toEqual([4, 6]);
    expect(fit.varianceBasis).toBe('first-differences');
    expect(fit.sigma2).toBeCloseTo((4 + 4 + 4) / 3, 12);
  });
});

describe('group profile (hand-checked)', () => {
  it('indices from one season of group history: ratio to its mean', () => {
    expect(groupSeasonalIndices([1, 2, 3, 2], 4)).toEqual([0.5, 1, 1.5, 1]);
  });

  it('deseasonalised SKU level × the group index of each future period', () => {
    // level = (10/0.5 + 20/1)/2 = 20; periods 2 and 3 have indices 1.5 and 1.
    expect(groupProfileForecast([10, 20], { horizon: 2, seasonLength: 4, indices: [0.5, 1, 1.5, 1], levelWindow: 2 }).forecast).toEqual([30, 20]);
  });

  it('the API aligns a longer group history to the SKU by their common last period', () => {
    // Group: 2 seasons of [1, 1, 3, 1]; the SKU's 3 periods are the group's last 3 (positions 1, 2, 3).
    const result = forecast(
      ForecastInput.parse({ history: [10, 30, 10], horizon: 2, seasonLength: 4, groupHistory: [1, 1, 3, 1, 1, 1, 3, 1], method: 'auto', windows: [{ start: 1, end: 2 }] }),
    );
    const group = result.selection!.candidates.find((c) => c.method === 'group-profile');
    expect(group).toBeDefined();
    expect(group!.model).toBe('group-profile');
  });

  it('seasonalProfile must have one index per season position', () => {
    const parsed = ForecastInput.safeParse({ history: [1, 2, 3], horizon: 2, seasonLength: 4, seasonalProfile: [1, 1, 1] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['seasonalProfile']);
  });
});

describe('rolling-origin forecasts see nothing at or after the origin', () => {
  const makers: Array<[string, (y: number[]) => ModelFit]> = [
    ['seasonal-naive', (y) => seasonalNaiveForecast(y, { horizon: 4, seasonLength: 12 })],
    ['seasonal-naive-growth', (y) => seasonalNaiveGrowthForecast(y, { horizon: 4, seasonLength: 12 })],
    ['group-profile', (y) => groupProfileForecast(y, { horizon: 4, seasonLength: 12, indices: Array.from({ length: 12 }, (_, j) => 0.5 + j / 11) })],
    ['ets', (y) => withEtsOrigins(fitEts(y, { error: 'A', trend: 'A', damped: true, season: 'N', seasonLength: 1 }, { horizon: 4 }), y)],
    ['theta', (y) => withThetaOrigins(thetaForecast(y, { horizon: 4, seasonLength: 12 }), y, 12)],
  ];
  for (const [name, make] of makers) {
    it(name, () => {
      fc.assert(
        fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 40, maxLength: 60 }), fc.integer({ min: 13, max: 35 }), (y, origin) => {
          const fit = make(y);
          const changed = y.map((v, t) => (t >= origin ? v * 3 + 7 : v));
          const refit = make(changed);
          // Same parameters (held fixed by construction for the ETS/theta wrappers is not required):
          // use the original fit's closure on the changed data only through its own history.
          const a = fit.fromOrigin!(origin, 6);
          expect(a.every(Number.isFinite)).toBe(true);
          if (name === 'seasonal-naive' || name === 'seasonal-naive-growth' || name === 'group-profile') expect(refit.fromOrigin!(origin, 6)).toEqual(a);
        }),
        { numRuns: Math.min(runs, 30) },
      );
    });
  }

  it('ETS and theta origins only read the prefix (same parameters, changed future ⇒ same forecast)', () => {
    const y = weekly(80, { peak: 1, noise: 5, seed: 3 });
    const fit = fitEts(y, { error: 'A', trend: 'N', damped: false, season: 'N', seasonLength: 1 }, { horizon: 3 });
    const a = withEtsOrigins({ ...fit }, y).fromOrigin!(50, 5);
    const b = withEtsOrigins({ ...fit }, y.map((v, t) => (t >= 50 ? -v : v))).fromOrigin!(50, 5);
    expect(b).toEqual(a);
    const theta = thetaForecast(y, { horizon: 3 });
    expect(withThetaOrigins({ ...theta }, y, 1).fromOrigin!(50, 5)).toEqual(withThetaOrigins({ ...theta }, y.map((v, t) => (t >= 50 ? 0 : v)), 1).fromOrigin!(50, 5));
  });
});

describe('selection', () => {
  const candidate = (name: string, fit: ModelFit, seasonal: boolean): Candidate => ({ name, fit, seasonal });

  it('a repeating peak with two seasons of weekly history: the seasonal family wins and carries the peak', () => {
    const y = weekly(130, { peak: 2.5, noise: 6, seed: 11 });
    const history = y.slice(0, 96); // ends at week 44 of the second year: the peak is 1–5 weeks ahead
    const result = forecast(ForecastInput.parse({ history, horizon: 10, frequency: 'week', windows: [{ start: 1, end: 5 }] }));
    const actual = y.slice(96, 101).reduce((a, b) => a + b, 0);
    expect(result.windows[0]!.sum / actual).toBeGreaterThan(0.85);
    expect(result.windows[0]!.sum / actual).toBeLessThan(1.15);
    const used = result.selection!.candidates.filter((c) => (c.weight ?? 0) > 0).map((c) => c.method);
    expect(used.every((m) => m.startsWith('seasonal-naive'))).toBe(true);
    expect(result.selection!.reason).toMatch(/replaced combination/);
    const weights = result.selection!.candidates.map((c) => c.weight ?? 0);
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('no annual pattern: the level-only family wins on most series and the window stays at the level', () => {
    let seasonalChosen = 0;
    const ratios: number[] = [];
    for (let seed = 0; seed < 20; seed++) {
      const random = seededRandom(1000 + seed);
      const history = Array.from({ length: 104 }, () => 100 + 15 * normalDeviate(random));
      const result = forecast(ForecastInput.parse({ history, horizon: 8, frequency: 'week', windows: [{ start: 1, end: 8 }] }));
      if (result.selection!.candidates.some((c) => c.method.startsWith('seasonal-naive') && (c.weight ?? 0) > 0)) seasonalChosen++;
      ratios.push(result.windows[0]!.sum / 800);
    }
    // Pure noise: seasonal naive's window error is √2 × a level forecast's, so the family is chosen
    // only by luck of the origins (measured 5–12 % of such series, here at most 4 of 20).
    expect(seasonalChosen).toBeLessThanOrEqual(4);
    const wape = ratios.reduce((a, r) => a + Math.abs(r - 1), 0) / ratios.length;
    expect(wape).toBeLessThan(0.08);
  });

  it('seasonal and level-only candidates are never averaged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), fc.double({ min: 1, max: 3, noNaN: true }), fc.integer({ min: 60, max: 110 }), (seed, peak, n) => {
        const y = weekly(n, { peak, noise: 10, seed });
        const result = forecast(ForecastInput.parse({ history: y, horizon: 12, frequency: 'week', windows: [{ start: 4, end: 9 }] }));
        const used = result.selection!.candidates.filter((c) => (c.weight ?? 0) > 0).map((c) => c.method);
        const seasonalUsed = used.filter((m) => m.startsWith('seasonal') || m === 'group-profile');
        expect(seasonalUsed.length === 0 || seasonalUsed.length === used.length).toBe(true);
        expect(Number.isFinite(result.windows[0]!.sum)).toBe(true);
      }),
      { numRuns: Math.min(runs, 25) },
    );
  });

  it('a window too far ahead for the history is moved nearer and the reason says so', () => {
    const y = weekly(70, { peak: 2, noise: 5, seed: 2 });
    const result = forecast(ForecastInput.parse({ history: y, horizon: 30, frequency: 'week', windows: [{ start: 20, end: 25 }] }));
    expect(result.selection!.reason).toMatch(/moved nearer/);
    expect(result.windows[0]!.calibration!.evaluatedEnd).toBeLessThan(25);
  });

  it('too short for any origin: the first candidate alone, said so', () => {
    const fit = seasonalNaiveForecast([1, 2, 3], { horizon: 2, seasonLength: 1 });
    const selection = selectByRollingOrigin([1, 2, 3], [candidate('naive', fit, false)], [{ start: 1, end: 2 }]);
    expect(selection.reason).toMatch(/too short/);
    expect(selection.fit).toBe(fit);
  });
});

describe('window interval calibration (hand-checked)', () => {
  it('scale² = (J·mean(r²)/ρ² + J₀)/(J + J₀); coverage counts the origins inside the scaled bounds', () => {
    // mean r² = 0.025, ρ = 0.1 → raw 2.5; (4·2.5 + 2)/6 = 2 → scale √2; half-width 0.128·√2 = 0.181.
    const c = calibrateWindow([0.1, -0.1, 0.2, -0.2], 0.1, [{ level: 80, lower: 0.128, upper: 0.128 }]);
    expect(c.scale).toBeCloseTo(Math.SQRT2, 12);
    expect(c.coverage['80']).toBe(0.5);
    expect(c.origins).toBe(4);
  });

  it('never narrows (in-sample origin errors flatter) nor widens beyond 5', () => {
    expect(calibrateWindow([0, 0, 0, 0, 0, 0, 0, 0], 0.2, []).scale).toBe(1);
    expect(calibrateWindow([10, -10, 10, -10, 10, -10, 10, -10], 0.01, []).scale).toBe(5);
  });
});

describe('edge cases the issue lists', () => {
  it('exactly 52 weeks: seasonal naive answers with a finite interval and a warning', () => {
    const y = weekly(52, { peak: 2, noise: 4, seed: 9 });
    const result = forecast(ForecastInput.parse({ history: y, horizon: 8, frequency: 'week', method: 'seasonal-naive', windows: [{ start: 1, end: 8 }] }));
    expect(result.periods[0]!.forecast).toBe(y[0]);
    expect(result.periods.every((p) => Number.isFinite(p.upper['95']!) && p.upper['95']! > p.forecast)).toBe(true);
    expect(result.warnings.join(' ')).toMatch(/period-to-period variation/);
  });

  it('a falling trend clamped at 0: window totals are the sums of the clamped periods, bounds ordered', () => {
    const history = Array.from({ length: 12 }, (_, t) => 120 - 10 * t);
    const result = forecast(ForecastInput.parse({ history, horizon: 20, method: 'holt', windows: [{ start: 5, end: 20 }] }));
    const periods = result.periods.map((p) => p.forecast);
    expect(periods.every((v) => v >= 0)).toBe(true);
    expect(result.windows[0]!.sum).toBeCloseTo(periods.slice(4).reduce((a, b) => a + b, 0), 9);
    expect(result.horizonTotal.sum).toBeCloseTo(periods.reduce((a, b) => a + b, 0), 9);
    expect(result.windows[0]!.sum).toBeGreaterThanOrEqual(0);
    for (const p of result.periods) for (const level of ['80', '95']) expect(p.lower[level]!).toBeLessThanOrEqual(p.upper[level]!);
    for (const level of ['80', '95']) expect(result.windows[0]!.lower[level]!).toBeLessThanOrEqual(result.windows[0]!.upper[level]!);
  });

  it('any history length from 1 point gives a finite answer with totals equal to their periods', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 120 }), fc.constantFrom('week' as const, 'month' as const, undefined), (history, frequency) => {
        const result = forecast(ForecastInput.parse({ history, horizon: 6, ...(frequency ? { frequency } : {}), windows: [{ start: 2, end: 5 }] }));
        const periods = result.periods.map((p) => p.forecast);
        expect(periods.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
        const sum = periods.slice(1, 5).reduce((a, b) => a + b, 0);
        expect(Math.abs(result.windows[0]!.sum - sum)).toBeLessThanOrEqual(1e-9 * Math.max(1, sum));
        for (const level of ['80', '95']) {
          expect(Number.isFinite(result.windows[0]!.lower[level]!)).toBe(true);
          expect(result.windows[0]!.lower[level]!).toBeLessThanOrEqual(result.windows[0]!.upper[level]!);
        }
      }),
      { numRuns: Math.min(runs, 40) },
    );
  });

  it('all-zero and constant histories answer with a warning', () => {
    expect(forecast(ForecastInput.parse({ history: [0, 0, 0, 0, 0, 0], horizon: 2 })).warnings.join(' ')).toMatch(/all zero/);
    const constant = forecast(ForecastInput.parse({ history: [7, 7, 7, 7, 7, 7, 7, 7], horizon: 2 }));
    expect(constant.warnings.join(' ')).toMatch(/constant/);
    expect(constant.periods[0]!.forecast).toBeCloseTo(7, 9);
  });
});
