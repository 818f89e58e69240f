/**
 * Events as forecast input (core/forecast/events.ts): the calendar against known dates and its
 * source tables (with ICU's calendars as an independent reference), the mapping of occurrences
 * onto weekly and monthly periods, per-event learning vs pooled vs prior, the intensity model,
 * bad (negative) actuals, pre/post windows, the daily split, and the forecast's new fields.
 *
 * Hand-checked set-up used below: weekly history of a constant 100 from Monday 2023-01-02, so the
 * masked-and-filled baseline is exactly 100 and the naive forecast is 100. A one-day event in a
 * week is 1/7 of its baseline (flat weekday profile): E = 100/7, and a week that sold A has a
 * daily lift L = 1 + (A − 100)/(100/7).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dateOfDay,
  dayIndex,
  intensitySlope,
  learnDayProfile,
  mapEvents,
  namedOccurrences,
  occurrencesInYear,
  ratioLift,
  splitIntoDays,
  thanksgiving,
  weekday,
  type NamedEvent,
} from '../../core/forecast/events.js';
import { forecast, ForecastInput } from '../../core/forecast/forecast.js';
import { expectClose } from '../helpers.js';

const run = (input: object) => forecast(ForecastInput.parse(input));
const year = (name: NamedEvent, y: number) => occurrencesInYear(name, y).map((o) => `${o.start}..${o.end}`);

describe('event calendar', () => {
  it('computes Thanksgiving, Black Friday, Cyber Monday and the other rule dates', () => {
    expect([2024, 2025, 2026, 2027].map(thanksgiving)).toEqual(['2024-11-28', '2025-11-27', '2026-11-26', '2027-11-25']);
    expect(year('black-friday', 2024)).toEqual(['2024-11-29..2024-11-29']);
    expect(year('cyber-monday', 2024)).toEqual(['2024-12-02..2024-12-02']);
    expect(year('black-friday', 2025)).toEqual(['2025-11-28..2025-11-28']);
    expect(year('cyber-monday', 2025)).toEqual(['2025-12-01..2025-12-01']);
    expect(year('bfcm', 2026)).toEqual(['2026-11-27..2026-11-30']);
    expect(year('white-friday', 2023)).toEqual(['2023-11-24..2023-11-27']);
    expect(year('christmas', 2030)).toEqual(['2030-12-25..2030-12-25']);
    expect(year('singles-day', 2035)).toEqual(['2035-11-11..2035-11-11']);
    expect(year('double-12', 2025)).toEqual(['2025-12-12..2025-12-12']);
    // Labor Day 2025 is Monday 1 September, 2026 Monday 7 September.
    expect(year('back-to-school', 2025)).toEqual(['2025-07-01..2025-09-01']);
    expect(year('back-to-school', 2026)).toEqual(['2026-07-01..2026-09-07']);
    expect(year('black-friday', 2036)).toEqual([]);
    for (let y = 2000; y <= 2035; y++) {
      const tg = dayIndex(thanksgiving(y));
      expect(weekday(tg)).toBe(3);
      expect(Number(dateOfDay(tg).slice(8))).toBeGreaterThanOrEqual(22);
      expect(Number(dateOfDay(tg).slice(8))).toBeLessThanOrEqual(28);
    }
  });

  it('dates Chinese New Year as the Hong Kong Observatory table does', () => {
    const first = (y: number) => occurrencesInYear('chinese-new-year', y)[0]!.start;
    // HKO Gregorian–Lunar conversion table.
    expect([2016, 2020, 2024, 2025, 2026, 2027, 2030, 2035].map(first)).toEqual(['2016-02-08', '2020-01-25', '2024-02-10', '2025-01-29', '2026-02-17', '2027-02-06', '2030-02-03', '2035-02-08']);
    expect(year('chinese-new-year', 2025)).toEqual(['2025-01-29..2025-02-04']);
    // ICU's chinese calendar as an independent reference: equal except 2027 and 2030 (new moon within minutes of midnight UTC+8).
    const icu = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    for (let y = 2015; y <= 2035; y++) {
      const d = new Date(`${first(y)}T00:00:00Z`);
      const parts = Object.fromEntries(icu.formatToParts(d).map((p) => [p.type, p.value]));
      const agrees = parts.month === '1' && parts.day === '1';
      expect(agrees, `${y}`).toBe(y !== 2027 && y !== 2030);
    }
  });

  it('dates Ramadan and the Eids by the Umm al-Qura calendar', () => {
    expect(year('ramadan', 2024)).toEqual(['2024-03-11..2024-04-09']);
    expect(year('eid-al-fitr', 2024)).toEqual(['2024-04-10..2024-04-12']);
    expect(year('eid-al-adha', 2024)).toEqual(['2024-06-16..2024-06-19']);
    expect(year('ramadan', 2025)).toEqual(['2025-03-01..2025-03-29']);
    expect(year('eid-al-fitr', 2023)).toEqual(['2023-04-21..2023-04-23']);
    expect(year('eid-al-adha', 2017)).toEqual(['2017-09-01..2017-09-04']);
    // 2030 holds two Ramadans (1451 and 1452 AH).
    expect(year('ramadan', 2030)).toEqual(['2030-01-05..2030-02-03', '2030-12-26..2031-01-23']);
    // Every table entry against ICU's islamic-umalqura calendar.
    const icu = new Intl.DateTimeFormat('en-u-ca-islamic-umalqura', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    const hijri = (date: string) => {
      const p = Object.fromEntries(icu.formatToParts(new Date(`${date}T00:00:00Z`)).map((x) => [x.type, x.value]));
      return `${p.month}/${p.day}`;
    };
    for (let y = 2015; y <= 2035; y++) {
      for (const o of occurrencesInYear('ramadan', y)) {
        expect(hijri(o.start)).toBe('9/1');
        expect(hijri(dateOfDay(dayIndex(o.end) + 1))).toBe('10/1');
      }
      for (const o of occurrencesInYear('eid-al-fitr', y)) expect(hijri(o.start)).toBe('10/1');
      for (const o of occurrencesInYear('eid-al-adha', y)) expect([hijri(o.start), hijri(o.end)]).toEqual(['12/10', '12/13']);
    }
  });

  it('converts day indexes to dates as Date does', () => {
    for (let day = dayIndex('1999-12-25'); day <= dayIndex('2036-03-05'); day += 1) {
      const iso = new Date(day * 86_400_000).toISOString().slice(0, 10);
      expect(dateOfDay(day)).toBe(iso);
      expect(dayIndex(iso)).toBe(day);
    }
    expect(dayIndex(dateOfDay(-1))).toBe(-1);
  });

  it('finds the occurrences that touch a date range', () => {
    expect(namedOccurrences('black-friday', dayIndex('2024-01-01'), dayIndex('2025-12-31')).map((o) => o.start)).toEqual(['2024-11-29', '2025-11-28']);
  });
});

describe('mapping events to periods', () => {
  const grid = { history: new Array<number>(104).fill(100), horizon: 52, start: '2023-01-02', frequency: 'week' as const };

  it('puts a one-day event in its week with a 1/7 share, a four-day one over two weeks', () => {
    const ctx = mapEvents({ ...grid, events: [{ name: 'black-friday' }, { name: 'bfcm' }] });
    // 2024-11-29 is in the week of Monday 2024-11-25 = index 99.
    expect(ctx.touches[0]!.map((t) => t.periods)).toEqual([[{ index: 46, share: 1 / 7 }], [{ index: 99, share: 1 / 7 }], [{ index: 151, share: 1 / 7 }]]);
    // BFCM 2024: Fri–Sun in week 99 (3/7), Monday in week 100 (1/7).
    expect(ctx.touches[1]![1]!.periods).toEqual([
      { index: 99, share: 3 / 7 },
      { index: 100, share: 1 / 7 },
    ]);
    expect([...ctx.masked].sort((a, b) => a - b)).toEqual([46, 47, 99, 100]);
  });

  it('weights the share by the weekday profile, and maps months', () => {
    const profile = [1, 1, 1, 1, 3, 2, 1]; // Friday 3 of 10
    const ctx = mapEvents({ ...grid, events: [{ name: 'black-friday' }], dayProfile: profile });
    expect(ctx.touches[0]![0]!.periods[0]!.share).toBeCloseTo(3 / 10, 15);
    const monthly = mapEvents({ history: new Array<number>(24).fill(100), horizon: 12, start: '2024-01-01', frequency: 'month', events: [{ name: 'black-friday' }] });
    expect(monthly.touches[0]!.map((t) => t.periods)).toEqual([[{ index: 10, share: 1 / 30 }], [{ index: 22, share: 1 / 30 }], [{ index: 34, share: 1 / 30 }]]);
  });
});

describe('learning event lifts', () => {
  // BF weeks (46, 99) sold 200: L = 1 + 100/(100/7) = 8. Prime Day 4 days (Tue–Fri) in weeks 27
  // (2023-07-11..14) and 79 (2024-07-09..12) sold 140: L = 1 + 40/(400/7) = 1.7.
  const history = new Array<number>(104).fill(100);
  history[46] = 200;
  history[99] = 200;
  history[27] = 140;
  history[79] = 140;
  const prime = { name: 'custom' as const, label: 'prime-day', occurrences: [{ start: '2023-07-11', end: '2023-07-14' }, { start: '2024-07-09', end: '2024-07-12' }, { start: '2025-07-08', end: '2025-07-11' }] };
  const base = { history, horizon: 52, frequency: 'week', start: '2023-01-02', method: 'naive' };

  it('learns each event from its own past occurrences and applies the lift to the event days only', () => {
    const r = run({ ...base, events: [{ name: 'black-friday' }, prime], dailyBreakdown: true });
    const [bf, pd] = r.eventUplifts!;
    expect(bf).toMatchObject({ name: 'black-friday', start: '2025-11-28', source: 'own-history', model: 'ratio', occurrencesUsed: 2 });
    expectClose(bf!.uplift, 8, 1e-12);
    expect(pd).toMatchObject({ label: 'prime-day', source: 'own-history', occurrencesUsed: 2 });
    expectClose(pd!.uplift, 1.7, 1e-12);
    expect(pd!.shares).toEqual([{ period: 28, share: 4 / 7 }]);
    expect(bf!.shares).toEqual([{ period: 48, share: 1 / 7 }]);
    // Future BF week (period 48, from 2025-11-24): 100 × (1 + 7/7) = 200; the Prime Day week 100 × (1 + 0.7·4/7) = 140.
    const week = (date: string) => r.periods.find((p) => p.date === date)!;
    expectClose(week('2025-11-24').forecast, 200, 1e-12);
    expectClose(week('2025-11-24').baseline, 100, 1e-12);
    expectClose(week('2025-07-07').forecast, 140, 1e-12);
    expectClose(week('2025-12-01').forecast, 100, 1e-12);
    // The days: BF carries 800/7, the other six days 100/7 each.
    const days = r.days!.filter((d) => d.date >= '2025-11-24' && d.date <= '2025-11-30');
    expect(days.map((d) => d.date)).toEqual(['2025-11-24', '2025-11-25', '2025-11-26', '2025-11-27', '2025-11-28', '2025-11-29', '2025-11-30']);
    expectClose(days[4]!.forecast, 800 / 7, 1e-12);
    for (const k of [0, 1, 2, 3, 5, 6]) expectClose(days[k]!.forecast, 100 / 7, 1e-12);
    expect(r.eventHistory!.map((h) => [h.name, h.start, h.used])).toEqual([
      ['black-friday', '2023-11-24', true],
      ['black-friday', '2024-11-29', true],
      ['custom', '2023-07-11', true],
      ['custom', '2024-07-09', true],
    ]);
  });

  it('falls back to the pooled lift, then to the prior 1 with a warning', () => {
    // A store sale dated only in the future has no own history and pools BF and Prime Day:
    // L = 1 + Σ(A − B)/ΣE = 1 + (100 + 100 + 40 + 40)/(2·100/7 + 2·400/7) = 1 + 280/(1000/7) = 2.96.
    const future = { name: 'custom' as const, label: 'store-sale', occurrences: [{ start: '2025-03-05', end: '2025-03-05' }] };
    const r = run({ ...base, events: [{ name: 'black-friday' }, prime, future] });
    const sale = r.eventUplifts!.find((u) => u.label === 'store-sale')!;
    expect(sale).toMatchObject({ source: 'pooled', occurrencesUsed: 4 });
    expectClose(sale.uplift, 2.96, 1e-12);
    const prior = run({ ...base, history: new Array<number>(104).fill(100), events: [future] });
    expect(prior.eventUplifts![0]).toMatchObject({ source: 'prior', uplift: 1, occurrencesUsed: 0 });
    expect(prior.warnings.some((w) => w.includes('prior lift 1'))).toBe(true);
    const given = run({ ...base, events: [{ ...future, uplift: 3 }] });
    expect(given.eventUplifts![0]).toMatchObject({ source: 'given', uplift: 3 });
  });

  it('pools in the promos of pastEvents (share 1)', () => {
    const h = new Array<number>(104).fill(100);
    h[10] = 150;
    const r = run({ ...base, history: h, pastEvents: [{ start: 10, end: 10, kind: 'promo' }], events: [{ name: 'custom', occurrences: [{ start: '2025-03-05', end: '2025-03-05' }] }] });
    expect(r.eventUplifts![0]).toMatchObject({ source: 'pooled', occurrencesUsed: 1 });
    expectClose(r.eventUplifts![0]!.uplift, 1.5, 1e-12);
  });

  it('fits lift = 1 + b·intensity so a big promo and a small one get different lifts', () => {
    // One-day sales with depth 0.1 and 0.3 whose daily lifts were 1.2 and 1.6 (b = 2): weeks sold 100 + 0.2·100/7 and 100 + 0.6·100/7.
    const h = new Array<number>(104).fill(100);
    h[20] = 100 + 20 / 7;
    h[70] = 100 + 60 / 7;
    const ev = {
      name: 'custom' as const,
      occurrences: [
        { start: dateOfDay(dayIndex('2023-01-02') + 7 * 20 + 2), end: dateOfDay(dayIndex('2023-01-02') + 7 * 20 + 2), intensity: 0.1 },
        { start: dateOfDay(dayIndex('2023-01-02') + 7 * 70 + 2), end: dateOfDay(dayIndex('2023-01-02') + 7 * 70 + 2), intensity: 0.3 },
        { start: '2025-02-05', end: '2025-02-05', intensity: 0.2 },
        { start: '2025-06-04', end: '2025-06-04', intensity: 0.5 },
      ],
    };
    const r = run({ ...base, history: h, events: [ev] });
    const [small, big] = r.eventUplifts!;
    expect(small).toMatchObject({ model: 'intensity', source: 'own-history', occurrencesUsed: 2 });
    expectClose(small!.slope!, 2, 1e-9);
    expectClose(small!.uplift, 1.4, 1e-9);
    expectClose(big!.uplift, 2, 1e-9);
    // Direct: weighted least squares through the origin.
    expectClose(intensitySlope([{ actual: 110, baseline: 100, eventBaseline: 50, intensity: 0.1 }, { actual: 130, baseline: 100, eventBaseline: 50, intensity: 0.3 }])!, (0.1 * 10 + 0.3 * 30) / (50 * 0.01 + 50 * 0.09), 1e-15);
    expectClose(ratioLift([{ actual: 110, baseline: 100, eventBaseline: 50 }, { actual: 130, baseline: 100, eventBaseline: 50 }])!, 1.4, 1e-15);
  });

  it('never learns a negative lift: drops occurrences with actual ≤ 0 and clamps a lift below 0', () => {
    const h = new Array<number>(104).fill(100);
    h[46] = -50; // BF 2023: returns exceeded sales
    h[99] = 10; // BF 2024: 10 against 100 with a 1/7 share → L = 1 − 90·7/100 = −5.3
    const r = run({ ...base, history: h, events: [{ name: 'black-friday' }] });
    expect(r.eventHistory!.map((o) => o.used)).toEqual([false, true]);
    expect(r.eventUplifts![0]!.uplift).toBe(0);
    expect(r.eventUplifts![0]!.occurrencesUsed).toBe(1);
    expect(r.warnings.some((w) => w.includes('left out'))).toBe(true);
    expect(r.warnings.some((w) => w.includes('below 0'))).toBe(true);
    // Lift 0 on Black Friday: the week keeps its six other days.
    expectClose(r.periods.find((p) => p.date === '2025-11-24')!.forecast, 600 / 7, 1e-12);
    for (const p of r.periods) expect(p.forecast).toBeGreaterThanOrEqual(0);
  });

  it('learns pre-event dips and post-event hangovers from past occurrences', () => {
    const h = new Array<number>(104).fill(100);
    h[46] = 200;
    h[99] = 200;
    h[45] = 90;
    h[98] = 90;
    h[47] = 70;
    h[100] = 70;
    const r = run({ ...base, history: h, events: [{ name: 'black-friday', prePeriods: 1, postPeriods: 1 }] });
    expect(r.eventUplifts![0]).toMatchObject({ preFactor: 0.9, postFactor: 0.7 });
    expectClose(r.eventUplifts![0]!.uplift, 8, 1e-12);
    const at = (date: string) => r.periods.find((p) => p.date === date)!.forecast;
    expectClose(at('2025-11-17'), 90, 1e-12);
    expectClose(at('2025-11-24'), 200, 1e-12);
    expectClose(at('2025-12-01'), 70, 1e-12);
  });

  it('learns the day shape of a multi-day event from a daily history', () => {
    // Daily 2023-10-01 .. 2025-10-31 at 50; BFCM days sold 200, 100, 100, 150 (excess 3, 1, 1, 2 × 50 → shape 3, 1, 1, 2 scaled to mean 1 ÷ 1.75).
    const first = dayIndex('2023-10-01');
    const n = dayIndex('2025-11-01') - first;
    const h = new Array<number>(n).fill(50);
    for (const bf of ['2023-11-24', '2024-11-29']) [200, 100, 100, 150].forEach((v, j) => (h[dayIndex(bf) - first + j] = v));
    const r = run({ history: h, horizon: 61, frequency: 'day', start: '2023-10-01', method: 'naive', seasonLength: 1, events: [{ name: 'bfcm' }] });
    // L − 1 = Σ(A − B)/ΣE with E = Σ shape·B = 4·50 per occurrence (shape mean 1): (350·2)/(400) = 1.75.
    expectClose(r.eventUplifts![0]!.uplift, 2.75, 1e-12);
    const days = ['2025-11-28', '2025-11-29', '2025-11-30', '2025-12-01'].map((d) => r.periods.find((p) => p.date === d)!.forecast);
    [200, 100, 100, 150].forEach((v, j) => expectClose(days[j]!, v, 1e-12));
  });
});

describe('weekday profile and the daily split', () => {
  it('learns a weekday profile from daily data, robust to promo days', () => {
    const shape = [0.8, 0.9, 1, 1, 1.2, 1.3, 0.8];
    const first = dayIndex('2025-01-06'); // a Monday
    const y = Array.from({ length: 70 }, (_, t) => 100 * shape[weekday(first + t)]!);
    y[30] = 5000; // a promo day, excluded
    const profile = learnDayProfile(y, first, new Set([first + 30]))!;
    profile.forEach((v, k) => expectClose(v, shape[k]!, 1e-12));
    expect(learnDayProfile([1, 2, 3], first)).toBeUndefined();
  });

  it('splits periods into days that sum to each period value, never negative (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        fc.array(fc.double({ min: 0, max: 10, noNaN: true }), { minLength: 7, maxLength: 7 }),
        fc.constantFrom('week', 'month') as fc.Arbitrary<'week' | 'month'>,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 200 }), fc.double({ min: 0, max: 50, noNaN: true })), { maxLength: 20 }),
        (values, profile, frequency, lifts) => {
          const start = '2025-10-06';
          const dayLifts = new Map(lifts.map(([d, l]) => [dayIndex(start) + d, l]));
          const days = splitIntoDays({ start, frequency, forecast: values, baseline: values, dayProfile: profile, dayLifts });
          let k = 0;
          values.forEach((v, i) => {
            const end = frequency === 'week' ? dayIndex(start) + 7 * (i + 1) : dayIndex(`${2025 + Math.floor((9 + i + 1) / 12)}-${String(((9 + i + 1) % 12) + 1).padStart(2, '0')}-06`);
            let sum = 0;
            let base = 0;
            for (; k < days.length && dayIndex(days[k]!.date) < end; k++) {
              expect(days[k]!.forecast).toBeGreaterThanOrEqual(0);
              expect(days[k]!.baseline).toBeGreaterThanOrEqual(0);
              sum += days[k]!.forecast;
              base += days[k]!.baseline;
            }
            expectClose(sum, v, 1e-12, 1e-9);
            expectClose(base, v, 1e-12, 1e-9);
          });
          expect(k).toBe(days.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('learns the weekday profile and a multi-day event shape from dailyHistory for a weekly forecast', () => {
    // Daily 2024-09-02 .. 2024-12-29 (a Monday to a Sunday): 100 × weekday profile, BFCM 2024
    // (11-29 .. 12-02) at 100·p·(1 + 0.5·s_j) with s = 3, 1, 1, 2 → learned shape s/1.75.
    const p = [0.8, 0.9, 1, 1, 1.2, 1.3, 0.8];
    const s = [3, 1, 1, 2];
    const first = dayIndex('2024-09-02');
    const values = Array.from({ length: dayIndex('2024-12-30') - first }, (_, t) => {
      const d = first + t;
      const j = d - dayIndex('2024-11-29');
      return 100 * p[weekday(d)]! * (j >= 0 && j < 4 ? 1 + 0.5 * s[j]! : 1);
    });
    const history = new Array<number>(104).fill(700);
    history[46] = 700 + 300; // BFCM 2023 weeks (11-24 .. 11-27): most of the lift in the Fri–Sun week
    history[47] = 700 + 100;
    history[99] = 1000;
    history[100] = 800;
    const r = run({ history, horizon: 52, frequency: 'week', start: '2023-01-02', method: 'naive', events: [{ name: 'bfcm' }], dailyHistory: { start: '2024-09-02', values }, dailyBreakdown: true });
    expect(r.dayProfileSource).toBe('learned');
    r.dayProfile!.forEach((v, k) => expectClose(v, p[k]!, 1e-12));
    const u = r.eventUplifts![0]!;
    u.dayShape!.forEach((v, j) => expectClose(v, s[j]! / 1.75, 1e-12));
    // The BFCM 2025 days (11-28 .. 12-01): forecast ∝ p_d·(1 + (L − 1)·e_j) against a baseline ∝ p_d.
    const day = (date: string) => r.days!.find((d) => d.date === date)!;
    const ratio = (date: string) => day(date).forecast / day(date).baseline;
    ['2025-11-28', '2025-11-29', '2025-11-30'].forEach((date, j) => expectClose(ratio(date) / ratio('2025-11-24'), 1 + (u.uplift - 1) * (s[j]! / 1.75), 1e-9));
    expectClose(day('2025-11-29').baseline / day('2025-11-24').baseline, 1.3 / 0.8, 1e-12);
  });

  it('returns the days of the forecast on request, bounded', () => {
    const r = run({ history: [70, 77, 84, 70], horizon: 2, frequency: 'week', start: '2026-01-05', method: 'naive', dailyBreakdown: true, dayProfile: [1, 1, 1, 1, 1, 2, 0] });
    expect(r.days).toHaveLength(14);
    expect(r.days![0]).toEqual({ date: '2026-02-02', forecast: 10, baseline: 10 });
    expect(r.days![5]!.forecast).toBeCloseTo(20, 12);
    expect(r.days![6]!.forecast).toBeCloseTo(0, 12);
    const tooLong = ForecastInput.safeParse({ history: [1, 2, 3], horizon: 800, frequency: 'week', start: '2026-01-05', dailyBreakdown: true });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error!.issues[0]!.path).toEqual(['dailyBreakdown']);
  });
});

describe('events input validation', () => {
  it('needs start and frequency, and occurrences for custom events', () => {
    const noStart = ForecastInput.safeParse({ history: [1, 2, 3], horizon: 2, frequency: 'week', events: [{ name: 'black-friday' }] });
    expect(noStart.success).toBe(false);
    expect(noStart.error!.issues.map((i) => i.path)).toEqual([['start']]);
    const custom = ForecastInput.safeParse({ history: [1, 2, 3], horizon: 2, frequency: 'week', start: '2026-01-05', events: [{ name: 'custom' }] });
    expect(custom.error!.issues.map((i) => i.path)).toEqual([['events', 0, 'occurrences']]);
    const backwards = ForecastInput.safeParse({ history: [1, 2, 3], horizon: 2, frequency: 'week', start: '2026-01-05', events: [{ name: 'custom', occurrences: [{ start: '2026-02-02', end: '2026-02-01' }] }] });
    expect(backwards.error!.issues.map((i) => i.path)).toEqual([['events', 0, 'occurrences', 0, 'end']]);
  });

  it('leaves a request without events exactly as before', () => {
    const body = { history: [10, 12, 11, 13, 30, 12, 14, 13], horizon: 4, method: 'ses', pastEvents: [{ start: 4, end: 4, kind: 'promo' }], futureEvents: [{ start: 2, end: 2 }] };
    const r = run(body);
    expect(r.eventUplifts).toBeUndefined();
    expect(r.days).toBeUndefined();
    expect(r.periods[1]!.forecast / r.periods[1]!.baseline).toBeCloseTo(r.learnedUplift!, 12);
  });
});

describe('properties', () => {
  const names = ['black-friday', 'cyber-monday', 'bfcm', 'christmas', 'singles-day', 'chinese-new-year', 'ramadan', 'eid-al-adha', 'back-to-school'] as const;
  it('events give finite, non-negative forecasts and lifts, and days that sum to the periods, on any history', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e4, noNaN: true }), fc.constant(0), fc.constant(null)), { minLength: 60, maxLength: 120 }),
        fc.uniqueArray(fc.constantFrom(...names), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('week', 'month', 'day') as fc.Arbitrary<'week' | 'month' | 'day'>,
        fc.integer({ min: 0, max: 2 }),
        (raw, events, frequency, dip) => {
          const history = raw.some((v) => v !== null) ? raw : [1, ...raw.slice(1)];
          const r = run({
            history,
            horizon: 20,
            frequency,
            start: '2023-06-05',
            method: 'ses',
            events: events.map((name) => ({ name, ...(dip ? { prePeriods: dip, postPeriods: dip } : {}) })),
            dailyBreakdown: true,
          });
          for (const p of r.periods) {
            expect(Number.isFinite(p.forecast) && p.forecast >= 0).toBe(true);
            expect(Number.isFinite(p.baseline) && p.baseline >= 0).toBe(true);
          }
          for (const u of r.eventUplifts!) expect(Number.isFinite(u.uplift) && u.uplift >= 0).toBe(true);
          let k = 0;
          for (const [i, p] of r.periods.entries()) {
            const next = i + 1 < r.periods.length ? r.periods[i + 1]!.date! : undefined;
            let sum = 0;
            for (; k < r.days!.length && (next === undefined || r.days![k]!.date < next); k++) sum += r.days![k]!.forecast;
            expectClose(sum, p.forecast, 1e-12, 1e-9);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a returns-heavy history (negative weeks) never learns a negative lift', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: 104, maxLength: 104 }), (history) => {
        const r = run({ history, horizon: 52, frequency: 'week', start: '2023-01-02', method: 'naive', events: [{ name: 'black-friday' }, { name: 'cyber-monday' }] });
        for (const u of r.eventUplifts!) expect(u.uplift).toBeGreaterThanOrEqual(0);
        for (const o of r.eventHistory!) if (o.actual <= 0) expect(o.used).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});

describe('pastEvents with a negative actual (issue 13)', () => {
  it('leaves the promo out of the learned uplift with a warning instead of learning a negative uplift', () => {
    const r = run({ history: [100, 100, -50, 100, 100, 150, 100, 100], horizon: 2, method: 'naive', pastEvents: [{ start: 2, end: 2, kind: 'promo' }, { start: 5, end: 5, kind: 'promo' }], futureEvents: [{ start: 1, end: 1 }] });
    expect(r.uplifts.map((u) => u.start)).toEqual([5]);
    expectClose(r.learnedUplift!, 1.5, 1e-12);
    expect(r.warnings).toContain('1 past promo(s) have an actual or baseline ≤ 0 (returns exceeding sales, or no demand): left out of the learned uplift.');
  });
});
