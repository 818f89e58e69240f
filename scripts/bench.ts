/**
 * Performance figures for Peakplan, printed only (timings are never asserted; exit code 0 unless
 * something crashes):
 *
 *   a. bundle sizes of every Lambda handler (scripts/build.ts buildAll());
 *   b. cold start of every calculation function: fresh `node` processes importing the bundle and
 *      handling one API Gateway HTTP API v2 event, against a bare Hono handler bundled the same way;
 *   c. warm throughput of the local server against a bare Hono app on @hono/node-server, with
 *      autocannon on 127.0.0.1 (each server in its own process, autocannon in this one).
 *
 *   npm run bench
 *
 * Knobs (environment): PEAKPLAN_BENCH_COLD_RUNS (default 15), PEAKPLAN_BENCH_SECONDS (default 5),
 * PEAKPLAN_BENCH_ROUNDS (default 2), PEAKPLAN_BENCH_CONNECTIONS (default 10).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET_EXEMPT_GROUPS, CALCULATION_BUDGET_BYTES, ROOT, buildAll, bundleOne, fmtInt, formatBuildReport, textTable, type BundleResult } from './build.js';
import { coldRun, writeDriver, type ColdSample } from './bench/cold-start.js';
import { cashSpeedBench } from './bench/cash-speed.js';
import { costSpeedBench } from './bench/cost-speed.js';
import { stockPlanSpeedBench } from './bench/stock-plan-speed.js';
import { planSpeedBench } from './bench/plan-speed.js';
import { forecastSpeedBench } from './bench/forecast-speed.js';
import { scenarioLatencyBench } from './bench/scenario-latency.js';
import { workBudgetBench } from './bench/work-budget.js';
import { runLoad, startServerChild, type LoadRun, type ServerChild } from './bench/load.js';
import { SAFETY_STOCK_PROBE, probeFor, type Probe } from './bench/probes.js';
import { mean, median, ms, percentile, percentileSorted, ratio } from './bench/stats.js';

const BENCH_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench');
const BARE_HANDLER = path.join(BENCH_DIR, 'bare-handler.ts');

function intEnv(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback;
}

const COLD_RUNS = intEnv('PEAKPLAN_BENCH_COLD_RUNS', 15);
const COLD_WARMUP_ROUNDS = 1;
const LOAD_SECONDS = intEnv('PEAKPLAN_BENCH_SECONDS', 5);
const LOAD_WARMUP_SECONDS = 1;
const LOAD_ROUNDS = intEnv('PEAKPLAN_BENCH_ROUNDS', 2);
const CONNECTIONS = intEnv('PEAKPLAN_BENCH_CONNECTIONS', 10);
const COLD_TARGET = 1.5;
const WARM_TARGET = 0.7;

const section = (title: string): void => console.log(`\n=== ${title} ${'='.repeat(Math.max(0, 90 - title.length))}\n`);

// ---------------------------------------------------------------------------------------------
// b. cold start

interface ColdTarget {
  name: string;
  bundle: string;
  probe: Probe;
  probeKnown: boolean;
  samples: ColdSample[];
}

interface ColdSummary {
  name: string;
  runs: number;
  medianMs: number;
  p90Ms: number;
  wallMedianMs: number;
  wallP90Ms: number;
  statuses: number[];
}

function summarizeCold(t: ColdTarget): ColdSummary {
  const inChild = t.samples.map((s) => s.invokeEndMs);
  const wall = t.samples.map((s) => s.wallMs);
  return {
    name: t.name,
    runs: t.samples.length,
    medianMs: median(inChild),
    p90Ms: percentile(inChild, 90),
    wallMedianMs: median(wall),
    wallP90Ms: percentile(wall, 90),
    statuses: [...new Set(t.samples.map((s) => s.statusCode ?? -1))].sort((a, b) => a - b),
  };
}

async function benchColdStart(tmp: string, calcGroups: BundleResult[], bare: BundleResult): Promise<{ summaries: ColdSummary[]; ratios: Map<string, { median: number; p90: number; wall: number }> }> {
  const driver = await writeDriver(tmp);
  const targets: ColdTarget[] = [
    { name: 'bare', bundle: bare.outfile, probe: SAFETY_STOCK_PROBE, probeKnown: true, samples: [] },
    ...calcGroups.map((g) => {
      const { probe, known } = probeFor(g.group);
      return { name: g.group, bundle: g.outfile, probe, probeKnown: known, samples: [] };
    }),
  ];
  for (const t of targets) {
    const body = t.probe.body !== undefined ? ` body ${t.probe.body}` : '';
    const shown = t.bundle.startsWith(ROOT + path.sep) ? path.relative(ROOT, t.bundle) : t.bundle;
    console.log(`${t.name}: ${shown} <- ${t.probe.method} ${t.probe.path}${body}${t.probeKnown ? '' : '  (no probe defined for this group in scripts/bench/probes.ts)'}`);
  }
  console.log(`\n${COLD_WARMUP_ROUNDS} warm-up round (discarded), then ${COLD_RUNS} rounds; each round runs every target once in a fresh process, order rotating.`);

  const started = performance.now();
  for (let round = -COLD_WARMUP_ROUNDS; round < COLD_RUNS; round++) {
    const offset = ((round % targets.length) + targets.length) % targets.length;
    const order = [...targets.slice(offset), ...targets.slice(0, offset)];
    for (const t of order) {
      const sample = await coldRun(driver, t.bundle, t.probe, `peakplan-bench-${t.name}`);
      if (round >= 0) t.samples.push(sample);
    }
  }
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

  const rows = targets.map((t) => {
    const s = summarizeCold(t);
    const boot = median(t.samples.map((x) => x.bootMs));
    const imp = median(t.samples.map((x) => x.importEndMs - x.bootMs));
    const inv = median(t.samples.map((x) => x.invokeEndMs - x.importEndMs));
    return [t.name, String(s.runs), ms(s.medianMs), ms(s.p90Ms), ms(s.wallMedianMs), ms(s.wallP90Ms), ms(boot), ms(imp), ms(inv), s.statuses.join(',')];
  });
  console.log(
    textTable(
      ['target', 'runs', 'start->1st invoke end: median', 'p90', 'parent wall: median', 'p90', 'node boot', 'import', '1st invoke', 'status'],
      rows,
      new Set([1, 2, 3, 4, 5, 6, 7, 8]),
    ),
  );
  console.log(
    '(ms; the last three columns are medians of the phases: process start -> driver runs, import of the bundle, first handler call;\n' +
      " the first call includes Node's lazy load of its fetch implementation (undici) on first use of Request/Response, for the bare handler too)",
  );

  const summaries = targets.map(summarizeCold);
  const bareSummary = summaries[0];
  const ratios = new Map<string, { median: number; p90: number; wall: number }>();
  console.log('');
  for (const s of summaries.slice(1)) {
    if (!bareSummary) break;
    const r = { median: s.medianMs / bareSummary.medianMs, p90: s.p90Ms / bareSummary.p90Ms, wall: s.wallMedianMs / bareSummary.wallMedianMs };
    ratios.set(s.name, r);
    console.log(
      `${s.name} / bare: ${ratio(r.median)} median (${s.medianMs >= bareSummary.medianMs ? '+' : ''}${ms(s.medianMs - bareSummary.medianMs)} ms), ${ratio(r.p90)} p90 (in-child); ${ratio(r.wall)} median parent wall  ` +
        `[target <= ${COLD_TARGET}x on the in-child median: ${r.median <= COLD_TARGET ? 'met' : 'NOT met'}]`,
    );
  }
  for (const t of targets) {
    const first = t.samples[0];
    if (!first) continue;
    const statusNote = first.statusCode === 200 ? '' : '  <-- not 200';
    console.log(`${t.name} response: statusCode ${first.statusCode ?? 'none'}, content-type ${first.contentType ?? 'none'}, body ${first.body ?? ''}${statusNote}`);
  }
  return { summaries, ratios };
}

// ---------------------------------------------------------------------------------------------
// c. warm throughput

interface WarmSummary {
  kind: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
}

async function checkOnce(server: ServerChild, probe: Probe): Promise<string> {
  const res = await fetch(server.url + probe.path, {
    method: probe.method,
    headers: probe.body !== undefined ? { 'content-type': 'application/json' } : {},
    ...(probe.body !== undefined ? { body: probe.body } : {}),
  });
  const text = await res.text();
  return `${res.status} ${res.headers.get('content-type') ?? ''} ${text.slice(0, 300)}${res.status === 200 ? '' : '  <-- not 200'}`;
}

async function benchWarm(): Promise<{ peakplan: WarmSummary; bare: WarmSummary } | null> {
  const probe = SAFETY_STOCK_PROBE;
  const servers: ServerChild[] = [];
  try {
    const [peakplan, bare] = await Promise.all([startServerChild('peakplan'), startServerChild('bare')]);
    servers.push(peakplan, bare);
    console.log(`peakplan: functions/local-server.ts startServer({ dataDir: null, quiet: true }) in pid ${peakplan.pid}, reported ${peakplan.reportedUrl}, benchmarked at ${peakplan.url}`);
    console.log(`bare:     scripts/bench/bare-server.ts (Hono on @hono/node-server) in pid ${bare.pid}, at ${bare.url}`);
    console.log(`request:  ${probe.method} ${probe.path} content-type: application/json body ${probe.body ?? ''}`);
    console.log(`check peakplan -> ${await checkOnce(peakplan, probe)}`);
    console.log(`check bare     -> ${await checkOnce(bare, probe)}`);
    console.log(
      `\nautocannon: ${CONNECTIONS} connections, ${LOAD_ROUNDS} rounds alternating the order, each run = ${LOAD_WARMUP_SECONDS} s warm-up (discarded) + ${LOAD_SECONDS} s measured; ` +
        'servers run under tsx in their own processes, autocannon in this one.\n',
    );

    const runs = new Map<string, LoadRun[]>([
      ['peakplan', []],
      ['bare', []],
    ]);
    const rows: string[][] = [];
    for (let round = 0; round < LOAD_ROUNDS; round++) {
      const order = round % 2 === 0 ? [peakplan, bare] : [bare, peakplan];
      for (const server of order) {
        const target = { url: server.url + probe.path, method: probe.method, connections: CONNECTIONS, ...(probe.body !== undefined ? { body: probe.body } : {}) };
        await runLoad({ ...target, durationSec: LOAD_WARMUP_SECONDS });
        const run = await runLoad({ ...target, durationSec: LOAD_SECONDS });
        runs.get(server.kind)?.push(run);
        const r = run.result;
        rows.push([
          server.kind,
          String(round + 1),
          fmtInt(run.rps),
          ms(percentileSorted(run.latencies, 50), 2),
          ms(percentileSorted(run.latencies, 99), 2),
          fmtInt(r.requests.total),
          fmtInt(r.non2xx),
          fmtInt(r.errors),
          fmtInt(r.timeouts),
        ]);
      }
    }
    const summarize = (kind: string): WarmSummary => {
      const list = runs.get(kind) ?? [];
      const pooled = Float64Array.from(list.flatMap((r) => Array.from(r.latencies))).sort();
      return {
        kind,
        rps: mean(list.map((r) => r.rps)),
        p50: percentileSorted(pooled, 50),
        p99: percentileSorted(pooled, 99),
        requests: list.reduce((s, r) => s + r.result.requests.total, 0),
        bad: list.reduce((s, r) => s + r.result.non2xx + r.result.errors + r.result.timeouts, 0),
      };
    };
    const pp = summarize('peakplan');
    const bb = summarize('bare');
    for (const s of [pp, bb]) rows.push([s.kind, 'all', fmtInt(s.rps), ms(s.p50, 2), ms(s.p99, 2), fmtInt(s.requests), '', '', '']);
    console.log(textTable(['server', 'round', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'timeouts'], rows, new Set([2, 3, 4, 5, 6, 7, 8])));
    console.log('(req/s = autocannon mean of per-second samples, "all" = mean over rounds; latencies of 2xx responses, sub-ms, pooled over rounds)');
    const r = pp.rps / bb.rps;
    console.log(`\npeakplan / bare throughput: ${ratio(r)}  [target >= ${WARM_TARGET}x: ${r >= WARM_TARGET ? 'met' : 'NOT met'}]`);
    if (pp.bad > 0 || bb.bad > 0) console.log(`WARNING: non-2xx/errors/timeouts: peakplan ${pp.bad}, bare ${bb.bad} — the throughput figures include failed requests`);
    return { peakplan: pp, bare: bb };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cpus = os.cpus();
  const machine = `${os.platform()} ${os.arch()}, ${cpus.length} x ${cpus[0]?.model.trim() ?? 'unknown CPU'}, node ${process.version}`;
  console.log(`Peakplan bench — ${new Date().toISOString()} — ${machine} (Lambda target: nodejs22.x arm64)`);
  console.log('Figures only, nothing is asserted. Local numbers: use the ratios, not the absolute times, to reason about Lambda.');

  section('a. bundle sizes (npm run build)');
  const results = await buildAll();
  console.log(formatBuildReport(results));

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'peakplan-bench-'));
  let cold: Awaited<ReturnType<typeof benchColdStart>> | null = null;
  let warm: Awaited<ReturnType<typeof benchWarm>> = null;
  let bare: BundleResult | null = null;
  const failures: string[] = [];
  try {
    bare = await bundleOne('bare', BARE_HANDLER, path.join(tmp, 'bare', 'index.mjs'));
    console.log(`\nbare baseline (scripts/bench/bare-handler.ts, same esbuild options): ${fmtInt(bare.bytes)} B minified, ${fmtInt(bare.gzipBytes)} B gzip`);

    section('b. cold start (fresh node process per run)');
    const calcGroups = results.filter((r) => !BUDGET_EXEMPT_GROUPS.has(r.group));
    try {
      cold = await benchColdStart(tmp, calcGroups, bare);
    } catch (err) {
      failures.push(`cold start: ${String(err)}`);
      console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }

    section('c. warm throughput (local server vs bare Hono, autocannon)');
    try {
      warm = await benchWarm();
    } catch (err) {
      failures.push(`warm throughput: ${String(err)}`);
      console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }

  section('d. forecast engine speed');
  let forecastSummary = '';
  try {
    forecastSummary = await forecastSpeedBench();
    console.log(forecastSummary);
  } catch (err) {
    failures.push(`forecast speed: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('e. cash-flow timeline speed');
  let cashSummary = '';
  try {
    cashSummary = cashSpeedBench();
    console.log(cashSummary);
  } catch (err) {
    failures.push(`cash speed: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('e2. landed-cost speed');
  let costSummary = '';
  try {
    costSummary = costSpeedBench();
    console.log(costSummary);
  } catch (err) {
    failures.push(`cost speed: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('f. scenario store latency');
  let scenarioSummary = '';
  try {
    scenarioSummary = await scenarioLatencyBench();
    console.log(scenarioSummary);
  } catch (err) {
    failures.push(`scenario latency: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('stock-plan speed');
  let stockPlanSummary = '';
  try {
    stockPlanSummary = stockPlanSpeedBench();
    console.log(stockPlanSummary);
  } catch (err) {
    failures.push(`stock-plan speed: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('promo-plan speed');
  let planSummary = '';
  try {
    planSummary = planSpeedBench();
    console.log(planSummary);
  } catch (err) {
    failures.push(`promo-plan speed: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('work budget and response size (worst accepted request per route)');
  try {
    await workBudgetBench();
  } catch (err) {
    failures.push(`work budget: ${String(err)}`);
    console.log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }

  section('summary');
  const lines: string[] = [];
  lines.push(`Peakplan bench (${new Date().toISOString().slice(0, 10)}; ${machine}; target runtime nodejs22.x arm64)`);
  const sizes = results
    .map((r) => {
      const budget = r.withinBudget === null ? 'no budget' : `${((r.bytes / CALCULATION_BUDGET_BYTES) * 100).toFixed(0)}% of 150 KB${r.withinBudget ? '' : ', OVER'}`;
      return `${r.group} ${fmtInt(r.bytes)} B min / ${fmtInt(r.gzipBytes)} B gz (${budget})`;
    })
    .join('; ');
  lines.push(`- Bundles: ${sizes}; bare Hono ${bare ? fmtInt(bare.bytes) : '?'} B. @aws-sdk/*: ${results.some((r) => r.awsSdkImports.length > 0) ? `referenced by ${results.filter((r) => r.awsSdkImports.length > 0).map((r) => r.group).join(', ')}` : 'not referenced by any bundle'}.`);
  if (cold) {
    const bareCold = cold.summaries[0];
    for (const s of cold.summaries.slice(1)) {
      const r = cold.ratios.get(s.name);
      lines.push(
        `- Cold start ${s.name} (process start -> end of 1st ${probeFor(s.name).probe.method} ${probeFor(s.name).probe.path}, ${s.runs} fresh node runs): median ${ms(s.medianMs)} ms, p90 ${ms(s.p90Ms)} ms ` +
          `vs bare Hono ${ms(bareCold?.medianMs ?? Number.NaN)} / ${ms(bareCold?.p90Ms ?? Number.NaN)} ms -> ${ratio(r?.median ?? Number.NaN)} ` +
          `(target <= ${COLD_TARGET}x: ${(r?.median ?? Infinity) <= COLD_TARGET ? 'met' : 'NOT met'}); parent wall ${ms(s.wallMedianMs)} vs ${ms(bareCold?.wallMedianMs ?? Number.NaN)} ms (${ratio(r?.wall ?? Number.NaN)}); statusCode ${s.statuses.join(',')}.`,
      );
    }
  } else lines.push('- Cold start: not measured (failed, see above).');
  if (warm) {
    const r = warm.peakplan.rps / warm.bare.rps;
    lines.push(
      `- Warm POST ${SAFETY_STOCK_PROBE.path} (autocannon ${CONNECTIONS} conns, ${LOAD_ROUNDS} x ${LOAD_SECONDS} s, 127.0.0.1): Peakplan ${fmtInt(warm.peakplan.rps)} req/s, p50 ${ms(warm.peakplan.p50, 2)} ms, p99 ${ms(warm.peakplan.p99, 2)} ms ` +
        `vs bare Hono ${fmtInt(warm.bare.rps)} req/s, p50 ${ms(warm.bare.p50, 2)} ms, p99 ${ms(warm.bare.p99, 2)} ms -> ${ratio(r)} (target >= ${WARM_TARGET}x: ${r >= WARM_TARGET ? 'met' : 'NOT met'}).`,
    );
  } else lines.push('- Warm throughput: not measured (failed, see above).');
  if (forecastSummary) lines.push(`- Forecast engine: ${forecastSummary.split('\n').filter((l) => /series\/s|million points\/s/.test(l)).map((l) => l.trim()).join(' | ')}`);
  if (cashSummary) lines.push(`- Cash flow: ${cashSummary}`);
  if (costSummary) lines.push(`- Landed cost: ${costSummary.split('\n').join(' | ')}`);
  if (stockPlanSummary) lines.push(`- Stock plan: ${stockPlanSummary}`);
  if (planSummary) lines.push(`- Promo plan: ${planSummary}`);
  if (scenarioSummary) lines.push(`- Scenarios: ${scenarioSummary}`);
  for (const f of failures) lines.push(`- FAILURE: ${f.split('\n')[0]}`);
  console.log(lines.join('\n'));

  if (failures.length > 0) process.exitCode = 1;
}

try {
  await main();
} catch (err) {
  console.error(err);
  process.exitCode = 1;
}
// Everything has been closed; if some handle still holds the loop open, do not hang.
setTimeout(() => {
  console.error('bench: open handles remained after the run; exiting');
  process.exit(process.exitCode ?? 0);
}, 5000).unref();
