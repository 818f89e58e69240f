/**
 * Saved scenarios over HTTP (/v1/scenarios): create (optionally idempotent), list with a signed
 * cursor, read with ETag / If-None-Match, replace and patch with a required If-Match, delete,
 * versions, run and compare. Every route needs a secret API key; the tenant is the key's.
 * Validation, conditional requests and errors follow the conventions of every other endpoint.
 */
import type { Context } from 'hono';
import * as z from 'zod';
import { DomainError } from '../../core/errors.js';
import { isScenarioId } from '../../core/scenario/ids.js';
import {
  CompareScenariosBody,
  CreateScenarioBody,
  ListScenariosQuery,
  PatchScenarioBody,
  ReplaceScenarioBody,
  RunScenarioBody,
} from '../../core/scenario/model.js';
import { checkInput, etagOf, locationOf, scenarioSummary, scenarioView, type ScenarioService } from '../../core/scenario/service.js';
import { createApp, type AppConfig } from '../http/app.js';
import { authenticate, type KeyVerifier, type Scope } from '../http/auth.js';
import { assertFinite, readJsonBody, validationProblem } from '../http/calculation-route.js';
import { HttpProblem } from '../http/errors.js';
import { reply, replyJson, JSON_TYPE, type AppEnv } from '../http/reply.js';
import { STORE_REQUEST_BUDGET_MS, withStoreDeadline } from '../storage/dynamo-call.js';

export interface CursorCodec {
  encode(tenant: string, position: { after: string; kind?: string; tag?: string }): Promise<string>;
  decode(tenant: string, cursor: string, filters: { kind?: string; tag?: string }): Promise<string>;
}

export interface ScenarioAppDeps {
  service: ScenarioService;
  keys: KeyVerifier;
  cursors: CursorCodec;
  /** Milliseconds all store calls of one request may take together (STORE_REQUEST_BUDGET_MS). */
  storeBudgetMs?: number;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function parse<T extends z.ZodType>(schema: T, raw: unknown, where: 'body' | 'query'): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw validationProblem(parsed.error, where);
  return parsed.data;
}

/** Validates the scenario's `input` with its calculation's schema; errors point into `/input/…`. */
function checkScenarioInput(kind: string, input: unknown): void {
  const error = checkInput(kind, input);
  if (error) throw validationProblem(new z.ZodError(error.issues.map((i) => ({ ...i, path: ['input', ...i.path] }))), 'body');
}

/**
 * Versions named by If-Match (RFC 9110 §13.1.1): undefined for `*`; a 428 when the header is
 * missing. Strong comparison: weak or foreign tags match no version.
 */
function ifMatch(c: Context): number[] | undefined {
  const header = c.req.header('if-match');
  if (header === undefined)
    throw new DomainError('scenario.precondition-required', 'send If-Match with the ETag of the version you changed (from GET), or If-Match: * to overwrite whatever is current', []);
  if (header.trim() === '*') return undefined;
  return header
    .split(',')
    .map((t) => /^\s*"v(\d{1,9})"\s*$/.exec(t)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

function scenarioId(c: Context): string {
  const id = c.req.param('id') ?? '';
  if (!isScenarioId(id)) throw new DomainError('scenario.not-found', `there is no scenario ${id}`, []);
  return id;
}

function idempotencyKey(c: Context): string | undefined {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key))
    throw new HttpProblem(400, 'validation', 'Invalid request', 'Idempotency-Key must be 1–255 visible ASCII characters.', [{ path: '/headers/Idempotency-Key', message: '1–255 visible ASCII characters' }]);
  return key;
}

/** An optional JSON body: none (or an empty one) is `{}`. */
async function optionalBody(c: Context): Promise<unknown> {
  const length = c.req.header('content-length');
  if (length === '0' || (length === undefined && c.req.header('content-type') === undefined)) return {};
  return readJsonBody(c);
}

export function createScenariosApp(config: AppConfig, deps: ScenarioAppDeps) {
  const app = createApp(config);
  const { service } = deps;
  // Every store call of one request stops at a common deadline, so a stalled store answers 503
  // (with Retry-After) within it, well inside API Gateway's 30 s.
  app.use('/v1/scenarios/*', (_c, next) => withStoreDeadline(deps.storeBudgetMs ?? STORE_REQUEST_BUDGET_MS, next));
  app.use('/v1/scenarios', (_c, next) => withStoreDeadline(deps.storeBudgetMs ?? STORE_REQUEST_BUDGET_MS, next));
  const tenantFor = async (c: Context<AppEnv>, scope: Scope) => (await authenticate(c, deps.keys, scope, true))!.tenant;

  app.post('/v1/scenarios', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:write');
    const key = idempotencyKey(c);
    const body = parse(CreateScenarioBody, await readJsonBody(c), 'body');
    checkScenarioInput(body.kind, body.input);
    const out = await service.create(tenant, body, key);
    return reply(c, out.body, 201, { 'Content-Type': JSON_TYPE, ETag: out.etag, Location: out.location, ...(out.replayed ? { 'Idempotent-Replayed': 'true' } : {}) });
  });

  app.get('/v1/scenarios', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    const query = parse(ListScenariosQuery, c.req.query(), 'query');
    const filters = { ...(query.kind ? { kind: query.kind } : {}), ...(query.tag ? { tag: query.tag } : {}) };
    const after = query.cursor === undefined ? undefined : await deps.cursors.decode(tenant, query.cursor, filters);
    const page = await service.list(tenant, { ...filters, limit: query.limit, ...(after ? { after } : {}) });
    // A page stops after a bounded number of items read, so with a tag filter it may be short or
    // even empty and still carry `next` (the position of the last item read).
    const resume = page.resumeAfter ?? page.items.at(-1)?.id;
    const next = page.more && resume ? await deps.cursors.encode(tenant, { after: resume, ...filters }) : undefined;
    return replyJson(c, { items: page.items.map(scenarioSummary), ...(next ? { next } : {}) });
  });

  app.post('/v1/scenarios/compare', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    const body = parse(CompareScenariosBody, await readJsonBody(c), 'body');
    const result = await service.compare(tenant, body.ids);
    assertFinite(result);
    return replyJson(c, result);
  });

  app.get('/v1/scenarios/:id', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    const scenario = await service.get(tenant, scenarioId(c));
    const etag = etagOf(scenario.version);
    const noneMatch = c.req.header('if-none-match');
    if (noneMatch !== undefined && (noneMatch.trim() === '*' || noneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)))
      return reply(c, null, 304, { ETag: etag });
    const issues = checkInput(scenario.kind, scenario.input)?.issues;
    return replyJson(c, { ...scenarioView(scenario), ...(issues ? { inputIssues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })) } : {}) }, 200, { ETag: etag });
  });

  app.put('/v1/scenarios/:id', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:write');
    const id = scenarioId(c);
    const expected = ifMatch(c);
    const body = parse(ReplaceScenarioBody, await readJsonBody(c), 'body');
    checkScenarioInput(body.kind, body.input);
    const next = await service.replace(tenant, id, expected, body);
    return replyJson(c, scenarioView(next), 200, { ETag: etagOf(next.version) });
  });

  app.patch('/v1/scenarios/:id', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:write');
    const id = scenarioId(c);
    const expected = ifMatch(c);
    const body = parse(PatchScenarioBody, await readJsonBody(c), 'body');
    const next = await service.patch(tenant, id, expected, body);
    return replyJson(c, scenarioView(next), 200, { ETag: etagOf(next.version) });
  });

  app.delete('/v1/scenarios/:id', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:write');
    const id = scenarioId(c);
    await service.remove(tenant, id, ifMatch(c));
    return reply(c, null, 204);
  });

  app.get('/v1/scenarios/:id/versions', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    const versions = await service.versions(tenant, scenarioId(c));
    return replyJson(c, { items: versions.map((v) => ({ ...scenarioSummary(v), href: `${locationOf(v.id)}/versions/${v.version}` })) });
  });

  app.get('/v1/scenarios/:id/versions/:n', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    const id = scenarioId(c);
    const n = Number(c.req.param('n'));
    if (!Number.isInteger(n) || n < 1) throw new DomainError('scenario.not-found', `scenario ${id} has no version ${c.req.param('n')}`, []);
    const version = await service.version(tenant, id, n);
    return replyJson(c, scenarioView(version), 200, { ETag: etagOf(version.version) });
  });

  app.post('/v1/scenarios/:id/run', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    const body = parse(RunScenarioBody, await optionalBody(c), 'body');
    if (body.store && !c.get('principal')!.scopes.includes('scenarios:write'))
      throw new HttpProblem(403, 'forbidden', 'Forbidden', 'Storing the result needs the scenarios:write scope; run without "store" to only compute it.');
    return replyJson(c, await service.run(tenant, scenarioId(c), body.store));
  });

  app.get('/v1/scenarios/:id/result', async (c) => {
    const tenant = await tenantFor(c, 'scenarios:read');
    return replyJson(c, await service.latestResult(tenant, scenarioId(c)));
  });

  return app;
}
