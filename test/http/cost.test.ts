import { describe, expect, it } from 'vitest';
import { landedCostCalculation } from '../../core/cost/landed-cost.js';
import { COST_LINES } from '../../core/cost/schema.js';
import { createCostApp } from '../../functions/cost/app.js';
import { allFinite } from '../helpers.js';

const app = createCostApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024 });
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('POST /v1/landed-cost', () => {
  it('answers the request example with every line, formula and rule', async () => {
    const res = await post('/v1/landed-cost', landedCostCalculation.example);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { skus: Array<{ sku: string; lines: Array<{ line: string; formula?: string }> }>; rulesApplied: Array<{ id: string }>; totals: { contribution: number } };
    expect(allFinite(body)).toBe(true);
    expect(body.skus.map((s) => s.sku)).toEqual(['LAMP-01', 'MUG-SET', 'YOGA-MAT']);
    expect(body.skus[0]!.lines.map((l) => l.line)).toEqual([...COST_LINES]);
    expect(body.skus[0]!.lines.every((l) => typeof l.formula === 'string')).toBe(true);
    expect(body.rulesApplied.map((r) => r.id)).toContain('de-vat-19');
    expect(body.totals.contribution).toBe(5801.53);
  });

  it('gives the primary number (landed cost per unit of the first SKU) and a CSV with one row per SKU', async () => {
    const value = await post('/v1/landed-cost?format=value', landedCostCalculation.example);
    expect(await value.text()).toBe('8.82');
    const other = await post('/v1/landed-cost?format=value&field=skus.2.perUnit.breakEvenPrice', landedCostCalculation.example);
    expect(await other.text()).toBe('26.62');
    const csv = await post('/v1/landed-cost', landedCostCalculation.example, { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[0]!.split(',').slice(0, 4)).toEqual(['sku', 'quantity', 'product', 'freight']);
    expect(rows[1]!.startsWith('LAMP-01,400,7.42,0.84,')).toBe(true);
  });

  it('400 names each bad field: duplicate SKU, a currency without a rate', async () => {
    const example = landedCostCalculation.example;
    const res = await post('/v1/landed-cost', { ...example, fxRates: [{ currency: 'CNY', rate: 0.128 }], items: [...example.items, { ...example.items[0]! }] });
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/freight/currency', '/items/2/costCurrency', '/items/3/sku']));
  });

  it('422 problems: destination not on file, exchange rate missing for a threshold', async () => {
    const example = landedCostCalculation.example;
    const br = await post('/v1/landed-cost', { ...example, shipment: { ...example.shipment, destination: 'BR' } });
    expect(br.status).toBe(422);
    expect(((await br.json()) as { type: string }).type).toBe('/problems/landed-cost.destination-not-covered');
    const usd = await post('/v1/landed-cost', {
      currency: 'USD',
      shipment: { origin: 'CN', destination: 'DE', importDate: '2026-07-01', consignment: 'parcel-per-order' },
      items: [{ sku: 'A', quantity: 1, unitCost: 5, price: 30, weight: 0.2, length: 10, width: 10, height: 5 }],
      freight: { mode: 'express' },
    });
    expect(usd.status).toBe(422);
    const problem = (await usd.json()) as { type: string; errors: Array<{ path: string }> };
    expect(problem.type).toBe('/problems/landed-cost.fx-rate-missing');
    expect(problem.errors[0]!.path).toBe('/fxRates');
  });
});

describe('GET /v1/landed-cost/chargeable-weight (spreadsheet form)', () => {
  it('IATA air example as a plain value: 30 × 45 × 65 cm, 14 kg -> 15 kg', async () => {
    const res = await app.request('/v1/landed-cost/chargeable-weight?mode=air&length=30&width=45&height=65&weight=14&format=value');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('15');
  });

  it('other fields, CSV and POST', async () => {
    expect(await (await app.request('/v1/landed-cost/chargeable-weight?mode=express&length=75&width=40&height=40&weight=20&format=value&field=volumetricWeight')).text()).toBe('24');
    const csv = await app.request('/v1/landed-cost/chargeable-weight?mode=sea-lcl&length=60&width=150&height=200&weight=3000&format=csv');
    expect(await csv.text()).toContain('revenueTons,3');
    const body = (await (await post('/v1/landed-cost/chargeable-weight', { mode: 'express', measurement: 'imperial', length: 16, width: 12, height: 10, weight: 9.2 })).json()) as { chargeableWeight: number; weightUnit: string };
    expect(body).toMatchObject({ chargeableWeight: 14, weightUnit: 'lb' });
  });

  it('400 for a bad mode or a missing dimension', async () => {
    const res = await app.request('/v1/landed-cost/chargeable-weight?mode=ship&length=1&width=1&weight=1');
    expect(res.status).toBe(400);
    const paths = ((await res.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/mode', '/height']));
  });
});
