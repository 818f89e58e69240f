/**
 * POST/GET /v1/forecast/target through the shared calculation route: JSON, validation problems by
 * JSON pointer, the GET query form, CSV (one row per SKU) and the single-value form.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forecastTargetCalculation } from '../../core/forecast/target.js';
import { createApp } from '../../functions/http/app.js';
import { mountCalculation } from '../../functions/http/calculation-route.js';
import { allFinite } from '../helpers.js';
import { workedTarget } from '../fixtures/forecast-target-examples.js';

const config = { corsOrigins: '*' as const, maxBodyBytes: 1024 * 1024 };
const app = createApp(config);
mountCalculation(app, forecastTargetCalculation);

const PATH = '/v1/forecast/target';
const post = (body: unknown, query = '', headers: Record<string, string> = {}) =>
  app.request(`${PATH}${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

/** The worked example of test/unit/forecast-target.test.ts (2,405 units → 1,203 / 721 / 481). */
const worked = workedTarget;

async function validationErrors(res: Response) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const body = (await res.json()) as { type: string; detail: string; errors: Array<{ path: string; message: string }> };
  expect(body.type).toBe('/problems/validation');
  return body.errors;
}

describe('POST /v1/forecast/target', () => {
  it('answers the worked example with totals, per-SKU allocations that add up, and warnings', async () => {
    const res = await post(worked);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as Record<string, any>;
    expect(body).toMatchObject({ method: 'gmv-target', currency: 'USD', minorUnitDigits: 2, orders: 2004, totalUnits: 2405, revenue: 100_200, netRevenue: 90_180 });
    expect(body.skus.map((s: any) => s.units)).toEqual([1203, 721, 481]);
    expect(body.skus.map((s: any) => s.revenue)).toEqual([44_043.96, 29_729.67, 26_426.37]);
    expect(body.checks).toMatchObject({ unitsSumMatches: true, revenueSumMatches: true, netRevenueSumMatches: true });
    expect(body.priceCheck).toMatchObject({ impliedRevenue: 109_418.4, gap: 9_218.4 });
    expect(body.forecastCheck).toMatchObject({ notBackedSkus: ['C'], gap: 505 });
    expect(body.warnings).toHaveLength(2);
    expect(allFinite(body)).toBe(true);
  });

  it('takes the traffic form', async () => {
    const res = await post({ currency: 'JPY', traffic: 120_000, conversionRate: 0.021, averageOrderValue: 4_980, mix: [{ sku: 'X', share: 0.6 }, { sku: 'Y', share: 0.4 }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, any>;
    // 120,000 × 2.1% = 2,520 orders × ¥4,980 = ¥12,549,600; 2,520 units → 1,512 / 1,008.
    expect(body).toMatchObject({ method: 'traffic-funnel', revenue: 12_549_600, totalUnits: 2520 });
    expect(body.skus.map((s: any) => [s.units, s.revenue])).toEqual([
      [1512, 7_529_760],
      [1008, 5_019_840],
    ]);
  });

  it('returns 400 naming every invalid field by JSON pointer', async () => {
    const errors = await validationErrors(
      await post({ currency: 'usd', gmvTarget: -1, averageOrderValue: 50, unitsPerOrder: 0, returnRate: 1.2, mixBasis: 'value', mix: [{ sku: '', share: 2, price: 0, extra: 1 }] }),
    );
    expect(errors.map((e) => e.path).sort()).toEqual(['/currency', '/gmvTarget', '/mix/0', '/mix/0/price', '/mix/0/share', '/mix/0/sku', '/mixBasis', '/returnRate', '/unitsPerOrder'].sort());
  });

  it('reports the mix rules at the field they are about', async () => {
    const sum = await validationErrors(await post({ ...worked, mix: [{ sku: 'A', share: 0.5 }, { sku: 'B', share: 0.3 }] }));
    expect(sum).toEqual([{ path: '/mix', message: expect.stringMatching(/shares .*add up to 0\.8, not 1/) }]);
    const dup = await validationErrors(await post({ ...worked, mix: [{ sku: 'A', share: 0.5 }, { sku: 'A', share: 0.5 }] }));
    expect(dup).toEqual([{ path: '/mix/1/sku', message: expect.stringContaining('duplicate SKU "A" (also at mix/0)') }]);
    const price = await validationErrors(await post({ ...worked, mixBasis: 'revenue', mix: [{ sku: 'A', share: 0.5 }, { sku: 'B', share: 0.5, price: 10 }] }));
    expect(price).toEqual([{ path: '/mix/0/price', message: expect.stringContaining('mixBasis is revenue') }]);
    const empty = await validationErrors(await post({ ...worked, mix: [] }));
    expect(empty.map((e) => e.path)).toEqual(['/mix']);
    const tooMany = await validationErrors(await post({ ...worked, mix: Array.from({ length: 1001 }, (_, i) => ({ sku: `S${i}`, share: 1 / 1001 })) }));
    expect(tooMany.map((e) => e.path)).toEqual(['/mix']);
  });

  it('reports the target rules at the field they are about', async () => {
    const { gmvTarget: _, ...noTarget } = worked;
    expect((await validationErrors(await post(noTarget))).map((e) => e.path)).toEqual(['/gmvTarget']);
    expect((await validationErrors(await post({ ...worked, traffic: 1000, conversionRate: 0.02 }))).map((e) => e.path)).toEqual(['/traffic']);
    expect((await validationErrors(await post({ ...noTarget, traffic: 1000 }))).map((e) => e.path)).toEqual(['/conversionRate']);
    const { averageOrderValue: __, ...noAov } = worked;
    expect((await validationErrors(await post(noAov))).map((e) => e.path)).toEqual(['/averageOrderValue']);
    expect((await validationErrors(await post({ ...worked, averageOrderValue: 1e-5 }))).map((e) => e.path)).toEqual(['/averageOrderValue']);
    expect((await validationErrors(await post({ ...worked, unknownField: 1 })))[0]!.message).toMatch(/unknownField/);
  });

  it('format=value gives total units by default, or a named field', async () => {
    const res = await post(worked, '?format=value');
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await res.text()).toBe('2405');
    expect(await (await post(worked, '?format=value&field=revenue')).text()).toBe('100200');
    expect(await (await post(worked, '?format=value&field=skus.2.units')).text()).toBe('481');
    expect(await (await post(worked, '?format=value&field=priceCheck.gap')).text()).toBe('9218.4');
  });

  it('format=csv and Accept: text/csv return one row per SKU, blank where a SKU has no value', async () => {
    const res = await post(worked, '?format=csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain('forecast/target.csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toBe('sku,shareOfUnits,shareOfRevenue,unitsExact,units,revenue,netUnits,netRevenue,price,impliedRevenue,forecastUnits,forecastGap,forecastRatio');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^A,0\.5,0\.4395604395\d*,1202\.\d+,1203,44043\.96,1082\.\d+,39639\.56,40,48096,1000,203,1\.203$/);
    const viaAccept = await post({ currency: 'EUR', gmvTarget: 1000, averageOrderValue: 10, mix: [{ sku: 'a,"b"', share: 1 }] }, '', { accept: 'text/csv' });
    const rows = (await viaAccept.text()).trim().split('\r\n');
    expect(rows).toEqual([rows[0], '"a,""b""",1,1,100,100,1000,100,1000,,,,,']);
  });
});

describe('GET /v1/forecast/target', () => {
  it('validates the query like the body, naming each field', async () => {
    const errors = await validationErrors(await app.request(`${PATH}?currency=usd&gmvTarget=abc&averageOrderValue=50&unitsPerOrder=1.2`));
    expect(errors.map((e) => e.path).sort()).toEqual(['/currency', '/gmvTarget', '/mix']);
    expect(errors.find((e) => e.path === '/mix')!.message).toMatch(/Required/);
  });

  it('takes the mix as dotted array indexes (mix.0.sku=A) and answers like POST', async () => {
    const query = 'currency=USD&gmvTarget=1000&averageOrderValue=10&mix.0.sku=A&mix.0.share=0.6&mix.1.sku=B&mix.1.share=0.4';
    const viaGet = await (await app.request(`${PATH}?${query}`)).json();
    const viaPost = await (
      await app.request(PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ currency: 'USD', gmvTarget: 1000, averageOrderValue: 10, mix: [{ sku: 'A', share: 0.6 }, { sku: 'B', share: 0.4 }] }),
      })
    ).json();
    expect(viaGet).toEqual(viaPost);
  });
});

describe('never a 5xx, every 200 finite (fast-check over near-valid bodies)', () => {
  const num = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, 0.5, 1e-300, 5e-324, 1e9, 1e12, -1), fc.integer({ min: 0, max: 1e6 }));
  const item = fc.record(
    { sku: fc.constantFrom('A', 'B', 'C', ''), share: fc.oneof(num, fc.constantFrom(0, 0.25, 0.5, 1)), price: num, forecastUnits: num },
    { requiredKeys: ['sku', 'share'] },
  );
  const body = fc.record(
    {
      currency: fc.constantFrom('USD', 'JPY', 'KWD', 'usd', 'X'),
      gmvTarget: num,
      traffic: num,
      conversionRate: num,
      averageOrderValue: num,
      unitsPerOrder: num,
      returnRate: num,
      mixBasis: fc.constantFrom('units', 'revenue', 'x'),
      mix: fc.array(item, { maxLength: 4 }),
    },
    { requiredKeys: ['currency', 'mix'] },
  );
  it('answers 200 or a 400 problem', async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await post(b);
        expect([200, 400]).toContain(res.status);
        const json = await res.json();
        if (res.status === 200) expect(allFinite(json)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
