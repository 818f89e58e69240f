import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecast, ForecastInput } from '../../core/forecast/forecast.js';
import { expectClose } from '../helpers.js';

const run = (input: object) => forecast(ForecastInput.parse(input));
const levelValue = fc.double({ min: 0.5, max: 1e5, noNaN: true });
const history = fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 30, maxLength: 60 });

describe('forecast properties', () => {
  it('a constant series forecasts itself', () => {
    const methods = ['auto', 'naive', 'seasonal-naive', 'drift', 'moving-average', 'ses', 'holt', 'damped-holt', 'theta', 'croston', 'tsb'] as const;
    fc.assert(
      fc.property(levelValue, fc.integer({ min: 12, max: 48 }), fc.constantFrom(...methods), (c, n, method) => {
        const r = run({ history: new Array(n).fill(c), horizon: 6, method, seasonLength: 4 });
        for (const p of r.periods) expectClose(p.forecast, c, 1e-6, 1e-9, `${method} period ${p.period}`);
      }),
      { numRuns: 60 },
    );
  });

  it('scaling the history scales the forecast (methods without numerical search, and ETS with fixed parameters)', () => {
    fc.assert(
      fc.property(history, fc.double({ min: 0.01, max: 100, noNaN: true }), fc.constantFrom('naive', 'seasonal-naive', 'drift', 'moving-average', 'ses-fixed', 'holt-fixed'), (y, scale, which) => {
        const fixed = which.endsWith('-fixed');
        const method = fixed ? which.replace('-fixed', '') : which;
        const input = (h: number[]) => ({
          history: h,
          horizon: 5,
          method,
          seasonLength: 4,
          ...(fixed ? { parameters: { alpha: 0.3, ...(method === 'holt' ? { beta: 0.1 } : {}) }, initialStates: { level: h[0]!, ...(method === 'holt' ? { trend: 0 } : {}) } } : {}),
        });
        const base = run(input(y));
        const scaled = run(input(y.map((v) => v * scale)));
        base.periods.forEach((p, i) => expectClose(scaled.periods[i]!.forecast, p.forecast * scale, 1e-9, 1e-9, `${which} period ${i + 1}`));
      }),
      { numRuns: 80 },
    );
  });

  it('intervals contain the point forecast and widen with the level', () => {
    fc.assert(
      fc.property(history, fc.constantFrom('auto', 'naive', 'ses', 'damped-holt', 'theta', 'croston'), (y, method) => {
        const r = run({ history: y, horizon: 4, method, levels: [50, 80, 95], simulations: 500 });
        for (const p of r.periods) {
          expect(p.lower['95']!).toBeLessThanOrEqual(p.lower['80']! + 1e-9);
          expect(p.lower['80']!).toBeLessThanOrEqual(p.lower['50']! + 1e-9);
          expect(p.upper['50']!).toBeLessThanOrEqual(p.upper['80']! + 1e-9);
          expect(p.upper['80']!).toBeLessThanOrEqual(p.upper['95']! + 1e-9);
          if (r.intervalMethod === 'analytical') {
            expect(p.lower['50']!).toBeLessThanOrEqual(p.forecast + 1e-9);
            expect(p.upper['50']!).toBeGreaterThanOrEqual(p.forecast - 1e-9);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('a promo marked in the history does not lift the baseline, and its uplift is measured', () => {
    const base = Array.from({ length: 36 }, (_, t) => 100 + (t % 4) * 5);
    const withPromo = base.map((v, t) => (t >= 20 && t <= 21 ? v * 3 : v));
    const clean = run({ history: base, horizon: 4, method: 'ses', seasonLength: 1 });
    const marked = run({ history: withPromo, horizon: 4, method: 'ses', seasonLength: 1, pastEvents: [{ start: 20, end: 21, kind: 'promo' }] });
    const unmarked = run({ history: withPromo, horizon: 4, method: 'ses', seasonLength: 1 });
    expect(Math.abs(marked.periods[0]!.forecast - clean.periods[0]!.forecast)).toBeLessThan(Math.abs(unmarked.periods[0]!.forecast - clean.periods[0]!.forecast) + 1e-9);
    expect(marked.uplifts).toHaveLength(1);
    expect(marked.uplifts[0]!.uplift).toBeGreaterThan(2.5);
    const future = run({ history: withPromo, horizon: 4, method: 'ses', seasonLength: 1, pastEvents: [{ start: 20, end: 21, kind: 'promo' }], futureEvents: [{ start: 2, end: 2 }] });
    expectClose(future.periods[1]!.forecast, future.periods[1]!.baseline * future.learnedUplift!, 1e-12);
  });
});

describe('known parameters and initial states reach the methods', () => {
  it('Croston and TSB use the given smoothing constant and initial estimates', async () => {
    const { crostonForecast, tsbForecast } = await import('../../core/forecast/intermittent.js');
    const y = [0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 1, 0, 0, 6, 0];
    const viaApi = run({ history: y, horizon: 2, method: 'croston', parameters: { alpha: 0.1 }, initialStates: { size: 3, interval: 2 } });
    expect(viaApi.periods[0]!.forecast).toBe(crostonForecast(y, { horizon: 2, alpha: 0.1, initial: { size: 3, interval: 2 } }).forecast[0]);
    const tsb = run({ history: y, horizon: 2, method: 'tsb', parameters: { alpha: 0.1 }, initialStates: { size: 3, probability: 0.4 } });
    expect(tsb.periods[0]!.forecast).toBe(tsbForecast(y, { horizon: 2, alpha: { size: 0.1, probability: 0.1 }, initial: { size: 3, probability: 0.4 } }).forecast[0]);
  });

  it('ETS with every parameter and initial state given reproduces the recursion exactly (SES on FPP oil)', async () => {
    // FPP2 §7.1: SES on Saudi Arabian oil production 1996–2013, α = 0.8339, ℓ0 = 446.59 → forecast 542.68.
    const oil = [445.36, 453.2, 454.41, 422.38, 456.04, 440.39, 425.19, 486.21, 500.43, 521.28, 508.95, 488.89, 509.87, 456.72, 473.82, 525.95, 549.83, 542.34];
    const r = run({ history: oil, horizon: 3, method: 'ses', parameters: { alpha: 0.8339 }, initialStates: { level: 446.59 } });
    expectClose(r.periods[0]!.forecast, 542.68, 0, 0.01);
    expect(r.parameters.alpha).toBe(0.8339);
  });
});
