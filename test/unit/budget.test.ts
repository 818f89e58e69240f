/**
 * The work and response-size estimates (core/budget): finite, and monotone in every factor the
 * issue names (points, models, sample paths, horizon, windows, series, SKUs, days, scenarios).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateResponseBytes, estimateWork } from '../../core/budget/estimates.js';
import { assertResponseFits, RESPONSE_LIMIT_BYTES } from '../../core/budget/response-size.js';
import { assertWithinWorkBudget, forecastShapeOf, forecastWork, WORK_BUDGET_MICROS } from '../../core/budget/work.js';
import { DomainError } from '../../core/errors.js';

const methods = ['auto', 'naive', 'ses', 'holt', 'holt-winters-additive', 'holt-winters-multiplicative', 'theta', 'croston', 'combination', 'ets'] as const;
const shape = fc.record({
  n: fc.integer({ min: 1, max: 5000 }),
  method: fc.constantFrom(...methods),
  seasonLength: fc.integer({ min: 1, max: 366 }),
  horizon: fc.integer({ min: 1, max: 1000 }),
  simulations: fc.integer({ min: 100, max: 10000 }),
  windows: fc.integer({ min: 0, max: 50 }),
});
const request = (s: { n: number; method: string; seasonLength: number; horizon: number; simulations: number; windows: number }) => ({
  history: new Array<number>(s.n).fill(1),
  method: s.method,
  seasonLength: s.seasonLength,
  horizon: s.horizon,
  simulations: s.simulations,
  windows: Array.from({ length: s.windows }, () => ({ start: 1, end: s.horizon })),
  ...(s.method === 'ets' ? { ets: { error: 'M', trend: 'A', damped: false, season: 'M' } } : {}),
});

describe('properties', () => {
  it('the forecast work is finite, positive and monotone in points, paths, horizon and windows', () => {
    fc.assert(
      fc.property(shape, fc.constantFrom('n', 'simulations', 'horizon', 'windows'), (s, factor) => {
        const base = forecastWork(forecastShapeOf(request(s)));
        expect(Number.isFinite(base) && base > 0).toBe(true);
        const bigger = { ...s, [factor]: Math.min(factor === 'n' ? 5000 : factor === 'simulations' ? 10000 : factor === 'horizon' ? 1000 : 50, (s[factor] as number) * 2) };
        expect(forecastWork(forecastShapeOf(request(bigger)))).toBeGreaterThanOrEqual(base);
      }),
    );
  });

  it('a batch costs the sum of its series, defaults counted for every item', () => {
    fc.assert(
      fc.property(shape, fc.integer({ min: 1, max: 50 }), (s, count) => {
        const one = estimateWork('forecast', request(s)).micros;
        const viaDefaults = estimateWork('forecast/batch', { defaults: request(s), series: Array.from({ length: count }, (_, i) => ({ id: `s${i}` })) }).micros;
        const inline = estimateWork('forecast/batch', { series: Array.from({ length: count }, (_, i) => ({ id: `s${i}`, ...request(s) })) }).micros;
        expect(viaDefaults).toBeCloseTo(inline, 6);
        expect(viaDefaults).toBeGreaterThanOrEqual(count * (one - 1000));
      }),
    );
  });

  it('the cash-flow work grows with SKUs, days and scenarios; the landed-cost answer with items', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 730 }), fc.integer({ min: 0, max: 20 }), (skus, days, stress) => {
        const work = (k: number, d: number, st: number) => estimateWork('cash-flow', { skus: new Array(k).fill({}), horizonDays: d, stress: new Array(st).fill({}) }).micros;
        expect(work(skus * 2, days, stress)).toBeGreaterThan(work(skus, days, stress));
        expect(work(skus, days + 1, stress)).toBeGreaterThan(work(skus, days, stress));
        expect(work(skus, days, stress + 1)).toBeGreaterThan(work(skus, days, stress));
        const size = (items: number) => estimateResponseBytes('landed-cost', { items: new Array(items).fill({}), detail: 'full' })!.bytes;
        expect(size(skus + 1)).toBeGreaterThan(size(skus));
      }),
    );
  });
});

describe('refusals', () => {
  it('names the biggest factor and its path', () => {
    try {
      assertWithinWorkBudget({ micros: 2 * WORK_BUDGET_MICROS, factors: [{ path: ['series', 3], label: 'a forecast of 5,000 points by auto', micros: 1.5 * WORK_BUDGET_MICROS }] });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('request.too-much-work');
      expect((err as DomainError).path).toEqual(['series', 3]);
      expect((err as DomainError).message).toMatch(/about 10\.0 s.*a forecast of 5,000 points by auto \(≈ 7\.5 s\) at \/series\/3/);
    }
  });

  it('accepts an estimate at the limit and refuses one byte over', () => {
    expect(() => assertResponseFits({ bytes: RESPONSE_LIMIT_BYTES, path: [], label: 'x', smaller: 'y' })).not.toThrow();
    expect(() => assertResponseFits({ bytes: RESPONSE_LIMIT_BYTES + 1, path: ['items'], label: 'x', smaller: 'y' })).toThrow(/format=csv/);
  });
});
