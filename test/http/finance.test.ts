import { describe, expect, it } from 'vitest';
import { createCashApp } from '../../functions/cash/app.js';

const app = createCashApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024 });

describe('finance endpoints for spreadsheet cells', () => {
  it('NPV as a plain value from a GET query (Excel NPV help example: 1,188.44)', async () => {
    const res = await app.request('/v1/finance/npv?rate=0.1&cashFlows=-10000,3000,4200,6800&timing=end&format=value');
    expect(res.status).toBe(200);
    expect(Number(await res.text())).toBeCloseTo(1188.44, 2);
  });

  it('IRR and PMT over POST, and a 400 naming the field when the flows never change sign', async () => {
    const post = (path: string, body: unknown) => app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const irr = (await (await post('/v1/finance/irr', { cashFlows: [-70000, 12000, 15000, 18000, 21000, 26000] })).json()) as { irr: number };
    expect(irr.irr).toBeCloseTo(0.0866, 4);
    const pmt = (await (await post('/v1/finance/pmt', { rate: 0.08 / 12, nper: 10, pv: 10000 })).json()) as { payment: number };
    expect(pmt.payment).toBeCloseTo(-1037.03, 2);
    const bad = await post('/v1/finance/irr', { cashFlows: [100, 200] });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ path: string }> }).errors[0]!.path).toBe('/cashFlows');
  });
});
