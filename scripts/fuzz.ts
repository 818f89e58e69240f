/**
 * `npm run fuzz`: the long, seeded HTTP fuzz run (the fast one is test/http/fuzz.test.ts, in CI).
 * In-process through `app.request`: for every calculation route and the scenario routes,
 * FUZZ_RUNS (default 10,000) requests made by mutating the route's documented example (fields
 * dropped, replaced by edge values or wrong types, lists emptied, truncated or repeated, dates
 * broken) plus, for the forecast routes, random histories, methods, horizons, windows and events.
 * Every answer must be below 500; every 200 must satisfy the invariants (checkInvariants):
 * every number finite; forecast periods ≥ 0 when the history is ≥ 0; window and horizon sums
 * equal to the sum of their periods' forecasts (1e-9 relative); every interval lower ≤ upper;
 * learned uplifts ≥ 0. Prints counts per route and status and the first violations; exits 1 on
 * any 5xx or violation. Time-bounded by FUZZ_MAX_SECONDS per route (default 300).
 *
 *   npm run fuzz                      FUZZ_SEED=7 FUZZ_RUNS=20000 npm run fuzz
 *   npm run fuzz -- forecast          (routes whose path contains "forecast")
 */
import { allCalculations } from '../core/calculations.js';
import type { Calculation } from '../core/calculation.js';
import { seededRandom } from '../core/stats/random.js';
import { createCashApp } from '../functions/cash/app.js';
import { createCostApp } from '../functions/cost/app.js';
import { createForecastApp } from '../functions/forecast/app.js';
import { ownsPath } from '../functions/http/routes.js';
import { startDynalite } from '../functions/local-server.js';
import { createPlanApp } from '../functions/plan/app.js';
import { createScenariosApp } from '../functions/scenarios/app.js';
import { scenarioDeps } from '../functions/scenarios/deps.js';
import { createStockApp } from '../functions/stock/app.js';
import { createDynamoClient } from '../functions/storage/dynamo.js';
import { DynamoKeyStore } from '../functions/storage/key-store.js';
import { ensureTable } from '../functions/storage/table.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const MAX_SECONDS = Number(process.env.FUZZ_MAX_SECONDS ?? 300);
const filter = process.argv[2] ?? '';

type Json = any;
type Random = () => number;

// ---------------------------------------------------------------------------------------------
// Invariants of a 200

export interface Violation {
  where: string;
  message: string;
}

const relClose = (a: number, b: number, scale: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b), scale);

/** Checks a ForecastResult-shaped object; `nonNegativeHistory` when the request's history is known to be ≥ 0. */
export function checkForecastResult(r: Json, where: string, nonNegativeHistory: boolean | undefined, out: Violation[]): void {
  const periods: Json[] = r.periods;
  const scale = periods.reduce((a: number, p: Json) => a + Math.abs(p.forecast), 0);
  const sum = (from: number, to: number) => periods.slice(from - 1, to).reduce((a: number, p: Json) => a + p.forecast, 0);
  for (const p of periods) {
    if (nonNegativeHistory && p.forecast < 0) out.push({ where, message: `period ${p.period} forecast ${p.forecast} < 0 with a non-negative history` });
    for (const level of Object.keys(p.lower ?? {}))
      if (!(p.lower[level] <= p.upper[level])) out.push({ where, message: `period ${p.period} level ${level}: lower ${p.lower[level]} > upper ${p.upper[level]}` });
  }
  if (r.horizonTotal && !relClose(r.horizonTotal.sum, sum(1, periods.length), scale))
    out.push({ where, message: `horizonTotal.sum ${r.horizonTotal.sum} ≠ Σ period forecasts ${sum(1, periods.length)}` });
  for (const w of r.windows ?? []) if (!relClose(w.sum, sum(w.start, w.end), scale)) out.push({ where, message: `window ${w.start}–${w.end} sum ${w.sum} ≠ Σ its period forecasts ${sum(w.start, w.end)}` });
  if (r.learnedUplift !== undefined && r.learnedUplift < 0) out.push({ where, message: `learnedUplift ${r.learnedUplift} < 0` });
  for (const u of r.uplifts ?? []) if (u.uplift < 0) out.push({ where, message: `uplift of promo ${u.start}–${u.end} is ${u.uplift} < 0` });
}

const looksLikeForecast = (v: Json) => v && typeof v === 'object' && Array.isArray(v.periods) && v.periods.length > 0 && typeof v.periods[0]?.forecast === 'number' && v.periods[0].lower !== undefined && 'horizonTotal' in v;

/** Every invariant of a 200 body, for the request that produced it. */
export function checkInvariants(path: string, request: Json, body: Json): Violation[] {
  const out: Violation[] = [];
  const walk = (v: Json, at: string): void => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push({ where: at, message: `non-finite number ${v}` });
      return;
    }
    if (v === null) {
      out.push({ where: at, message: 'null where a number or object is expected' });
      return;
    }
    if (typeof v !== 'object') return;
    if (looksLikeForecast(v)) checkForecastResult(v, at, undefined, out);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${i}`));
    else for (const k of Object.keys(v)) walk(v[k], `${at}/${k}`);
  };
  walk(body, '');
  // Where the request's history is known, the non-negativity invariant too.
  const nonNeg = (h: unknown) => Array.isArray(h) && h.every((x) => x === null || (typeof x === 'number' && x >= 0));
  if (path === '/v1/forecast' && looksLikeForecast(body)) checkForecastResult(body, '', nonNeg(request?.history), out);
  if (path === '/v1/forecast/batch')
    for (const item of body.results ?? []) {
      if (item.status !== 'ok') continue;
      const input = (request.series ?? []).find((s: Json) => s?.id === item.id) ?? {};
      checkForecastResult(item.result, `/results/${item.id}`, nonNeg(input.history ?? request.defaults?.history), out);
    }
  // The explicit checks above repeat the walk's findings for intervals and sums: keep each message once.
  return [...new Map(out.map((v) => [v.message, v])).values()];
}

// ---------------------------------------------------------------------------------------------
// Request generators

const EDGE: unknown[] = [0, -0, -1, 1, 0.5, 1e-300, 5e-324, 1e9, 1e12, 1e15, 1.7976931348623157e308, -1e308, 3650, 10000, 0.999999, 1e-9, '', 'x', '2026-02-31', '2026-13-01', '1900-01-01', 'NaN', null, true, [], {}, [null], [1, 2, 3], { a: 1 }];
const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Random, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const clone = (v: Json): Json => (v === undefined ? undefined : JSON.parse(JSON.stringify(v)));

/** Paths (key lists) of every value inside a JSON value. */
function pathsOf(v: Json, prefix: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(prefix);
  if (v && typeof v === 'object') for (const k of Object.keys(v)) pathsOf(v[k], [...prefix, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

function mutateAt(root: Json, path: Array<string | number>, r: Random): Json {
  if (path.length === 0) return r() < 0.5 ? root : clone(pick(r, EDGE));
  const parent = path.slice(0, -1).reduce((o: Json, k) => o?.[k], root);
  const key = path[path.length - 1]!;
  if (!parent || typeof parent !== 'object') return root;
  const value = parent[key];
  const roll = r();
  if (roll < 0.15 && !Array.isArray(parent)) delete parent[key];
  else if (roll < 0.4) parent[key] = clone(pick(r, EDGE));
  else if (roll < 0.6 && typeof value === 'number') parent[key] = pick(r, [value * -1, value * 2, value + 1, value - 1, value * 1000, Math.round(value), value / 3, 0]);
  else if (roll < 0.7 && Array.isArray(value)) parent[key] = r() < 0.5 ? [] : value.slice(0, int(r, 0, value.length));
  else if (roll < 0.8 && Array.isArray(value) && value.length > 0) parent[key] = [...value, ...value.slice(0, int(r, 1, Math.min(value.length, 5))).map(clone)];
  else if (roll < 0.9 && typeof value === 'string') parent[key] = pick(r, [value + 'x', value.slice(0, -1), '2026-02-30', value.toUpperCase(), '9999-12-31', '0000-01-01']);
  else parent[key] = clone(value);
  return root;
}

/** 0–3 mutations of a valid example: near-valid bodies reach the code behind validation. */
function mutate(example: Json, r: Random): Json {
  let body = clone(example);
  const count = pick(r, [0, 1, 1, 1, 2, 2, 3]);
  for (let i = 0; i < count; i++) body = mutateAt(body, pick(r, pathsOf(body)), r);
  return body;
}

const METHODS = ['auto', 'naive', 'seasonal-naive', 'drift', 'moving-average', 'ses', 'holt', 'damped-holt', 'holt-winters-additive', 'holt-winters-multiplicative', 'theta', 'croston', 'sba', 'sbj', 'tsb', 'combination', 'ets'];

/** A random forecast request: small enough to run fast, shaped to reach the totals, intervals and uplifts. */
function randomForecast(r: Random): Json {
  const n = int(r, 1, 60);
  const kind = r();
  const level = pick(r, [0, 1, 10, 100, 1e4]);
  const history = Array.from({ length: n }, (_, t) => {
    if (r() < 0.03) return null;
    const v =
      kind < 0.25 ? level - t * level * 0.05 + r() * level * 0.1 // falling (Holt goes below 0)
        : kind < 0.45 ? (r() < 0.3 ? Math.round(r() * 10) : 0) // intermittent
          : kind < 0.55 ? level * (r() - 0.5) // signed
            : level * (1 + 0.3 * Math.sin(t / 2) + 0.1 * r());
    return Math.round(v * 100) / 100;
  });
  const horizon = int(r, 1, 24);
  const req: Json = { history, horizon, method: pick(r, METHODS) };
  if (req.method === 'ets') req.ets = { error: pick(r, ['A', 'M']), trend: pick(r, ['N', 'A', 'M']), damped: r() < 0.5, season: pick(r, ['N', 'A', 'M']) };
  if (r() < 0.4) req.seasonLength = pick(r, [1, 2, 4, 7, 12]);
  if (r() < 0.3) req.frequency = pick(r, ['day', 'week', 'month']);
  if (r() < 0.2) req.start = '2025-01-06';
  if (r() < 0.5) req.simulations = pick(r, [100, 200]);
  if (r() < 0.5) req.windows = Array.from({ length: int(r, 1, 3) }, () => { const s = int(r, 1, horizon); return { start: s, end: int(r, s, horizon) }; });
  if (r() < 0.3 && n >= 4) {
    const s = int(r, 0, n - 2);
    req.pastEvents = [{ start: s, end: int(r, s, Math.min(n - 1, s + 3)), kind: pick(r, ['promo', 'promo', 'stockout']) }];
    if (r() < 0.5) history[s] = -Math.abs(Number(history[s] ?? 1)) - 1; // a negative promo actual
  }
  if (r() < 0.3) { const s = int(r, 1, horizon); req.futureEvents = [{ start: s, end: int(r, s, horizon), ...(r() < 0.5 ? { uplift: pick(r, [0.5, 1.5, 3]) } : {}) }]; }
  if (r() < 0.2) req.levels = pick(r, [[50], [80, 95], [99.9], [1, 99]]);
  return req;
}

// ---------------------------------------------------------------------------------------------
// Runner

/** The invariant a violation message is about, for the per-kind counts. */
export function violationKind(message: string): string {
  if (message.startsWith('horizonTotal')) return 'horizon total ≠ Σ periods';
  if (message.startsWith('window')) return 'window sum ≠ Σ periods';
  if (message.includes('lower')) return 'lower > upper';
  if (message.includes('< 0 with a non-negative history')) return 'negative period forecast';
  if (message.includes('uplift') || message.includes('Uplift')) return 'negative uplift';
  if (message.startsWith('non-finite')) return 'non-finite number';
  return message.startsWith('null') ? 'null' : 'other';
}

interface RouteStats {
  route: string;
  kinds: Map<string, number>;
  counts: Map<number, number>;
  runs: number;
  violations: Array<{ status: number; detail: string; body: string }>;
  seconds: number;
}

function tally(stats: RouteStats, status: number): void {
  stats.counts.set(status, (stats.counts.get(status) ?? 0) + 1);
}

async function fuzzCalculation(calc: Calculation, app: { request: (p: string, i?: RequestInit) => Response | Promise<Response> }, r: Random): Promise<RouteStats> {
  const path = `/v1/${calc.name}`;
  const stats: RouteStats = { route: path, kinds: new Map(), counts: new Map(), runs: 0, violations: [], seconds: 0 };
  const started = performance.now();
  const example = clone(calc.example);
  for (let i = 0; i < RUNS; i++) {
    if ((performance.now() - started) / 1000 > MAX_SECONDS) break;
    let body: Json;
    if (calc.name === 'forecast' && r() < 0.6) body = r() < 0.7 ? randomForecast(r) : mutate(randomForecast(r), r);
    else if (calc.name === 'forecast/batch' && r() < 0.6) body = { defaults: r() < 0.3 ? { horizon: int(r, 1, 12) } : {}, series: Array.from({ length: int(r, 1, 4) }, (_, k) => ({ id: `s${k}`, ...randomForecast(r) })) };
    else body = mutate(example, r);
    const text = r() < 0.02 ? pick(r, ['', '{', 'null', '[]', '{"a":' + '['.repeat(100)]) : JSON.stringify(body);
    const res = await app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
    stats.runs++;
    tally(stats, res.status);
    const answer = await res.text();
    if (res.status >= 500) stats.violations.push({ status: res.status, detail: answer.slice(0, 300), body: text.slice(0, 400) });
    else if (res.status === 200) {
      const v = checkInvariants(path, body, JSON.parse(answer));
      for (const kind of new Set(v.map((x) => violationKind(x.message)))) stats.kinds.set(kind, (stats.kinds.get(kind) ?? 0) + 1);
      if (v.length) stats.violations.push({ status: 200, detail: v.slice(0, 3).map((x) => `${x.where}: ${x.message}`).join('; '), body: text.slice(0, 400) });
    }
  }
  stats.seconds = (performance.now() - started) / 1000;
  return stats;
}

async function fuzzScenarios(r: Random): Promise<RouteStats> {
  const stats: RouteStats = { route: '/v1/scenarios (all routes)', kinds: new Map(), counts: new Map(), runs: 0, violations: [], seconds: 0 };
  const dynamo = await startDynalite(null);
  const client = createDynamoClient({ endpoint: dynamo.endpoint });
  try {
    const table = 'fuzz';
    await ensureTable(client, table);
    const keys = new DynamoKeyStore(client, table);
    const key = (await keys.create({ tenant: 'fuzz', label: 'fuzz' })).key;
    const app = createScenariosApp({ corsOrigins: '*', maxBodyBytes: 1024 * 1024, keys }, scenarioDeps(client, table, keys));
    const calcs = allCalculations.filter((c) => !['plan', 'stock-plan', 'forecast/batch', 'cash-flow'].includes(c.name)) as unknown as Calculation[];
    const ids: string[] = [];
    const started = performance.now();
    for (let i = 0; i < RUNS; i++) {
      if ((performance.now() - started) / 1000 > MAX_SECONDS) break;
      const op = r();
      const calc = pick(r, calcs);
      const kind = calc.name.replace('/', '-');
      let method = 'POST';
      let url = '/v1/scenarios';
      let body: Json;
      let headers: Record<string, string> = { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' };
      if (op < 0.45 || ids.length === 0) body = mutate({ kind, name: `n${i}`, tags: ['a'], input: calc.example }, r);
      else if (op < 0.55) { method = 'GET'; url = `/v1/scenarios?limit=${pick(r, ['1', '5', '0', '-1', 'x', '100'])}${r() < 0.3 ? '&tag=a' : ''}`; }
      else if (op < 0.65) { method = 'GET'; url = `/v1/scenarios/${pick(r, [...ids, 'nope', '01ARZ3NDEKTSV4RRFFQ69G5FAV'])}`; }
      else if (op < 0.8) { url = `/v1/scenarios/${pick(r, ids)}/run`; body = mutate({ store: r() < 0.5 }, r); }
      else if (op < 0.9) { url = '/v1/scenarios/compare'; body = mutate({ ids: Array.from({ length: int(r, 1, 4) }, () => pick(r, ids)) }, r); }
      else if (op < 0.96) { method = 'PUT'; url = `/v1/scenarios/${pick(r, ids)}`; headers = { ...headers, 'If-Match': pick(r, ['*', '"1"', '"2"', 'W/"x"']) }; body = mutate({ kind, name: 'put', input: calc.example }, r); }
      else { method = 'DELETE'; url = `/v1/scenarios/${pick(r, ids)}`; headers = { ...headers, 'If-Match': '*' }; }
      const text = body === undefined ? undefined : r() < 0.02 ? '{"kind":' + '['.repeat(5000) : JSON.stringify(body);
      const res = await app.request(url, { method, headers, ...(text !== undefined && method !== 'GET' ? { body: text } : {}) });
      stats.runs++;
      tally(stats, res.status);
      const answer = await res.text();
      if (res.status === 201) ids.push((JSON.parse(answer) as { id: string }).id);
      if (res.status >= 500) stats.violations.push({ status: res.status, detail: answer.slice(0, 300), body: `${method} ${url} ${text?.slice(0, 300) ?? ''}` });
      else if (res.status === 200 && answer) {
        const v = checkInvariants(url, body, JSON.parse(answer));
        for (const kind of new Set(v.map((x) => violationKind(x.message)))) stats.kinds.set(kind, (stats.kinds.get(kind) ?? 0) + 1);
        if (v.length) stats.violations.push({ status: 200, detail: v.slice(0, 3).map((x) => `${x.where}: ${x.message}`).join('; '), body: `${method} ${url}` });
      }
    }
    stats.seconds = (performance.now() - started) / 1000;
  } finally {
    client.destroy();
    await dynamo.close();
  }
  return stats;
}

async function main(): Promise<number> {
  const config = { corsOrigins: '*' as const, maxBodyBytes: 5 * 1024 * 1024 };
  const apps = [createStockApp(config), createForecastApp(config), createCashApp(config), createCostApp(config), createPlanApp(config)];
  const random = seededRandom(SEED);
  console.log(`npm run fuzz: seed ${SEED}, ${RUNS} requests per route, at most ${MAX_SECONDS} s per route${filter ? `, routes matching "${filter}"` : ''}\n`);
  const all: RouteStats[] = [];
  const report = (s: RouteStats) => {
    const counts = [...s.counts].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(', ');
    const fivexx = [...s.counts].filter(([st]) => st >= 500).reduce((a, [, n]) => a + n, 0);
    const inv = s.violations.filter((v) => v.status === 200).length;
    console.log(`${s.route.padEnd(32)} ${String(s.runs).padStart(6)} in ${s.seconds.toFixed(0).padStart(4)} s  ${counts}  | 5xx ${fivexx}, invariant violations ${inv}${s.runs < RUNS ? `  (stopped at the time bound)` : ''}`);
    if (s.kinds.size) console.log(`${''.padEnd(34)}requests violating: ${[...s.kinds].map(([k, n]) => `${k} ${n}`).join(', ')}`);
  };
  for (const calc of allCalculations as unknown as Calculation[]) {
    const path = `/v1/${calc.name}`;
    if (filter && !path.includes(filter)) continue;
    const app = apps.find((a) => ownsPath(a, path))!;
    const s = await fuzzCalculation(calc, app, seededRandom(Math.floor(random() * 2 ** 32)));
    report(s);
    all.push(s);
  }
  if (!filter || 'scenarios'.includes(filter)) {
    const s = await fuzzScenarios(seededRandom(Math.floor(random() * 2 ** 32)));
    report(s);
    all.push(s);
  }
  const bad = all.flatMap((s) => s.violations.map((v) => ({ route: s.route, ...v })));
  if (bad.length) {
    console.log(`\n${bad.length} failing request(s); the first per route:`);
    for (const s of all) {
      const v = s.violations[0];
      if (v) console.log(`\n${s.route} (${s.violations.length}) status ${v.status}: ${v.detail}\n  request: ${v.body}`);
    }
  }
  const incomplete = all.filter((s) => s.runs < RUNS);
  console.log(`\nTotal ${all.reduce((a, s) => a + s.runs, 0)} requests; ${bad.filter((b) => b.status >= 500).length} × 5xx; ${bad.filter((b) => b.status === 200).length} invariant violation(s)${incomplete.length ? `; ${incomplete.length} route(s) stopped at the time bound` : ''}.`);
  return bad.length > 0 ? 1 : 0;
}

process.exitCode = await main();
