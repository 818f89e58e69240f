/**
 * Mounts a core Calculation as an endpoint under /v1: POST with a JSON body, GET with query
 * parameters (same validation, same errors), and JSON / CSV / single-value responses.
 */
import type { Context, Hono } from 'hono';
import type * as z from 'zod';
import type { Calculation } from '../../core/calculation.js';
import { DomainError } from '../../core/errors.js';
import { estimateResponseBytes, estimateWork } from '../../core/budget/estimates.js';
import { assertResponseFits, RESPONSE_LIMIT_BYTES, responseTooLarge } from '../../core/budget/response-size.js';
import { assertWithinWorkBudget } from '../../core/budget/work.js';
import { createApp, type AppConfig } from './app.js';
import { authenticate } from './auth.js';
import { JSON_TYPE, reply, type AppEnv } from './reply.js';
import { HttpProblem } from './errors.js';
import { chooseFormat, pickValue, toCsv } from './formats.js';
import { jsonPointer } from './problem.js';
import { queryToInput } from './query.js';

export const calculationPath = (calc: Calculation) => `/v1/${calc.name}`;

/** Zod issues as RFC 9457 field errors, one per bad field, with JSON pointer paths. */
export function validationProblem(error: z.ZodError, where: 'body' | 'query'): HttpProblem {
  const errors = error.issues.map((issue) => ({
    path: jsonPointer(issue.path),
    message: issue.code === 'invalid_type' && issue.message.endsWith('received undefined') ? `Required: expected ${issue.expected}` : issue.message,
  }));
  const fields = [...new Set(errors.map((e) => e.path || '(root)'))].join(', ');
  return new HttpProblem(400, 'validation', 'Invalid request', `The ${where} has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}: ${fields}.`, errors);
}

/** Deepest nesting of arrays and objects accepted in a JSON body (the deepest schema needs about 10). */
export const MAX_JSON_DEPTH = 64;

/**
 * Depth of the deepest array or object in a JSON text, counted on the text without parsing (so a
 * body nested 5,000 deep is refused before anything recursive touches it); stops at `limit + 1`.
 */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* backslash */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 123 /* { */ || ch === 91 /* [ */) {
      depth++;
      if (depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (ch === 125 /* } */ || ch === 93 /* ] */) depth--;
  }
  return max;
}

export async function readJsonBody(c: Context): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type))
    throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', `Send the body as JSON with Content-Type: application/json${type ? `, not ${type}` : ''}.`);
  const encoding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
  if (encoding !== '' && encoding !== 'identity')
    throw new HttpProblem(415, 'unsupported-media-type', 'Unsupported media type', `Compressed request bodies (Content-Encoding: ${encoding}) are not accepted; send the JSON uncompressed.`, undefined, { 'Accept-Encoding': 'identity' });
  const text = await c.req.text();
  if (text.trim() === '')
    throw new HttpProblem(400, 'validation', 'Invalid request', 'The request body is empty; send a JSON object.', [{ path: '', message: 'a JSON object is required' }]);
  if (jsonDepth(text) > MAX_JSON_DEPTH)
    throw new HttpProblem(400, 'validation', 'Invalid request', `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} deep.`, [{ path: '', message: `nested more than ${MAX_JSON_DEPTH} levels deep` }]);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new HttpProblem(400, 'validation', 'Invalid request', `The request body is not valid JSON: ${(err as Error).message}`, [
      { path: '', message: 'not valid JSON' },
    ]);
  }
}

/**
 * Refuses a validated request that would take more than the work budget or answer more than the
 * response limit in JSON (core/budget): before any work.
 */
export function assertWithinBudget(calc: Calculation, input: unknown, format: 'json' | 'csv' | 'value' = 'json'): void {
  if (format === 'json') assertResponseFits(estimateResponseBytes(calc.name, input));
  assertWithinWorkBudget(estimateWork(calc.name, input));
}

/** JSON text of an answer, refused when it is over the response limit (the backstop of the estimates). */
export function jsonWithinLimit(value: unknown): string {
  const text = JSON.stringify(value);
  // UTF-8 takes at least one byte per UTF-16 unit, at most three: only long texts need counting.
  if (text.length * 3 > RESPONSE_LIMIT_BYTES) {
    const bytes = new TextEncoder().encode(text).length;
    if (bytes > RESPONSE_LIMIT_BYTES) throw responseTooLarge(bytes);
  }
  return text;
}

/** Whether every number inside a JSON-like value is finite (allocation-free: it runs on every response). */
function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (const item of value) if (!allFinite(item)) return false;
    return true;
  }
  for (const key in value) if (!allFinite((value as Record<string, unknown>)[key])) return false;
  return true;
}

/** Path of the first non-finite number (only computed when there is one). */
function nonFinitePath(value: unknown, path: Array<string | number>): Array<string | number> | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = nonFinitePath(item, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return undefined;
}

/** Throws when any number in the result is not finite; the core keeps results finite for bounded input. */
export function assertFinite(value: unknown): void {
  if (allFinite(value)) return;
  const path = nonFinitePath(value, []) ?? [];
  throw new DomainError('calculation.non-finite-result', `the input leads to a result too large to represent at ${jsonPointer(path) || 'the top level'}`, path);
}

function respond(c: Context, calc: Calculation, raw: unknown, where: 'body' | 'query'): Response {
  const format = chooseFormat(c.req.query('format'), c.req.header('accept'));
  const parsed = calc.input.safeParse(raw);
  if (!parsed.success) throw validationProblem(parsed.error, where);
  assertWithinBudget(calc, parsed.data, format);
  const result = calc.compute(parsed.data);
  assertFinite(result);
  if (format === 'csv') {
    return reply(c, toCsv(calc.table(result)), 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `inline; filename="${calc.name}.csv"` });
  }
  if (format === 'value') return reply(c, String(pickValue(result, c.req.query('field') ?? calc.primary)), 200, { 'Content-Type': 'text/plain; charset=utf-8' });
  return reply(c, jsonWithinLimit(result), 200, { 'Content-Type': JSON_TYPE });
}

/** Checks the API key of a request, or answers undefined at once when there is nothing to check. */
type Guard = (c: Context<AppEnv>) => Promise<unknown> | undefined;

export function mountCalculation(app: Hono<AppEnv>, calc: Calculation, guard?: Guard): void {
  const path = calculationPath(calc);
  app.post(path, async (c) => {
    await guard?.(c);
    return respond(c, calc, await readJsonBody(c), 'body');
  });
  app.get(path, (c): Response | Promise<Response> => {
    const checking = guard?.(c);
    const run = (): Response => respond(c, calc, queryToInput(calc.input, c.req.queries()), 'query');
    return checking ? checking.then(run) : run();
  });
}

/**
 * The key check of calculation routes: with `API_KEYS=required` every request needs a key; otherwise
 * only a key that is sent is checked, and anonymous requests pay nothing (no middleware hop).
 */
function calculationGuard(config: AppConfig): Guard | undefined {
  const keys = config.keys;
  if (!keys) {
    if (config.requireApiKey) throw new Error('API_KEYS=required needs the key store: set TABLE_NAME (functions/runtime.ts)');
    return undefined;
  }
  const required = config.requireApiKey === true;
  return (c) => (required || c.req.header('authorization') !== undefined ? authenticate(c, keys, 'calculations', required) : undefined);
}

/** A function's app: the shared conventions plus one route set per calculation. */
export function createCalculationApp(config: AppConfig, calculations: readonly Calculation[]): Hono<AppEnv> {
  const app = createApp(config);
  const guard = calculationGuard(config);
  for (const calc of calculations) mountCalculation(app, calc, guard);
  return app;
}
