// The peak-window benchmark's own pieces (scripts/bench-peak.ts): its last-year × growth baseline,
// Thanksgiving by rule and the cut-off/window arithmetic on the Walmart calendar.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastYearGrowth, retailTask, thanksgiving, type Task } from '../../scripts/bench-peak.js';

describe('thanksgiving (fourth Thursday of November, 5 U.S.C. § 6103(a))', () => {
  it('matches the published dates', () => {
    // US Office of Personnel Management federal holiday tables.
    expect(thanksgiving(2010)).toBe('2010-11-25');
    expect(thanksgiving(2011)).toBe('2011-11-24');
    expect(thanksgiving(2012)).toBe('2012-11-22');
    expect(thanksgiving(2018)).toBe('2018-11-22');
    expect(thanksgiving(2024)).toBe('2024-11-28');
    expect(thanksgiving(2025)).toBe('2025-11-27');
    expect(thanksgiving(2026)).toBe('2026-11-26');
  });
  it('is always a Thursday between Nov 22 and Nov 28', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
        const d = new Date(`${thanksgiving(year)}T00:00:00Z`);
        expect(d.getUTCDay()).toBe(4);
        expect(d.getUTCMonth()).toBe(10);
        expect(d.getUTCDate()).toBeGreaterThanOrEqual(22);
        expect(d.getUTCDate()).toBeLessThanOrEqual(28);
      }),
    );
  });
});

describe('lastYearGrowth', () => {
  it('is last season × the growth of the last periods over the same periods a season earlier', () => {
    // m = 4, base 4: growth (11 + 22 + 33 + 44) / (10 + 20 + 30 + 40) = 1.1
    const f = lastYearGrowth([10, 20, 30, 40, 11, 22, 33, 44], 6, 4, 4);
    expect(f.map((v) => Number(v.toFixed(10)))).toEqual([12.1, 24.2, 36.3, 48.4, 12.1, 24.2]);
  });
  it('clamps the growth to [0.5, 2] and uses 1 when the base is not positive', () => {
    expect(lastYearGrowth([1, 1, 1, 1, 10, 10, 10, 10], 1, 4, 4)).toEqual([20]); // 10 × 2 (ratio 10 clamped)
    expect(lastYearGrowth([10, 10, 10, 10, 1, 1, 1, 1], 1, 4, 4)).toEqual([0.5]); // 1 × 0.5 (ratio 0.1 clamped)
    expect(lastYearGrowth([0, 0, 0, 0, 5, 6, 7, 8], 2, 4, 4)).toEqual([5, 6]); // base 0: growth 1
  });
  it('is seasonal naive without growth when the history is shorter than a season plus the base, and the last value below a season', () => {
    expect(lastYearGrowth([1, 2, 3, 4, 5], 3, 4)).toEqual([2, 3, 4]);
    expect(lastYearGrowth([1, 2, 3], 2, 4)).toEqual([3, 3]);
  });
  it('forecasts a pattern growing by a constant yearly factor exactly (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 12, maxLength: 12 }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.integer({ min: 20, max: 40 }),
        fc.integer({ min: 1, max: 24 }),
        (pattern, r, n, horizon) => {
          const y = (t: number) => pattern[t % 12]! * r ** Math.floor(t / 12);
          // The 8 periods before n span at most two seasons: their ratio to a season earlier is r exactly.
          const history = Array.from({ length: n }, (_, t) => y(t));
          const f = lastYearGrowth(history, horizon, 12);
          f.forEach((v, k) => {
            const t = n + k;
            const lag = 12 * Math.ceil((k + 1) / 12);
            expect(v).toBeCloseTo(y(t - lag) * r, 6);
          });
        },
      ),
    );
  });
});

describe('retailTask on the Walmart calendar (weeks labelled by the Friday that ends them)', () => {
  const values = Array.from({ length: 100 }, (_, i) => 100 + i); // 2010-02-05 … 2011-12-30
  it('cuts 87 weeks ending 2011-09-30 and puts November and Thanksgiving … Dec 23 in the horizon', () => {
    const t = retailTask('w', { id: 's', start: '2010-02-05', values }, 87, ['naive']) as Task;
    expect(typeof t).toBe('object');
    expect(t.origin).toBe('2011-09-30');
    expect(t.start).toBe('2010-02-05');
    expect(t.history).toHaveLength(87);
    expect(t.history[86]).toBe(186);
    expect(t.actual).toEqual(values.slice(87, 99)); // 2011-10-07 … 2011-12-23
    expect(t.windows).toEqual([
      { name: 'november', start: 5, end: 8 }, // 11-04, 11-11, 11-18, 11-25
      { name: 'peak', start: 8, end: 12 }, // 11-25 (holds Thanksgiving 11-24) … 12-23
    ]);
  });
  it('has no task when the data leave fewer than L weeks before the cut-off', () => {
    expect(typeof retailTask('w', { id: 's', start: '2010-02-05', values }, 104, ['naive'])).toBe('string');
  });
  it('classifies by the peak-window mean over the June–August mean of the history', () => {
    const flat = Array.from({ length: 100 }, () => 10);
    const t = retailTask('w', { id: 's', start: '2010-02-05', values: flat }, 87, ['naive']) as Task;
    expect(t.peakRatio).toBe(1);
  });
});
