/**
 * Every request bounded in work and in answer size, and every invalid input a 400 (issue 13):
 * the work budget and the response-size bound refuse before computing (413 with the biggest
 * factor's path), cross-field checks skip data that already failed, JSON nesting is capped at
 * parse, compressed bodies get 415.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateResponseBytes, estimateWork } from '../../core/budget/estimates.js';
import { forecastWork, forecastShapeOf, WORK_BUDGET_MICROS } from '../../core/budget/work.js';
import { financeCalculations } from '../../core/cash/index.js';
import { planCalculation } from '../../core/plan/promo-plan.js';
import { createCashApp } from '../../functions/cash/app.js';
import { createCostApp } from '../../functions/cost/app.js';
import { createForecastApp } from '../../functions/forecast/app.js';
import { MAX_JSON_DEPTH, jsonDepth } from '../../functions/http/calculation-route.js';
import { createPlanApp } from '../../functions/plan/app.js';
import { costBenchInput } from '../../scripts/bench/cost-speed.js';
import { scenarioEnv, startEmulator, type Emulator, type ScenarioEnv } from '../scenario-helpers.js';

const config = { corsOrigins: '*' as const, maxBodyBytes: 20 * 1024 * 1024 };
const forecastApp = createForecastApp(config);
const costApp = createCostApp(config);
const cashApp = createCashApp(config);
const planApp = createPlanApp(config);

const post = (app: { request: (p: string, i: RequestInit) => Response | Promise<Response> }, path: string, body: unknown, headers: Record<string, string> = {}) =>
  Promise.resolve(app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) }));

const seasonal = (n: number, m = 12) => Array.from({ length: n }, (_, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / m) + ((t * 7919) % 11));

describe('work budget', () => {
  it('counts the candidates of auto, the sample paths and the windows', () => {
    const base = { history: seasonal(1000), horizon: 12, seasonLength: 12 };
    const auto = forecastWork(forecastShapeOf({ ...base, method: 'auto' }));
    const ses = forecastWork(forecastShapeOf({ ...base, method: 'ses' }));
    expect(auto).toBeGreaterThan(10 * ses);
    const paths = forecastWork(forecastShapeOf({ ...base, method: 'ses', simulations: 10000, windows: [{ start: 1, end: 12 }] }));
    expect(paths).toBeGreaterThan(forecastWork(forecastShapeOf({ ...base, method: 'ses', simulations: 100, windows: [{ start: 1, end: 12 }] })));
    // Doubling the history doubles the fitting work.
    const twice = forecastWork(forecastShapeOf({ ...base, history: seasonal(2000), method: 'auto' }));
    expect(twice / auto).toBeGreaterThan(1.8);
  });

  it('refuses a forecast over the budget with 413 request.too-much-work naming the factor, before computing', async () => {
    const body = { history: seasonal(200, 24), horizon: 1000, seasonLength: 24, method: 'holt-winters-additive', simulations: 10000, windows: [{ start: 1, end: 1000 }] };
    expect(estimateWork('forecast', body).micros).toBeGreaterThan(WORK_BUDGET_MICROS);
    const res = await post(forecastApp, '/v1/forecast', body);
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { type: string; detail: string; errors: Array<{ path: string }> };
    expect(problem.type).toBe('/problems/request.too-much-work');
    expect(problem.detail).toMatch(/10,000 sample paths × 1,000 periods/);
    expect(problem.detail).toMatch(/more than the 5 s/);
  });

  it('counts the defaults of a batch for every item and names the costliest series', async () => {
    const series = Array.from({ length: 300 }, (_, i) => ({ id: `S${i}` }));
    const body = { defaults: { history: seasonal(520), horizon: 12, seasonLength: 12 }, series };
    const estimate = estimateWork('forecast/batch', body);
    expect(estimate.micros).toBeGreaterThan(300 * 520 * 100);
    const res = await post(forecastApp, '/v1/forecast/batch', body);
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { type: string; errors: Array<{ path: string }> };
    expect(problem.type).toBe('/problems/request.too-much-work');
    expect(problem.errors[0]!.path).toMatch(/^\/series\/\d+$/);
  });

  it('accepts small requests as before', async () => {
    const res = await post(forecastApp, '/v1/forecast', { history: [5, 7, 6, 8, 9, 7, 8, 10], horizon: 3 });
    expect(res.status).toBe(200);
  });
});

describe('response-size bound', () => {
  const body = JSON.parse(JSON.stringify(costBenchInput(1100, 'full'))) as object;

  it('refuses a landed cost whose JSON answer would pass 6 MB, pointing to csv and a smaller detail', async () => {
    expect(estimateResponseBytes('landed-cost', body)!.bytes).toBeGreaterThan(6_000_000);
    const res = await post(costApp, '/v1/landed-cost', body);
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { type: string; detail: string };
    expect(problem.type).toBe('/problems/response.too-large');
    expect(problem.detail).toMatch(/format=csv/);
    expect(problem.detail).toMatch(/detail "summary"/);
  });

  it('answers the same request as CSV, or in summary detail under the limit', async () => {
    const csv = await post(costApp, '/v1/landed-cost?format=csv', body);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    await csv.text();
    const summary = await post(costApp, '/v1/landed-cost', { ...body, detail: 'summary' });
    expect(summary.status).toBe(200);
    expect((await summary.text()).length).toBeLessThan(6_000_000);
  });
});

describe('every invalid input a 400', () => {
  const plan = planCalculation.example as Record<string, any>;
  const cash = financeCalculations.find((c) => c.name === 'cash-flow')!.example as Record<string, any>;
  const cases: Array<[string, typeof planApp, string, unknown, string]> = [
    ['a plan with an invalid promo date', planApp, '/v1/plan', { ...plan, promo: { ...plan.promo, start: '2026-13-45' } }, '/promo/start'],
    ['a plan with no SKUs', planApp, '/v1/plan', { ...plan, skus: [] }, '/skus'],
    ['a cash flow with a SKU forecast of no periods', cashApp, '/v1/cash-flow', { ...cash, skus: [{ sku: 'A', price: 10, forecast: { periods: [] } }] }, '/skus/0/forecast/periods'],
    ['a cash flow with an invalid period date', cashApp, '/v1/cash-flow', { ...cash, skus: [{ sku: 'A', price: 10, forecast: { periods: [{ date: '2026-02-31', forecast: 3 }] } }] }, '/skus/0/forecast/periods/0/date'],
  ];
  for (const [name, app, path, body, pointer] of cases)
    it(`answers 400 naming the field for ${name}`, async () => {
      const res = await post(app, path, body);
      expect(res.status).toBe(400);
      const problem = (await res.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path)).toContain(pointer);
    });

  it('answers 400 for the invalid cash-flow forecast period on GET as well', async () => {
    const res = await cashApp.request(`/v1/cash-flow?startDate=2026-08-01&horizonDays=30&openingCash=100&skus.0.sku=A&skus.0.price=10&skus.0.forecast.periods.0.date=2026-02-31&skus.0.forecast.periods.0.forecast=3`);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path)).toContain('/skus/0/forecast/periods/0/date');
  });

  it('caps JSON nesting at parse: 400 naming the depth, on every route', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    expect(jsonDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonDepth('{"a":"[[[[","b":[1,{"c":[]}]}')).toBe(4);
    for (const [app, path] of [[forecastApp, '/v1/forecast'], [planApp, '/v1/plan']] as const) {
      const res = await post(app, path, `{"history":${deep}}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/more than 64 deep/);
    }
  });

  it('answers 415 for a compressed body', async () => {
    const res = await post(forecastApp, '/v1/forecast', '\x1f\x8b\x08\x00', { 'content-encoding': 'gzip' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { type: string }).type).toBe('/problems/unsupported-media-type');
  });
});

describe('scenarios', () => {
  let emulator: Emulator;
  let env: ScenarioEnv;
  beforeAll(async () => {
    emulator = await startEmulator();
    env = await scenarioEnv(emulator);
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('answers 400 for a body nested 5,000 deep', async () => {
    const res = await env.app.fetch(
      new Request('http://local/v1/scenarios', { method: 'POST', headers: { Authorization: `Bearer ${env.keyA}`, 'Content-Type': 'application/json' }, body: `{"kind":"eoq","input":${'['.repeat(5000)}${']'.repeat(5000)}}` }),
    );
    expect(res.status).toBe(400);
  });

  it('refuses a compare whose saved inputs together exceed the budget, before running any', async () => {
    // Three forecasts of ≈ 2 s each by the estimate: each alone is accepted, together they are not.
    const input = { history: seasonal(5000), horizon: 12, seasonLength: 12, method: 'auto' };
    const one = estimateWork('forecast', input).micros;
    expect(one).toBeLessThan(WORK_BUDGET_MICROS);
    expect(3 * one).toBeGreaterThan(WORK_BUDGET_MICROS);
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const res = await env.call('/v1/scenarios', { body: { kind: 'forecast', name, input } });
      expect(res.status).toBe(201);
      ids.push(((await res.json()) as { id: string }).id);
    }
    const res = await env.call('/v1/scenarios/compare', { body: { ids } });
    expect(res.status).toBe(413);
    const problem = (await res.json()) as { type: string; errors: Array<{ path: string }> };
    expect(problem.type).toBe('/problems/request.too-much-work');
    expect(problem.errors[0]!.path).toMatch(/^\/ids\/[012]$/);
  });
});


