import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORECAST_METHODS } from '../../core/forecast/methods.js';
import { createForecastApp } from '../../functions/forecast/app.js';
import { allFinite } from '../helpers.js';

const app = createForecastApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024 });
const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

// Monthly air passengers 1949–1950 (Box & Jenkins series G, as in R datasets::AirPassengers).
const air = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170, 158, 133, 114, 140];

describe('POST /v1/forecast', () => {
  it('labels periods with dates, gives intervals that widen with the level and a window sum', async () => {
    const res = await post('/v1/forecast', { history: air, horizon: 6, frequency: 'month', start: '1949-01-01', method: 'holt-winters-multiplicative', levels: [50, 80, 95], windows: [{ start: 1, end: 3 }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { model: string; periods: Array<{ date: string; forecast: number; lower: Record<string, number>; upper: Record<string, number> }>; windows: Array<{ sum: number; stdDev: number }> };
    expect(body.model).toBe('ETS(M,A,M)');
    expect(body.periods[0]!.date).toBe('1951-01-01');
    for (const p of body.periods) {
      expect(p.lower['95']!).toBeLessThanOrEqual(p.lower['80']!);
      expect(p.lower['80']!).toBeLessThanOrEqual(p.lower['50']!);
      expect(p.upper['50']!).toBeLessThanOrEqual(p.upper['80']!);
      expect(p.upper['80']!).toBeLessThanOrEqual(p.upper['95']!);
    }
    const sum3 = body.periods.slice(0, 3).reduce((a, p) => a + p.forecast, 0);
    expect(body.windows[0]!.sum).toBeCloseTo(sum3, 6);
    expect(body.windows[0]!.stdDev).toBeGreaterThan(0);
  });

  it('takes the history in a GET query, with empty items as missing periods, and answers CSV', async () => {
    const res = await app.request('/v1/forecast?history=10,12,,13,15,14,16,18,17,,19,21&horizon=3&method=holt&format=csv');
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('period,date,forecast,lower80,upper80,lower95,upper95');
    expect(lines).toHaveLength(4);
  });

  it('the same seed gives the same simulated intervals', async () => {
    const body = { history: [0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 1, 0, 0, 6, 0], horizon: 3, method: 'croston', seed: 7 };
    expect(await (await post('/v1/forecast', body)).json()).toEqual(await (await post('/v1/forecast', body)).json());
  });

  it('answers 422 when a seasonal model cannot be fitted and 400 naming bad fields', async () => {
    const seasonal = await post('/v1/forecast', { history: [1, 2, 3, 4, 5], horizon: 2, method: 'holt-winters-additive' });
    expect(seasonal.status).toBe(422);
    const bad = await post('/v1/forecast', { history: [], horizon: 0, futureEvents: [{ start: 5, end: 9 }] });
    expect(bad.status).toBe(400);
    const paths = ((await bad.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/history', '/horizon']));
  });

  it('400 names a parameter the method does not use or that breaks the usual constraints; 422 names inadmissible ETS parameters', async () => {
    const demand = [0, 3, 0, 0, 5, 0, 2, 0, 0, 4, 0, 1, 0, 0, 6, 0];
    const unused = await post('/v1/forecast', { history: demand, horizon: 2, method: 'croston', parameters: { alpha: 0.1, probabilityAlpha: 0.2 } });
    expect(unused.status).toBe(400);
    expect(((await unused.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['/parameters/probabilityAlpha']);
    const constraint = await post('/v1/forecast', { history: air, horizon: 2, method: 'holt', parameters: { alpha: 0.2, beta: 0.4 } });
    expect(constraint.status).toBe(400);
    expect(((await constraint.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual(['/parameters/beta']);
    const honoured = await post('/v1/forecast', { history: air, horizon: 2, method: 'damped-holt', parameters: { phi: 0.5 } });
    expect(honoured.status).toBe(200);
    expect(((await honoured.json()) as { parameters: { phi: number } }).parameters.phi).toBe(0.5);
    const separate = await post('/v1/forecast', { history: demand, horizon: 2, method: 'sba', initialization: 'r', parameters: { sizeAlpha: 0.3, intervalAlpha: 0.1 } });
    expect(separate.status).toBe(200);
    expect(((await separate.json()) as { parameters: Record<string, number> }).parameters).toMatchObject({ alpha: 0.3, alphaInterval: 0.1 });
  });
});

describe('POST /v1/forecast with events', () => {
  const history = new Array<number>(104).fill(100);
  history[46] = 200; // Black Friday week 2023
  history[99] = 200; // Black Friday week 2024

  it('answers 200 with the lift of each future occurrence and where it came from', async () => {
    const res = await post('/v1/forecast', { history, horizon: 52, frequency: 'week', start: '2023-01-02', method: 'naive', events: [{ name: 'black-friday' }, { name: 'custom', label: 'spring-sale', occurrences: [{ start: '2025-03-14', end: '2025-03-16' }] }], dailyBreakdown: true });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { eventUplifts: Array<{ name: string; source: string; uplift: number; occurrencesUsed: number }>; days: Array<{ date: string; forecast: number }>; periods: Array<{ forecast: number }> };
    expect(body.eventUplifts.map((u) => [u.name, u.source, u.occurrencesUsed])).toEqual([
      ['black-friday', 'own-history', 2],
      ['custom', 'pooled', 2],
    ]);
    expect(body.eventUplifts[0]!.uplift).toBeCloseTo(8, 10);
    expect(body.days).toHaveLength(52 * 7);
    expect(body.days.find((d) => d.date === '2025-11-28')!.forecast).toBeCloseTo(800 / 7, 10);
    expect(allFinite(body)).toBe(true);
  });

  it('answers 400 naming start when events come without it', async () => {
    const res = await post('/v1/forecast', { history, horizon: 4, frequency: 'week', events: [{ name: 'black-friday' }] });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    expect(paths).toEqual(['/start']);
  });
});

describe('POST /v1/forecast/batch', () => {
  it('gives each series its own result or its own error', async () => {
    const res = await post('/v1/forecast/batch', {
      defaults: { horizon: 4 },
      series: [
        { id: 'A', history: [5, 7, 6, 8, 9, 7, 8, 10] },
        { id: 'B', history: 'oops' },
        { id: 'C', history: [1, 2, 3, 4], method: 'holt-winters-additive', seasonLength: 4 },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { succeeded: number; failed: number; results: Array<{ id: string; status: string; code?: string; errors?: Array<{ path: string }> }> };
    expect(body.succeeded).toBe(1);
    expect(body.failed).toBe(2);
    expect(body.results[1]).toMatchObject({ id: 'B', status: 'error', code: 'validation', errors: [{ path: '/series/1/history' }] });
    expect(body.results[2]).toMatchObject({ id: 'C', status: 'error', code: 'forecast.not-enough-history' });
  });

  it('accepts bodies above the general 1 MiB limit (up to 5 MB)', async () => {
    const series = Array.from({ length: 1000 }, (_, i) => ({ id: `S${i}`, history: Array.from({ length: 120 }, (_, t) => 100 + ((t * 7919 + i * 104729) % 97) / 7) }));
    const body = JSON.stringify({ defaults: { horizon: 2, method: 'naive' }, series });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await app.request('/v1/forecast/batch', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { succeeded: number }).succeeded).toBe(1000);
  });
});

describe('forecast fuzz', () => {
  const value = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: -1e6, max: 1e9, noNaN: true }), fc.constantFrom(0, 0, 0, 1e-300, 1e12, -1e12), fc.constant(null));
  it('never answers 5xx or a non-finite number for any method on random histories', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(value, { minLength: 1, maxLength: 60 }),
        fc.constantFrom(...FORECAST_METHODS),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom(1, 4, 7, 12),
        async (history, method, horizon, seasonLength) => {
          const res = await post('/v1/forecast', { history, horizon, method, seasonLength, ...(method === 'ets' ? { ets: { error: 'A', trend: 'A', damped: true, season: 'N' } } : {}), simulations: 100 });
          expect(res.status, await res.clone().text()).toBeLessThan(500);
          if (res.status === 200) expect(allFinite(await res.json())).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });
});
