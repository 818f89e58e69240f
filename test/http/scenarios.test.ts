/**
 * Saved scenarios through HTTP on dynalite: CRUD and versions, conditional requests, tenant
 * isolation on every route, API keys, idempotent create, concurrency, paging and faults.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planCalculation } from '../../core/plan/promo-plan.js';
import { createStockApp } from '../../functions/stock/app.js';
import { eoqInput, FaultyHandler, scenarioEnv, startEmulator, TEST_CONFIG, type Emulator, type ScenarioEnv } from '../scenario-helpers.js';

let emulator: Emulator;
let env: ScenarioEnv;

beforeAll(async () => {
  emulator = await startEmulator();
  env = await scenarioEnv(emulator);
});
afterAll(async () => {
  await emulator.close();
});

async function create(e: ScenarioEnv, body: object, key?: string, headers: Record<string, string> = {}) {
  const res = await e.call('/v1/scenarios', { body, ...(key ? { key } : {}), headers });
  return { res, json: (await res.json()) as any };
}

describe('CRUD and versions', () => {
  it('creates, reads, replaces, patches, lists versions, deletes', async () => {
    const { res, json } = await create(env, { name: 'BF hero EOQ', kind: 'eoq', input: eoqInput(), tags: ['bf-2026'] });
    expect(res.status).toBe(201);
    expect(json.id).toMatch(/^scn_[0-9A-Z]{26}$/);
    expect(json).toMatchObject({ name: 'BF hero EOQ', kind: 'eoq', version: 1, tags: ['bf-2026'], input: eoqInput() });
    expect(res.headers.get('location')).toBe(`/v1/scenarios/${json.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');

    const got = await env.call(`/v1/scenarios/${json.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"v1"');
    expect(await got.json()).toMatchObject({ id: json.id, version: 1, input: eoqInput() });
    expect((await env.call(`/v1/scenarios/${json.id}`, { headers: { 'If-None-Match': '"v1"' } })).status).toBe(304);

    const put = await env.call(`/v1/scenarios/${json.id}`, { method: 'PUT', body: { name: 'BF hero EOQ v2', kind: 'eoq', input: eoqInput(15_000) }, headers: { 'If-Match': '"v1"' } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"v2"');
    expect(await put.json()).toMatchObject({ version: 2, name: 'BF hero EOQ v2', tags: [], input: { annualDemand: 15_000 } });

    const patch = await env.call(`/v1/scenarios/${json.id}`, { method: 'PATCH', body: { tags: ['bf-2026', 'hero'] }, headers: { 'If-Match': '"v2"' } });
    expect(patch.status).toBe(200);
    expect(await patch.json()).toMatchObject({ version: 3, name: 'BF hero EOQ v2', tags: ['bf-2026', 'hero'], input: { annualDemand: 15_000 } });

    const versions = (await (await env.call(`/v1/scenarios/${json.id}/versions`)).json()) as any;
    expect(versions.items.map((v: any) => [v.version, v.name])).toEqual([
      [1, 'BF hero EOQ'],
      [2, 'BF hero EOQ v2'],
      [3, 'BF hero EOQ v2'],
    ]);
    const v1 = (await (await env.call(`/v1/scenarios/${json.id}/versions/1`)).json()) as any;
    expect(v1).toMatchObject({ version: 1, input: eoqInput(), tags: ['bf-2026'] });
    expect((await env.call(`/v1/scenarios/${json.id}/versions/4`)).status).toBe(404);

    const stale = await env.call(`/v1/scenarios/${json.id}`, { method: 'DELETE', headers: { 'If-Match': '"v2"' } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect((await env.call(`/v1/scenarios/${json.id}`, { method: 'DELETE', headers: { 'If-Match': '"v3"' } })).status).toBe(204);
    expect((await env.call(`/v1/scenarios/${json.id}`)).status).toBe(404);
    expect((await env.call(`/v1/scenarios/${json.id}/versions`)).status).toBe(404);
  });

  it('requires If-Match to change or delete (428) and refuses a stale one (412)', async () => {
    const { json } = await create(env, { name: 'x', kind: 'eoq', input: eoqInput() });
    const noMatch = await env.call(`/v1/scenarios/${json.id}`, { method: 'PATCH', body: { name: 'y' } });
    expect(noMatch.status).toBe(428);
    expect(((await noMatch.json()) as any).type).toBe('/problems/scenario.precondition-required');
    expect((await env.call(`/v1/scenarios/${json.id}`, { method: 'DELETE' })).status).toBe(428);
    expect((await env.call(`/v1/scenarios/${json.id}`, { method: 'PATCH', body: { name: 'y' }, headers: { 'If-Match': 'W/"v1"' } })).status).toBe(412);
    expect((await env.call(`/v1/scenarios/${json.id}`, { method: 'PATCH', body: { name: 'y' }, headers: { 'If-Match': '*' } })).status).toBe(200);
    // The kind of a scenario is fixed.
    const kind = await env.call(`/v1/scenarios/${json.id}`, { method: 'PUT', body: { name: 'z', kind: 'safety-stock', input: { demandMean: 1, demandStdDev: 1, leadTime: 1, serviceLevel: 0.9 } }, headers: { 'If-Match': '"v2"' } });
    expect(kind.status).toBe(422);
  });

  it('validates the input with the calculation schema, naming fields under /input', async () => {
    const res = await env.call('/v1/scenarios', { body: { name: '', kind: 'eoq', input: { annualDemand: -5, orderingCost: 'x' } } });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as any;
    expect(problem.errors.map((e: any) => e.path)).toEqual(['/name']);
    const inner = await env.call('/v1/scenarios', { body: { name: 'ok', kind: 'eoq', input: { annualDemand: -5, orderingCost: 'x' } } });
    expect(inner.status).toBe(400);
    expect(((await inner.json()) as any).errors.map((e: any) => e.path).sort()).toEqual(['/input/annualDemand', '/input/orderingCost']);
    expect((await env.call('/v1/scenarios', { body: { name: 'ok', kind: 'nope', input: {} } })).status).toBe(400);
  });

  it('answers 413 for a scenario too big to store', async () => {
    const history = Array.from({ length: 5000 }, (_, i) => 123456.789012345 + i);
    const res = await env.call('/v1/scenarios', {
      body: { name: 'big', kind: 'forecast-batch', input: { defaults: { horizon: 4 }, series: Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, history })) } },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).type).toBe('/problems/scenario.too-large');
  });

  it('runs a saved scenario, stores the result with the engine version, and compares scenarios', async () => {
    const a = (await create(env, { name: 'base', kind: 'eoq', input: eoqInput(12_000) })).json;
    const b = (await create(env, { name: 'double', kind: 'eoq', input: eoqInput(48_000) })).json;
    const run = await env.call(`/v1/scenarios/${a.id}/run`, { body: { store: true } });
    expect(run.status).toBe(200);
    const ran = (await run.json()) as any;
    // EOQ = sqrt(2·12,000·4,000/100) = 979.80 (Chopra & Meindl, Example 11-1 figures).
    expect(ran.result.quantity).toBeCloseTo(979.795897, 5);
    expect(ran).toMatchObject({ stored: true, engineVersion: '0.1.0', scenario: { id: a.id, version: 1 } });
    const stored = (await (await env.call(`/v1/scenarios/${a.id}/result`)).json()) as any;
    expect(stored).toMatchObject({ current: true, scenarioVersion: 1, engineVersion: '0.1.0' });
    expect(stored.result.quantity).toBeCloseTo(979.795897, 5);

    const cmp = await env.call('/v1/scenarios/compare', { body: { ids: [a.id, b.id] } });
    expect(cmp.status).toBe(200);
    const table = (await cmp.json()) as any;
    expect(table.kind).toBe('eoq');
    expect(table.scenarios[0].figures.quantity).toBeCloseTo(979.795897, 5);
    // Four times the demand doubles the EOQ (square root law).
    expect(table.scenarios[1].figures.quantity).toBeCloseTo(2 * 979.795897, 5);
    expect(table.scenarios[1].differenceToFirst.quantity).toBeCloseTo(979.795897, 5);

    const other = (await create(env, { name: 'ss', kind: 'safety-stock', input: { demandMean: 100, demandStdDev: 20, leadTime: 2, serviceLevel: 0.95 } })).json;
    expect((await env.call('/v1/scenarios/compare', { body: { ids: [a.id, other.id] } })).status).toBe(422);
  });
});

describe('plan scenarios', () => {
  it('saves the promo plan as kind plan, runs it and compares two versions of the push', async () => {
    const example = planCalculation.example as Record<string, any>;
    const base = (await create(env, { name: 'BF26 plan', kind: 'plan', input: example })).json;
    const richer = (await create(env, { name: 'BF26 plan, more cash', kind: 'plan', input: { ...example, cashFlow: { ...example.cashFlow, openingCash: example.cashFlow.openingCash + 50_000 } } })).json;
    const run = (await (await env.call(`/v1/scenarios/${base.id}/run`, { body: {} })).json()) as any;
    expect(run.result).toEqual(planCalculation.compute(planCalculation.input.parse(example)));
    const cmp = (await (await env.call('/v1/scenarios/compare', { body: { ids: [base.id, richer.id] } })).json()) as any;
    expect(cmp.kind).toBe('plan');
    // More opening cash: the same plan, so the same profit; the funding need can only fall.
    expect(cmp.scenarios[0].figures['totals.units']).toBeGreaterThan(0);
    expect(cmp.scenarios[1].figures['totals.units']).toBe(cmp.scenarios[0].figures['totals.units']);
    expect(cmp.scenarios[0].figures[planCalculation.primary]).toBeGreaterThan(0);
    expect(cmp.scenarios[1].figures[planCalculation.primary]).toBeLessThanOrEqual(cmp.scenarios[0].figures[planCalculation.primary]);
  });
});

describe('listing', () => {
  it('filters by kind and tag, newest first, with a signed cursor bound to tenant and filters', async () => {
    const e = await scenarioEnv(emulator);
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await create(e, { name: `s${i}`, kind: i % 2 ? 'eoq' : 'safety-stock', input: i % 2 ? eoqInput() : { demandMean: 10, demandStdDev: 2, leadTime: 1, serviceLevel: 0.9 }, tags: i < 3 ? ['early'] : [] })).json.id);
    const page1 = (await (await e.call('/v1/scenarios?limit=3')).json()) as any;
    expect(page1.items.map((s: any) => s.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(page1.items[0].input).toBeUndefined();
    const page2 = (await (await e.call(`/v1/scenarios?limit=3&cursor=${page1.next}`)).json()) as any;
    expect(page2.items.map((s: any) => s.id)).toEqual([ids[3], ids[2], ids[1]]);
    const page3 = (await (await e.call(`/v1/scenarios?limit=3&cursor=${page2.next}`)).json()) as any;
    expect(page3.items.map((s: any) => s.id)).toEqual([ids[0]]);
    expect(page3.next).toBeUndefined();

    const eoq = (await (await e.call('/v1/scenarios?kind=eoq')).json()) as any;
    expect(eoq.items.map((s: any) => s.id)).toEqual([ids[5], ids[3], ids[1]]);
    const early = (await (await e.call('/v1/scenarios?tag=early&limit=2')).json()) as any;
    expect(early.items.map((s: any) => s.id)).toEqual([ids[2], ids[1]]);
    const earlyNext = (await (await e.call(`/v1/scenarios?tag=early&limit=2&cursor=${early.next}`)).json()) as any;
    expect(earlyNext.items.map((s: any) => s.id)).toEqual([ids[0]]);

    // Tampered, replayed with other filters, or used by another tenant: 400.
    const [payload, mac] = page1.next.split('.');
    const forged = Buffer.from(JSON.stringify([ids[0], null, null])).toString('base64url') + '.' + mac;
    for (const [path, key] of [
      [`/v1/scenarios?cursor=${forged}`, e.keyA],
      [`/v1/scenarios?limit=3&cursor=${payload}.${mac.slice(0, -2)}AA`, e.keyA],
      [`/v1/scenarios?kind=eoq&cursor=${page1.next}`, e.keyA],
      [`/v1/scenarios?limit=3&cursor=${page1.next}`, e.keyB],
    ] as const) {
      const res = await e.call(path, { key });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as any).type).toBe('/problems/scenario.invalid-cursor');
    }
    expect((await e.call('/v1/scenarios?limit=0')).status).toBe(400);
    expect((await e.call('/v1/scenarios?limit=101')).status).toBe(400);
    expect((await e.call('/v1/scenarios?colour=red')).status).toBe(400);
  });

  it('lists 1,000 scenarios created by 20 parallel clients exactly once across pages', async () => {
    const e = await scenarioEnv(emulator);
    const created = new Set<string>();
    await Promise.all(
      Array.from({ length: 20 }, async (_, client) => {
        for (let i = 0; i < 50; i++) {
          const { res, json } = await create(e, { name: `c${client}-${i}`, kind: 'eoq', input: eoqInput(1000 + i) });
          expect(res.status).toBe(201);
          created.add(json.id);
        }
      }),
    );
    expect(created.size).toBe(1000);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await (await e.call(`/v1/scenarios?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as any;
      seen.push(...page.items.map((s: any) => s.id));
      cursor = page.next;
    } while (cursor);
    expect(seen.length).toBe(1000);
    expect(new Set(seen)).toEqual(created);
    expect([...seen].sort().reverse()).toEqual(seen); // newest first
  }, 60_000);
});

describe('tenant isolation', () => {
  it("answers 404 for another tenant's scenario on every route and never lists it", async () => {
    const { json } = await create(env, { name: 'acme secret plan', kind: 'eoq', input: eoqInput() });
    await env.call(`/v1/scenarios/${json.id}/run`, { body: { store: true } });
    const mine = (await create(env, { name: 'globex own', kind: 'eoq', input: eoqInput() }, env.keyB)).json;
    const id = json.id;
    const routes: Array<[string, string, unknown?, Record<string, string>?]> = [
      ['GET', `/v1/scenarios/${id}`],
      ['PUT', `/v1/scenarios/${id}`, { name: 'x', kind: 'eoq', input: eoqInput() }, { 'If-Match': '"v1"' }],
      ['PATCH', `/v1/scenarios/${id}`, { name: 'x' }, { 'If-Match': '*' }],
      ['DELETE', `/v1/scenarios/${id}`, undefined, { 'If-Match': '*' }],
      ['GET', `/v1/scenarios/${id}/versions`],
      ['GET', `/v1/scenarios/${id}/versions/1`],
      ['POST', `/v1/scenarios/${id}/run`, {}],
      ['GET', `/v1/scenarios/${id}/result`],
      ['POST', '/v1/scenarios/compare', { ids: [mine.id, id] }],
    ];
    for (const [method, path, body, headers] of routes) {
      const res = await env.call(path, { method, key: env.keyB, ...(body !== undefined ? { body } : {}), ...(headers ? { headers } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const listed = (await (await env.call('/v1/scenarios?limit=100', { key: env.keyB })).json()) as any;
    expect(listed.items.map((s: any) => s.id)).toEqual([mine.id]);
    // Still intact for its owner.
    expect((await env.call(`/v1/scenarios/${id}`)).status).toBe(200);
  });
});

describe('API keys', () => {
  it('needs a valid secret key; a revoked key stops at once', async () => {
    expect((await env.call('/v1/scenarios', { key: null })).status).toBe(401);
    const bad = await env.call('/v1/scenarios', { key: 'sk_' + 'A'.repeat(32) });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('invalid_token');
    expect((await env.call('/v1/scenarios', { key: null, headers: { Authorization: 'Basic abc' } })).status).toBe(401);

    const { key, info } = await env.keys.create({ tenant: 'acme', label: 'temp' });
    expect((await env.call('/v1/scenarios', { key })).status).toBe(200);
    // The app's key store is another instance: revoke through it to see "at once on this instance".
    const appKeys = (await import('../../functions/storage/key-store.js')).DynamoKeyStore;
    expect(appKeys).toBeDefined();
    expect(await env.keys.revoke('acme', info.keyId)).toBe(true);
    const keys = await env.keys.list('acme');
    expect(keys.find((k) => k.keyId === info.keyId)?.revokedAt).toBeDefined();
    expect(keys.every((k) => !('key' in k))).toBe(true);
  });

  it('revocation is immediate on the revoking instance and bounded by the cache elsewhere', async () => {
    const e = await scenarioEnv(emulator);
    let now = 1_000_000;
    const { DynamoKeyStore, KEY_CACHE_MS } = await import('../../functions/storage/key-store.js');
    const instanceA = new DynamoKeyStore(e.client, e.table, () => now);
    const instanceB = new DynamoKeyStore(e.client, e.table, () => now);
    const { key, info } = await instanceA.create({ tenant: 'acme', label: 'rotating' });
    expect(await instanceA.verify(key)).toBeDefined();
    expect(await instanceB.verify(key)).toBeDefined();
    await instanceA.revoke('acme', info.keyId);
    expect(await instanceA.verify(key)).toBeUndefined();
    expect(await instanceB.verify(key)).toBeDefined(); // cached
    now += KEY_CACHE_MS + 1;
    expect(await instanceB.verify(key)).toBeUndefined();
  });

  it('publishable keys: calculations only, only from their origins; calculations can require a key', async () => {
    const { key: pk } = await env.keys.create({ tenant: 'acme', label: 'widget', kind: 'publishable', origins: ['https://shop.example'] });
    expect(pk.startsWith('pk_')).toBe(true);
    const forbidden = await env.call('/v1/scenarios', { key: pk, headers: { Origin: 'https://shop.example' } });
    expect(forbidden.status).toBe(403);
    const keys = new (await import('../../functions/storage/key-store.js')).DynamoKeyStore(env.client, env.table);
    const stock = createStockApp({ ...TEST_CONFIG, keys, requireApiKey: true });
    const calc = (headers: Record<string, string>) => stock.fetch(new Request('http://local/v1/eoq?annualDemand=1000&orderingCost=10&holdingCost=2', { headers }));
    expect((await calc({})).status).toBe(401);
    expect((await calc({ Authorization: `Bearer ${pk}`, Origin: 'https://shop.example' })).status).toBe(200);
    expect((await calc({ Authorization: `Bearer ${pk}`, Origin: 'https://evil.example' })).status).toBe(403);
    expect((await calc({ Authorization: `Bearer ${pk}` })).status).toBe(403);
    expect((await calc({ Authorization: `Bearer ${env.keyA}` })).status).toBe(200);
    // Open mode: anonymous calls pass, but a key that is sent is still checked.
    const open = createStockApp({ ...TEST_CONFIG, keys });
    expect((await open.fetch(new Request('http://local/v1/eoq?annualDemand=1000&orderingCost=10&holdingCost=2'))).status).toBe(200);
    expect((await open.fetch(new Request('http://local/v1/eoq?annualDemand=1000&orderingCost=10&holdingCost=2', { headers: { Authorization: 'Bearer sk_nope' } }))).status).toBe(401);
  });

  it('a key without the write scope can read but not write', async () => {
    const { key } = await env.keys.create({ tenant: 'acme', label: 'read only', scopes: ['scenarios:read'] });
    expect((await env.call('/v1/scenarios', { key })).status).toBe(200);
    expect((await env.call('/v1/scenarios', { key, body: { name: 'x', kind: 'eoq', input: eoqInput() } })).status).toBe(403);
  });
});

describe('idempotent create', () => {
  it('replays the first response for the same key and body, 422 for another body', async () => {
    const e = await scenarioEnv(emulator);
    const body = { name: 'idem', kind: 'eoq', input: eoqInput() };
    const first = await create(e, body, undefined, { 'Idempotency-Key': 'order-42' });
    const again = await create(e, { input: eoqInput(), kind: 'eoq', name: 'idem' }, undefined, { 'Idempotency-Key': 'order-42' });
    expect(first.res.status).toBe(201);
    expect(again.res.status).toBe(201);
    expect(again.res.headers.get('idempotent-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const other = await create(e, { ...body, name: 'other' }, undefined, { 'Idempotency-Key': 'order-42' });
    expect(other.res.status).toBe(422);
    expect(other.json.type).toBe('/problems/scenario.idempotency-key-reused');
    // Keys are per tenant: the same key for another tenant is a separate request.
    const b = await create(e, body, e.keyB, { 'Idempotency-Key': 'order-42' });
    expect(b.res.status).toBe(201);
    expect(b.json.id).not.toBe(first.json.id);
    const listed = (await (await e.call('/v1/scenarios')).json()) as any;
    expect(listed.items.length).toBe(1);
  });

  it('concurrent requests with the same key create exactly one scenario', async () => {
    const e = await scenarioEnv(emulator);
    const body = { name: 'race', kind: 'eoq', input: eoqInput() };
    const results = await Promise.all(Array.from({ length: 10 }, () => create(e, body, undefined, { 'Idempotency-Key': 'same' })));
    for (const r of results) expect([201, 409]).toContain(r.res.status);
    const ids = new Set(results.filter((r) => r.res.status === 201).map((r) => r.json.id));
    expect(ids.size).toBe(1);
    const listed = (await (await e.call('/v1/scenarios')).json()) as any;
    expect(listed.items.map((s: any) => s.id)).toEqual([...ids]);
  });
});

describe('concurrency', () => {
  it('50 concurrent updates with the same If-Match: exactly one wins, no version lost or duplicated', async () => {
    const { json } = await create(env, { name: 'contended', kind: 'eoq', input: eoqInput() });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        env.call(`/v1/scenarios/${json.id}`, { method: 'PUT', body: { name: `writer ${i}`, kind: 'eoq', input: eoqInput(1000 + i) }, headers: { 'If-Match': '"v1"' } }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length).toBe(1);
    expect(statuses.filter((s) => s === 412).length).toBe(49);
    const winner = (await results[statuses.indexOf(200)]!.json()) as any;
    const head = (await (await env.call(`/v1/scenarios/${json.id}`)).json()) as any;
    expect(head).toMatchObject({ version: 2, name: winner.name, input: winner.input });
    const versions = (await (await env.call(`/v1/scenarios/${json.id}/versions`)).json()) as any;
    expect(versions.items.map((v: any) => v.version)).toEqual([1, 2]);
    expect(versions.items[0].name).toBe('contended');
  });
});

describe('faults at the client', () => {
  it('throttling, server errors and timeouts: retried by the SDK, then 503 with Retry-After', async () => {
    const handler = new FaultyHandler();
    const e = await scenarioEnv(emulator, { handler });
    // One throttle: the SDK retries and the request succeeds.
    handler.queue.push('throttle');
    const ok = await create(e, { name: 'after one throttle', kind: 'eoq', input: eoqInput() });
    expect(ok.res.status).toBe(201);
    for (const fault of ['throttle', 'server-error', 'timeout', 'drop-before-send'] as const) {
      handler.always = fault;
      const res = await e.call('/v1/scenarios', { body: { name: fault, kind: 'eoq', input: eoqInput() } });
      handler.always = undefined;
      expect(res.status, fault).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as any).type).toBe('/problems/store.unavailable');
    }
    // Nothing half-written: only the first scenario exists.
    const listed = (await (await e.call('/v1/scenarios')).json()) as any;
    expect(listed.items.map((s: any) => s.name)).toEqual(['after one throttle']);
  });

  it('a connection dropped after the write landed: the retry recognises its own write (no 412, no duplicate)', async () => {
    const handler = new FaultyHandler();
    const e = await scenarioEnv(emulator, { handler });
    const { json } = await create(e, { name: 'drop', kind: 'eoq', input: eoqInput() });
    // Warm the key cache so the queued fault hits the scenario calls, not the key lookup.
    await e.call(`/v1/scenarios/${json.id}`);
    // PUT = GetItem (head), PutItem (version 1), PutItem (head): drop the connection after the head write lands.
    handler.queue.push('ok', 'ok', 'drop-after-write');
    const put = await e.call(`/v1/scenarios/${json.id}`, { method: 'PUT', body: { name: 'drop v2', kind: 'eoq', input: eoqInput(2000) }, headers: { 'If-Match': '"v1"' } });
    expect(put.status).toBe(200);
    const versions = (await (await e.call(`/v1/scenarios/${json.id}/versions`)).json()) as any;
    expect(versions.items.map((v: any) => [v.version, v.name])).toEqual([
      [1, 'drop'],
      [2, 'drop v2'],
    ]);
    // Create: drop after the conditional put landed; the scenario exists once and the answer is 201.
    handler.queue.push('drop-after-write');
    const created = await create(e, { name: 'dropped create', kind: 'eoq', input: eoqInput() });
    expect(created.res.status).toBe(201);
    const listed = (await (await e.call('/v1/scenarios')).json()) as any;
    expect(listed.items.filter((s: any) => s.name === 'dropped create').length).toBe(1);
  });

  it('a failure half-way through an update leaves the scenario consistent and updatable', async () => {
    const handler = new FaultyHandler();
    const e = await scenarioEnv(emulator, { handler });
    const { json } = await create(e, { name: 'half', kind: 'eoq', input: eoqInput() });
    await e.call(`/v1/scenarios/${json.id}`);
    // The version copy is written, then the head write fails on every try.
    handler.queue.push('ok', 'ok', 'server-error', 'server-error', 'server-error');
    const failed = await e.call(`/v1/scenarios/${json.id}`, { method: 'PUT', body: { name: 'half v2', kind: 'eoq', input: eoqInput(3000) }, headers: { 'If-Match': '"v1"' } });
    expect(failed.status).toBe(503);
    const head = (await (await e.call(`/v1/scenarios/${json.id}`)).json()) as any;
    expect(head).toMatchObject({ version: 1, name: 'half' });
    const versions = (await (await e.call(`/v1/scenarios/${json.id}/versions`)).json()) as any;
    expect(versions.items.map((v: any) => v.version)).toEqual([1]);
    const retry = await e.call(`/v1/scenarios/${json.id}`, { method: 'PUT', body: { name: 'half v2', kind: 'eoq', input: eoqInput(3000) }, headers: { 'If-Match': '"v1"' } });
    expect(retry.status).toBe(200);
    expect(((await (await e.call(`/v1/scenarios/${json.id}/versions`)).json()) as any).items.map((v: any) => v.version)).toEqual([1, 2]);
  });

  it('a delete whose clean-up of old versions fails still answers 204, and the scenario is gone', async () => {
    const handler = new FaultyHandler();
    const e = await scenarioEnv(emulator, { handler });
    const { json } = await create(e, { name: 'to delete', kind: 'eoq', input: eoqInput() });
    await e.call(`/v1/scenarios/${json.id}`, { method: 'PATCH', body: { name: 'v2' }, headers: { 'If-Match': '"v1"' } });
    // DELETE = GetItem (head), DeleteItem (head, conditional), then the clean-up, which fails throughout.
    handler.queue.push('ok', 'ok');
    handler.always = 'server-error';
    const res = await e.call(`/v1/scenarios/${json.id}`, { method: 'DELETE', headers: { 'If-Match': '"v2"' } });
    handler.always = undefined;
    expect(res.status).toBe(204);
    expect((await e.call(`/v1/scenarios/${json.id}`)).status).toBe(404);
  });
});
