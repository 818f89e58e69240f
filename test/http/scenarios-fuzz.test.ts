/**
 * Fuzz of the scenario routes on dynalite: random bodies, headers (If-Match, Idempotency-Key,
 * Authorization: the owner's key, another tenant's, none, a bad one) and query strings never produce a 5xx, and every error is
 * problem+json with the fields it names.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eoqInput, scenarioEnv, startEmulator, type Emulator, type ScenarioEnv } from '../scenario-helpers.js';

let emulator: Emulator;
let env: ScenarioEnv;
let existing: string;

beforeAll(async () => {
  emulator = await startEmulator();
  env = await scenarioEnv(emulator);
  const res = await env.call('/v1/scenarios', { body: { name: 'fuzz target', kind: 'eoq', input: eoqInput() } });
  existing = ((await res.json()) as { id: string }).id;
});
afterAll(async () => {
  await emulator.close();
});

const json = fc.jsonValue({ maxDepth: 3 });
const nearValid = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 300 }), json),
    kind: fc.oneof(fc.constantFrom('eoq', 'safety-stock', 'cash-flow', 'forecast', 'nope'), json),
    input: fc.oneof(fc.constant(eoqInput()), json, fc.record({ annualDemand: fc.double(), orderingCost: fc.double(), holdingCost: fc.double() })),
    tags: fc.oneof(fc.array(fc.string({ maxLength: 60 }), { maxLength: 25 }), json),
    ids: fc.oneof(fc.array(fc.constantFrom('scn_01ARYZ6S41TSV4RRFFQ69G5FAV', 'x'), { maxLength: 25 }), json),
    store: fc.oneof(fc.boolean(), json),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(nearValid.map((b) => JSON.stringify(b)), json.map((v) => JSON.stringify(v)), fc.string({ maxLength: 200 }));
const header = fc.oneof(fc.constant(undefined), fc.constantFrom('"v1"', '*', 'W/"v1"', '"v999999999999"', ''), fc.string({ maxLength: 40 }));
const pathArb = fc.oneof(
  fc.constantFrom('/v1/scenarios', '/v1/scenarios/compare'),
  fc.constantFrom('', '/versions', '/versions/1', '/versions/0', '/versions/x', '/run', '/result').chain((suffix) =>
    fc.oneof(fc.constant(`/v1/scenarios/{id}${suffix}`), fc.string({ maxLength: 30 }).map((s) => `/v1/scenarios/${encodeURIComponent(s)}${suffix}`)),
  ),
);

describe('scenario fuzz', () => {
  it('never answers 5xx; every error is problem+json', async () => {
    await fc.assert(
      fc.asyncProperty(
        pathArb,
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        body,
        header,
        header,
        fc.option(fc.string({ maxLength: 60 }).map((q) => encodeURIComponent(q).replace(/%3D/g, '=').replace(/%26/g, '&'))),
        fc.constantFrom('owner', 'other', 'none', 'bad'),
        async (rawPath, method, text, ifMatch, idem, query, auth) => {
          const path = rawPath.replace('{id}', existing) + (query ? `?${query}` : '');
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (ifMatch !== undefined) headers['If-Match'] = ifMatch;
          if (idem !== undefined) headers['Idempotency-Key'] = idem;
          if (auth === 'owner') headers.Authorization = `Bearer ${env.keyA}`;
          if (auth === 'other') headers.Authorization = `Bearer ${env.keyB}`;
          if (auth === 'bad') headers.Authorization = 'Bearer sk_' + 'x'.repeat(32);
          const res = await env.app.fetch(new Request(`http://local${path}`, { method, headers, ...(method === 'GET' ? {} : { body: text }) }));
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
          if (res.status >= 400) {
            expect(res.headers.get('content-type')).toBe('application/problem+json');
            const problem = (await res.json()) as { status: number; type: string };
            expect(problem.status).toBe(res.status);
          } else await res.arrayBuffer();
        },
      ),
      { numRuns: 400 },
    );
    // Whatever happened to the target scenario, its history is whole: versions 1..n, no gaps.
    const res = await env.call(`/v1/scenarios/${existing}/versions`);
    if (res.status === 200) {
      const versions = ((await res.json()) as { items: Array<{ version: number }> }).items.map((v) => v.version);
      expect(versions).toEqual(versions.map((_, i) => i + 1));
    } else expect(res.status).toBe(404); // deleted by a fuzzed DELETE with If-Match: *

  }, 60_000);
});
