/**
 * POST /v1/stock-plan through the plan function's app: JSON, CSV and value forms, problem+json for
 * invalid input and for the plan's domain errors, the 5 MB body limit, and random valid plans at
 * the edges of every bound (never a 5xx, never a non-finite number).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stockPlanCalculation, type StockPlanResult } from '../../core/plan/stock-plan.js';
import { createPlanApp } from '../../functions/plan/app.js';
import { phasedExample } from '../fixtures/plan-stock-examples.js';
import { allFinite } from '../helpers.js';

const app = createPlanApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024 });
const post = (body: unknown, query = '') =>
  app.request(`/v1/stock-plan${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function problem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { type: string; errors: Array<{ path: string; message: string }> };
  expect(body.type).toBe(`/problems/${type}`);
  return body;
}

describe('POST /v1/stock-plan', () => {
  it('answers the documented example with the plan', async () => {
    const res = await post(stockPlanCalculation.example);
    expect(res.status).toBe(200);
    const body = (await res.json()) as StockPlanResult;
    expect(body.method).toBe('stock-plan');
    expect(body.skus.map((s) => s.sku)).toEqual(['HOODIE-BLK-M', 'BEANIE-GRY', 'SCARF-RED']);
    expect(body.totals.unitsToProduce).toBe(body.skus.reduce((a, s) => a + s.quantityToProduce, 0));
    expect(allFinite(body)).toBe(true);
  });

  it('gives one CSV row per batch and the total units as the value', async () => {
    const res = await post(phasedExample(), '?format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'sku,class,batch,mode,quantity,cartons,arriveBy,latestOrderDate,latestShipDate,plannedShipDate,expectedArrival,pOnTime,freightCost,skuQuantityToProduce,skuExpectedLeftover,skuExpectedLostSales',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 9).join(','))).toEqual([
      'HERO,A,1,sea,672,28,2026-11-12,2026-09-09,2026-09-29',
      'HERO,A,2,air,288,12,2026-11-12,2026-10-11,2026-10-31',
    ]);
    expect(await (await post(phasedExample(), '?format=value')).text()).toBe('960');
    expect(await (await post(phasedExample(), '?format=value&field=skus.0.batches.0.pOnTime')).text()).toBe(String(0.9640696808870742));
  });

  it('answers 422 stock-plan.cutoff-passed with the field', async () => {
    const body = await problem(await post(phasedExample({ asOf: '2026-11-20' })), 422, 'stock-plan.cutoff-passed');
    expect(body.errors[0]!.path).toBe('/promo/cutoffDaysBefore');
  });

  it('answers 422 with the forecast engine’s code under the SKU path', async () => {
    const body = phasedExample({ sku: { demand: { source: 'forecast', request: { history: [5, 6, 7, 8], method: 'holt-winters-additive', seasonLength: 4, frequency: 'week', start: '2026-08-03' } } } });
    const res = await problem(await post(body), 422, 'forecast.not-enough-history');
    expect(res.errors[0]!.path).toBe('/skus/0/demand/request/history');
  });

  it('answers 400 naming every invalid field', async () => {
    const body = await problem(await post({ ...phasedExample(), asOf: '2026-02-30', modes: [], skus: [{ sku: 'X' }] }), 400, 'validation');
    const paths = body.errors.map((e) => e.path);
    for (const p of ['/asOf', '/modes', '/skus/0/demand']) expect(paths).toContain(p);
  });

  it('accepts bodies above 1 MiB (up to 5 MB)', async () => {
    const big = { ...phasedExample(), skus: [{ ...phasedExample().skus[0], sku: 'x'.repeat(2_000_000) }] };
    const body = await problem(await post(big), 400, 'validation');
    expect(body.errors[0]!.path).toBe('/skus/0/sku');
  });
});

describe('random valid plans at the bounds', () => {
  const date = fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
  const big = fc.oneof(fc.constantFrom(0, 1e-300, 5e-324, 1, 1e9), fc.double({ min: 0, max: 1e9, noNaN: true }));
  const mode = (name: string) =>
    fc.record({
      name: fc.constant(name),
      transitDays: fc.oneof(fc.constantFrom(0, 365), fc.double({ min: 0, max: 365, noNaN: true })),
      transitStdDevDays: fc.oneof(fc.constantFrom(0, 5e-324, 180), fc.double({ min: 0, max: 180, noNaN: true })),
      distribution: fc.constantFrom('normal', 'lognormal'),
      originHandlingDays: fc.constantFrom(0, 3, 120),
      receivingDays: fc.option(fc.constantFrom(0, 7, 120), { nil: undefined }),
      costPerUnit: fc.option(big, { nil: undefined }),
      costPerKg: fc.option(big, { nil: undefined }),
    });
  const policy = fc.oneof(
    fc.record({ type: fc.constant('statistical'), serviceLevel: fc.constantFrom(1e-9, 0.5, 0.95, 0.999999), measure: fc.constantFrom('cycle', 'fill-rate'), replenishmentMode: fc.constantFrom('sea', undefined) }),
    fc.record({ type: fc.constant('newsvendor'), shortagePenalty: fc.option(big, { nil: undefined }) }),
    fc.record({ type: fc.constant('multiplier'), factor: fc.constantFrom(0, 1.3, 10) }),
  );
  const sku = (i: number) =>
    fc.record({
      sku: fc.constant(`S${i}`),
      demand: fc.record({ source: fc.constant('normal'), mean: big, stdDev: big }),
      policy,
      price: fc.constantFrom(1e9, 50),
      unitCost: fc.constantFrom(0, 10),
      latePenaltyPerUnit: big,
      unitWeightKg: fc.constantFrom(0, 1, 1e5),
      onHand: big,
      inTransit: fc.array(fc.record({ quantity: big, arrivalDate: date }), { maxLength: 2 }),
      onOrder: big,
      salesBeforePromo: big,
      moq: big,
      casePack: fc.constantFrom(1, 7, 1e6),
      productionLeadTimeDays: fc.constantFrom(0, 30, 365),
      maxUnits: fc.option(big, { nil: undefined }),
    });
  const planBody = fc.record({
    asOf: fc.constantFrom('2026-01-01', '2026-06-01', '2026-11-01'),
    promo: fc.record({ start: fc.constantFrom('2026-11-27', '2027-06-01'), days: fc.constantFrom(1, 4, 366), coverageDaysAfter: fc.constantFrom(0, 14, 300), cutoffDaysBefore: fc.constantFrom(0, 15, 120) }),
    onTimeProbability: fc.constantFrom(1e-9, 0.5, 0.95, 0.999999),
    modes: fc.tuple(mode('sea'), mode('air')),
    warehouse: fc.record({ receivingDays: fc.constantFrom(0, 120), capacityUnits: big, capacityM3: big }),
    shipments: fc.oneof(
      fc.constant({ method: 'auto' }),
      fc.constant({ method: 'given', batches: [{ mode: 'sea', share: 0.5 }, { mode: 'air', share: 0.25 }, { mode: 'sea', share: 0.125 }, { mode: 'air', share: 0.0625 }, { mode: 'sea', share: 0.03125 }, { mode: 'air', share: 0.03125 }] }),
    ),
    skus: fc.tuple(sku(0), sku(1)),
  });

  it('never answers 5xx or a non-finite number', async () => {
    await fc.assert(
      fc.asyncProperty(planBody, async (body) => {
        const plan = structuredClone(body) as Record<string, unknown> & { modes: Array<Record<string, unknown>> };
        // The automatic split needs a cost for every mode.
        if ((plan.shipments as { method: string }).method === 'auto') for (const m of plan.modes) m.costPerUnit ??= 1;
        const res = await post(plan);
        expect(res.status === 200 || res.status === 422 || res.status === 400).toBe(true);
        const text = await res.text();
        if (res.status === 200) {
          expect(text).not.toMatch(/\bNaN\b|Infinity|null/);
          expect(allFinite(JSON.parse(text))).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});
