import { describe, expect, it } from 'vitest';
import { cashFlowCalculation } from '../../core/cash/timeline.js';
import { createCashApp } from '../../functions/cash/app.js';
import { createForecastApp } from '../../functions/forecast/app.js';
import { cashBenchRequest } from '../../scripts/bench/cash-speed.js';

const config = { corsOrigins: '*' as const, maxBodyBytes: 1024 * 1024 };
const app = createCashApp(config);
const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The hand-checked campaign of test/unit/cash-timeline.test.ts as a flat query (peak funding need 12,000). */
const handQuery =
  'startDate=2026-01-01&horizonDays=60&openingCash=10000&returnRate=0.1&returnLagDays=10' +
  '&purchaseOrders.0.orderDate=2026-01-01&purchaseOrders.0.amount=20000&purchaseOrders.0.depositShare=0.3&purchaseOrders.0.balanceDate=2026-01-11' +
  '&payments.0.date=2026-01-13&payments.0.amount=2000&payments.0.category=freight&sales.0.date=2026-01-21&sales.0.units=600&sales.0.price=50' +
  '&payout.cycleDays=14&payout.delayDays=7&payout.reserveShare=0.1&payout.reserveReleaseDays=14&payout.feeRate=0.01';

describe('POST/GET /v1/cash-flow', () => {
  it('answers the documented example with the preset’s rules and sources', async () => {
    const res = await post('/v1/cash-flow', cashFlowCalculation.example);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/\bNaN\b|Infinity|null/);
    const body = JSON.parse(text) as { payoutRules: { preset: string; sources: unknown[]; fromInput: string[] }; summary: { peakFundingNeed: number }; scenarios: unknown[] };
    expect(body.payoutRules.preset).toBe('amazon-us');
    expect(body.payoutRules.fromInput).toEqual(['deliveryDays']);
    expect(body.payoutRules.sources.length).toBeGreaterThan(0);
    expect(body.summary.peakFundingNeed).toBeGreaterThan(0);
    expect(body.scenarios).toHaveLength(3);
  });

  it('takes a flat GET query: the peak funding need as a plain value, and the table as CSV', async () => {
    const value = await app.request(`/v1/cash-flow?${handQuery}&format=value`);
    expect(value.status).toBe(200);
    expect(Number(await value.text())).toBeCloseTo(12000, 9);
    const csv = await app.request(`/v1/cash-flow?${handQuery}&granularity=week&format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date,payouts,reserveReleases,vatRefunds,deposits,balances,freight,duties,importVat,warehouse,ads,content,other,refunds,fees,fxCosts,interest,net,balance,creditDrawn',
    );
    expect(lines).toHaveLength(1 + 9);
    expect(lines[2]!.split(',')[0]).toBe('2026-01-08');
    expect(Number(lines[2]!.split(',').at(-2))).toBeCloseTo(-12000, 9);
  });

  it('takes a preset by GET and any field of the summary by field=', async () => {
    const res = await app.request('/v1/cash-flow?startDate=2026-01-01&horizonDays=30&openingCash=0&sales.0.date=2026-01-01&sales.0.revenue=100&payout.preset=tiktok-shop-us&format=value&field=summary.grossSales');
    expect(res.status).toBe(200);
    expect(Number(await res.text())).toBe(100);
  });

  it('refuses a monthly forecast with 422 naming the field', async () => {
    const res = await post('/v1/cash-flow', {
      startDate: '2026-01-01',
      horizonDays: 90,
      openingCash: 0,
      skus: [{ sku: 'A', price: 10, forecast: { start: '2026-01-01', frequency: 'month', values: [300, 300] } }],
      payout: { preset: 'generic' },
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { type: string; errors: Array<{ path: string }> };
    expect(problem.type).toBe('/problems/cash-flow.forecast-frequency-not-supported');
    expect(problem.errors[0]!.path).toBe('/skus/0/forecast/frequency');
  });

  it('returns 400 naming the field when the payout rules are incomplete', async () => {
    const res = await post('/v1/cash-flow', { startDate: '2026-01-01', horizonDays: 30, openingCash: 0, payout: { feeRate: 0.1 } });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors.map((e) => e.path)).toEqual(['/payout/cycleDays', '/payout/delayDays']);
  });

  it('takes a /v1/forecast response as a SKU’s sales, as it comes', async () => {
    const forecastApp = createForecastApp(config);
    const forecastRes = await forecastApp.request('/v1/forecast', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ history: [120, 132, 128, 141, 150, 139, 160, 171, 158, 180, 192, 185], horizon: 8, frequency: 'week', start: '2026-06-01', method: 'holt' }),
    });
    expect(forecastRes.status).toBe(200);
    const forecast = (await forecastRes.json()) as { periods: Array<{ forecast: number }> };
    const res = await post('/v1/cash-flow', { startDate: '2026-08-01', horizonDays: 120, openingCash: 5000, skus: [{ sku: 'HERO', price: 30, forecast }], payout: { preset: 'amazon-us' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: { grossSales: number } };
    expect(body.summary.grossSales).toBeCloseTo(forecast.periods.reduce((s, p) => s + p.forecast * 30, 0), 6);
  });

  it('accepts a 1,500-SKU × 365-day campaign over the 1 MiB default body limit', async () => {
    const request = cashBenchRequest() as { skus: unknown[] };
    const body = JSON.stringify({ ...request, skus: [...request.skus, ...request.skus.slice(0, 500)] });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    const res = await app.request('/v1/cash-flow?format=value', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(Number(await res.text())).toBeGreaterThan(0);
  });
});
