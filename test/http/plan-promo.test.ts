/**
 * POST/GET /v1/plan through the plan function's app: JSON, CSV and value forms, the query form,
 * problem+json with JSON pointers into the plan request for invalid input (400) and for the domain
 * errors of the chained calculations (422), and the scenario kind `plan`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planCalculation, type PromoPlanResult } from '../../core/plan/promo-plan.js';
import { calculationOfKind } from '../../core/scenario/model.js';
import { createPlanApp } from '../../functions/plan/app.js';
import { handPlan } from '../fixtures/plan-promo-examples.js';
import { allFinite } from '../helpers.js';

const app = createPlanApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024 });
const post = (body: unknown, query = '') =>
  app.request(`/v1/plan${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function problem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { type: string; errors: Array<{ path: string; message: string }> };
  expect(body.type).toBe(`/problems/${type}`);
  return body;
}

describe('POST /v1/plan', () => {
  it('answers the documented example with every part', async () => {
    const res = await post(planCalculation.example);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toMatch(/\bNaN\b|Infinity|null/);
    const body = JSON.parse(text) as PromoPlanResult;
    expect(body.method).toBe('promo-plan');
    expect(Object.keys(body.landedCost)).toEqual(['sea', 'air']);
    expect(body.stockPlan.totals.unitsToProduce).toBe(body.totals.units);
    expect(body.cashFlow.summary.peakFundingNeed).toBe(body.totals.peakFundingNeed);
    expect(body.decisions.length).toBeGreaterThan(0);
    expect(allFinite(body)).toBe(true);
  });

  it('gives one CSV row per SKU and the peak funding need as the value', async () => {
    const res = await post(handPlan(), '?format=csv');
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'sku,class,demandMean,expectedSales,fillRate,quantityToProduce,cartons,unitsByMode,latestOrderDate,firstShipByDate,landedCostPerUnit,totalCostPerUnit,price,contributionPerUnit,margin,breakEvenPrice,expectedRevenue,expectedContribution,revenueShare,expectedLeftover',
    );
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 11).join(','))).toEqual([
      'A,A,1000,1000,1,1000,20,sea 600 + air 400,2026-09-18,2026-10-08,13.26',
      'B,B,500,500,1,500,20,sea 300 + air 200,2026-09-18,2026-10-08,7.38',
    ]);
    expect(await (await post(handPlan(), '?format=value')).text()).toBe('5450');
    expect(await (await post(handPlan(), '?format=value&field=totals.units')).text()).toBe('1500');
    expect(await (await post(handPlan(), '?format=value&field=skus.0.landedCost.perUnit.landedCost')).text()).toBe('13.26');
  });

  it('answers the query form (GET) like the body form', async () => {
    const q = new URLSearchParams({
      asOf: '2026-09-01',
      'promo.start': '2026-11-27',
      'promo.end': '2026-11-30',
      'stockPlan.modes.0.name': 'sea',
      'stockPlan.modes.0.transitDays': '30',
      'stockPlan.warehouse.receivingDays': '5',
      'skus.0.sku': 'A',
      'skus.0.demand.source': 'normal',
      'skus.0.demand.mean': '1000',
      'skus.0.demand.stdDev': '0',
      'skus.0.policy.type': 'multiplier',
      'skus.0.policy.factor': '1',
      'skus.0.price': '40',
      'skus.0.casePack': '50',
      'skus.0.costs.unitCost': '10',
      'skus.0.costs.weight': '1',
      'skus.0.costs.length': '20',
      'skus.0.costs.width': '10',
      'skus.0.costs.height': '10',
      'landedCost.shipment.origin': 'CN',
      'landedCost.shipment.destination': 'US',
      'landedCost.freightByMode.sea.mode': 'sea-lcl',
      'cashFlow.openingCash': '5000',
      'cashFlow.payout.preset': 'generic',
      format: 'value',
      field: 'totals.units',
    });
    const res = await app.request(`/v1/plan?${q}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('1000');
  });

  it('answers 400 naming every invalid field by its pointer in the plan request', async () => {
    const body = handPlan() as Record<string, any>;
    body.skus[0].costs.weight = -1;
    body.cashFlow.openingCash = 'lots';
    body.landedCost.freightByMode.sea.mode = 'boat';
    const res = await problem(await post(body), 400, 'validation');
    const paths = res.errors.map((e) => e.path);
    for (const p of ['/skus/0/costs/weight', '/cashFlow/openingCash', '/landedCost/freightByMode/sea/mode']) expect(paths).toContain(p);
  });

  it('answers 400 for the chained schemas’ cross-field rules, with plan paths', async () => {
    const body = handPlan() as Record<string, any>;
    delete body.landedCost.freightByMode.air;
    body.stockPlan.shipments.batches[1].mode = 'rail';
    const res = await problem(await post(body), 400, 'validation');
    expect(res.errors).toContainEqual({ path: '/landedCost/freightByMode', message: 'no freight quote for mode "air": give landedCost.freightByMode.air' });
    expect(res.errors.map((e) => e.path)).toContain('/stockPlan/shipments/batches/1/mode');
  });

  it('answers 422 with the chained calculation’s code and the plan path', async () => {
    const late = await problem(await post(handPlan({ asOf: '2026-11-20' })), 422, 'stock-plan.cutoff-passed');
    expect(late.errors[0]!.path).toBe('/promo/cutoffDaysBefore');
    const nowhere = await problem(await post(handPlan({ landed: { shipment: { origin: 'CN', destination: 'BR' } } })), 422, 'landed-cost.destination-not-covered');
    expect(nowhere.errors[0]!.path).toBe('/landedCost/shipment/destination');
    const body = handPlan() as Record<string, any>;
    body.skus[0].demand.mean = 30_000_000;
    const huge = await problem(await post(body), 422, 'plan.chained-input-out-of-bounds');
    expect(huge.errors[0]!.path).toBe('/skus/0');
  });

  it('is the scenario kind plan', () => {
    expect(calculationOfKind('plan')).toBe(planCalculation);
  });
});

describe('random valid plans at the bounds', () => {
  const big = fc.oneof(fc.constantFrom(0, 1e-300, 5e-324, 1, 1e9), fc.double({ min: 0, max: 1e9, noNaN: true }));
  const positive = fc.oneof(fc.constantFrom(1e-300, 5e-324, 0.01, 1, 1e9), fc.double({ min: 1e-6, max: 1e9, noNaN: true }));
  const sku = (i: number) =>
    fc.record({
      sku: fc.constant(`S${i}`),
      demand: fc.record({ source: fc.constant('normal'), mean: big, stdDev: big }),
      policy: fc.oneof(fc.record({ type: fc.constant('multiplier'), factor: fc.constantFrom(0, 1, 10) }), fc.record({ type: fc.constant('statistical'), serviceLevel: fc.constantFrom(0.5, 0.999999) })),
      price: positive,
      onHand: big,
      moq: big,
      casePack: fc.constantFrom(1, 7, 100000, 1e6),
      productionLeadTimeDays: fc.constantFrom(0, 30, 365),
      costs: fc.record({
        unitCost: big,
        weight: fc.constantFrom(1e-9, 1, 1e6),
        length: fc.constantFrom(1e-9, 10, 1e4),
        width: fc.constantFrom(1, 10),
        height: fc.constantFrom(1, 10),
        dutyRate: fc.constantFrom(0, 0.3, 10),
        contentCost: big,
      }),
    });
  const planBody = fc.record({
    asOf: fc.constantFrom('2026-01-01', '2026-09-01', '2026-11-10'),
    promo: fc.record({ start: fc.constantFrom('2026-11-27', '2027-06-01'), days: fc.constantFrom(1, 4, 60), coverageDaysAfter: fc.constantFrom(0, 14, 300), cutoffDaysBefore: fc.constantFrom(0, 15) }),
    stockPlan: fc.record({
      modes: fc.constant([
        { name: 'sea', transitDays: 30, transitStdDevDays: 5 },
        { name: 'air', transitDays: 5, transitStdDevDays: 1 },
      ]),
      shipments: fc.constant({ method: 'given', batches: [{ mode: 'sea', share: 0.5 }, { mode: 'air', share: 0.5 }] }),
    }),
    skus: fc.tuple(sku(0), sku(1)),
    landedCost: fc.record({
      shipment: fc.constantFrom({ origin: 'CN', destination: 'US' }, { origin: 'CN', destination: 'DE', vatRegistered: true }),
      freightByMode: fc.record({ sea: fc.record({ mode: fc.constant('sea-lcl'), rate: big }), air: fc.record({ mode: fc.constant('air'), rate: big }) }),
      warehouse: fc.record({ inboundPerUnit: big, storageRate: big, outboundPerUnit: big }),
      selling: fc.record({ lastMilePerUnit: big, commissionRate: fc.constantFrom(0, 0.15, 1), returnRate: fc.constantFrom(0, 0.5) }),
    }),
    cashFlow: fc.record({ openingCash: big, payout: fc.record({ preset: fc.constantFrom('amazon-us', 'generic') }), stress: fc.constant([{ name: 'late', delayDays: 365, payoutHoldDays: 365 }]) }),
  });

  it('never answers 5xx or a non-finite number', async () => {
    await fc.assert(
      fc.asyncProperty(planBody, async (body) => {
        const res = await post(body);
        expect([200, 400, 422]).toContain(res.status);
        const text = await res.text();
        if (res.status === 200) {
          expect(text).not.toMatch(/\bNaN\b|Infinity|null/);
          expect(allFinite(JSON.parse(text))).toBe(true);
        }
      }),
      { numRuns: 80 },
    );
  });
});
