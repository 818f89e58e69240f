/**
 * The scenario service on the DynamoDB adapter (dynalite): random operation sequences against a
 * plain in-memory model, ids, and what happens to an item that no longer parses.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../core/errors.js';
import { encodeUlid, formatApiKey, isScenarioId, newScenarioId, ulidTime } from '../../core/scenario/ids.js';
import { headlineFigures, calculationOfKind } from '../../core/scenario/model.js';
import type { ScenarioService } from '../../core/scenario/service.js';
import { canonicalJson } from '../../core/scenario/service.js';
import { ENGINE_VERSION } from '../../core/version.js';
import { eoqInput, scenarioEnv, startEmulator, type Emulator, type ScenarioEnv } from '../scenario-helpers.js';
import { scenarioDeps } from '../../functions/scenarios/deps.js';
import pkg from '../../package.json' with { type: 'json' };

let emulator: Emulator;
let env: ScenarioEnv;
let service: ScenarioService;

beforeAll(async () => {
  emulator = await startEmulator();
  env = await scenarioEnv(emulator);
  service = scenarioDeps(env.client, env.table).service;
});
afterAll(async () => {
  await emulator.close();
});

describe('ids', () => {
  it('encodes ULIDs as the specification does', () => {
    // ulid/javascript README: encodeTime(1469918176385) = "01ARYZ6S41".
    const id = encodeUlid(1469918176385, new Uint8Array(10));
    expect(id).toBe('01ARYZ6S41' + '0'.repeat(16));
    expect(ulidTime(id)).toBe(1469918176385);
    expect(encodeUlid(0, new Uint8Array(10).fill(255))).toBe('0000000000' + 'Z'.repeat(16));
    expect(() => encodeUlid(2 ** 48, new Uint8Array(10))).toThrow(RangeError);
  });

  it('sorts by time and round-trips the time', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.uint8Array({ minLength: 10, maxLength: 10 }), (a, b, r) => {
        const x = newScenarioId(a, r);
        const y = newScenarioId(b, r);
        expect(isScenarioId(x)).toBe(true);
        expect(ulidTime(x.slice(4))).toBe(a);
        if (a < b) expect(x < y).toBe(true);
      }),
    );
  });

  it('formats API keys with their kind prefix and 192 random bits', () => {
    expect(formatApiKey('secret', new Uint8Array(24))).toBe('sk_' + 'A'.repeat(32));
    expect(formatApiKey('publishable', new Uint8Array(24).fill(255))).toBe('pk_' + '_'.repeat(32));
  });

  it('keeps the engine version equal to package.json', () => {
    expect(ENGINE_VERSION).toBe(pkg.version);
  });

  it('hashes bodies independently of key order', () => {
    expect(canonicalJson({ b: 1, a: [{ y: 2, x: null }] })).toBe(canonicalJson({ a: [{ x: null, y: 2 }], b: 1 }));
  });

  it('picks headline figures: the primary number and numbers one level down', () => {
    const calc = calculationOfKind('cash-flow')!;
    const figures = headlineFigures(calc, { summary: { peakFundingNeed: 5, minimumBalance: -5 }, rows: [{ x: 1 }], total: 3 });
    expect(figures).toMatchObject({ 'summary.peakFundingNeed': 5, 'summary.minimumBalance': -5, total: 3 });
    expect(Object.keys(figures)).not.toContain('rows.0.x');
  });
});

describe('stored items are validated on read', () => {
  it('reports an item that no longer parses instead of serving it', async () => {
    const id = newScenarioId(Date.now(), new Uint8Array(10).fill(7));
    await env.client.send(
      new PutItemCommand({
        TableName: env.table,
        Item: { pk: { S: 'T#acme' }, sk: { S: `SCN#${id}` }, id: { S: id }, name: { S: 'broken' }, kind: { S: 'eoq' }, version: { S: 'one' }, input: { S: '{not json' } },
      }),
    );
    const res = await env.call(`/v1/scenarios/${id}`);
    expect(res.status).toBe(500);
    const problem = (await res.json()) as any;
    expect(problem.type).toBe('/problems/scenario.unreadable');
    expect(JSON.stringify(problem)).not.toContain('{not json');
  });

  it('flags a saved input that today’s schema rejects, and refuses to run it', async () => {
    const id = newScenarioId(Date.now(), new Uint8Array(10).fill(9));
    const at = new Date().toISOString();
    await env.client.send(
      new PutItemCommand({
        TableName: env.table,
        Item: {
          pk: { S: 'T#acme' },
          sk: { S: `SCN#${id}` },
          id: { S: id },
          name: { S: 'old' },
          kind: { S: 'eoq' },
          tags: { L: [] },
          version: { N: '1' },
          createdAt: { S: at },
          updatedAt: { S: at },
          input: { S: JSON.stringify({ annualDemand: 100, orderingCost: 10, retiredField: 1 }) },
        },
      }),
    );
    const got = (await (await env.call(`/v1/scenarios/${id}`)).json()) as any;
    expect(got.inputIssues.length).toBeGreaterThan(0);
    const run = await env.call(`/v1/scenarios/${id}/run`, { body: {} });
    expect(run.status).toBe(422);
    expect(((await run.json()) as any).type).toBe('/problems/scenario.input-outdated');
  });
});

/** The visible state of one tenant in the model: id -> what GET shows. */
type ModelState = Map<string, { name: string; version: number; demand: number; tags: string[] }>;

type Op =
  | { op: 'create'; name: string; demand: number }
  | { op: 'replace'; pick: number; demand: number; stale: boolean }
  | { op: 'patch'; pick: number; tags: string[]; stale: boolean }
  | { op: 'delete'; pick: number; stale: boolean };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('create' as const), name: fc.string({ minLength: 1, maxLength: 10 }).filter((s) => s.trim().length > 0), demand: fc.integer({ min: 1, max: 1e6 }) }),
  fc.record({ op: fc.constant('replace' as const), pick: fc.nat(), demand: fc.integer({ min: 1, max: 1e6 }), stale: fc.boolean() }),
  fc.record({ op: fc.constant('patch' as const), pick: fc.nat(), tags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { maxLength: 3 }), stale: fc.boolean() }),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat(), stale: fc.boolean() }),
);

let tenantCounter = 0;

describe('random operation sequences', () => {
  it('give the same visible state as a simple in-memory model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 14 }), async (ops) => {
        const tenant = `prop-${++tenantCounter}`;
        const model: ModelState = new Map();
        const ids: string[] = []; // every id ever created, deleted ones included
        for (const op of ops) {
          if (op.op === 'create') {
            const out = await service.create(tenant, { name: op.name.trim(), kind: 'eoq', input: eoqInput(op.demand), tags: [] });
            const id = JSON.parse(out.body).id as string;
            ids.push(id);
            model.set(id, { name: op.name.trim(), version: 1, demand: op.demand, tags: [] });
            continue;
          }
          if (ids.length === 0) continue;
          const id = ids[op.pick % ids.length]!;
          const current = model.get(id);
          const expected = current ? [op.stale ? current.version - 1 : current.version] : [1];
          const attempt = async () => {
            if (op.op === 'replace') return service.replace(tenant, id, expected, { name: current?.name ?? 'x', kind: 'eoq', input: eoqInput(op.demand), tags: current?.tags ?? [] });
            if (op.op === 'patch') return service.patch(tenant, id, expected, { tags: op.tags });
            return service.remove(tenant, id, expected);
          };
          let error: unknown;
          await attempt().catch((err) => (error = err));
          const code = error instanceof DomainError ? error.code : error;
          if (!current) expect(code).toBe('scenario.not-found');
          else if (op.stale) expect(code).toBe('scenario.version-mismatch');
          else {
            expect(error).toBeUndefined();
            if (op.op === 'delete') model.delete(id);
            else if (op.op === 'replace') model.set(id, { ...current, version: current.version + 1, demand: op.demand });
            else model.set(id, { ...current, version: current.version + 1, tags: op.tags });
          }
        }
        // Visible state: the list (newest first) and every GET, and each head's version history.
        const listed = await service.list(tenant, { limit: 100 });
        const expectedIds = [...model.keys()].sort().reverse();
        expect(listed.items.map((s) => s.id)).toEqual(expectedIds);
        for (const [id, m] of model) {
          const got = await service.get(tenant, id);
          expect({ name: got.name, version: got.version, demand: (got.input as { annualDemand: number }).annualDemand, tags: got.tags }).toEqual(m);
          expect((await service.versions(tenant, id)).map((v) => v.version)).toEqual(Array.from({ length: m.version }, (_, i) => i + 1));
        }
        for (const id of ids) if (!model.has(id)) await expect(service.get(tenant, id)).rejects.toMatchObject({ code: 'scenario.not-found' });
      }),
      { numRuns: 25 },
    );
  }, 60_000);
});
