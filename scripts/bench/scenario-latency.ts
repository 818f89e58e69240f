/**
 * Scenario store latency on the local store: the local server (embedded dynalite, in memory) and
 * real HTTP requests, one at a time: create, get, update (PUT with If-Match), N rounds each; prints
 * p50 and p99 per operation. Run alone: `npx tsx scripts/bench/scenario-latency.ts`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../../functions/local-server.js';
import { percentile } from './stats.js';

export async function scenarioLatencyBench(rounds = 300): Promise<string> {
  const server = await startServer({ port: 0, dataDir: null, quiet: true });
  try {
    const auth = { Authorization: `Bearer ${server.devKey}`, 'Content-Type': 'application/json' };
    const input = { annualDemand: 12000, orderingCost: 4000, holdingCost: 100 };
    const times = { create: [] as number[], get: [] as number[], update: [] as number[] };
    const timed = async (list: number[], run: () => Promise<Response>) => {
      const start = performance.now();
      const res = await run();
      await res.arrayBuffer();
      list.push(performance.now() - start);
      if (res.status >= 400) throw new Error(`status ${res.status}`);
      return res;
    };
    for (let i = 0; i < rounds + 20; i++) {
      const warm = i < 20; // first 20 rounds warm up and are dropped
      const created = await timed(times.create, () => fetch(`${server.url}/v1/scenarios`, { method: 'POST', headers: auth, body: JSON.stringify({ name: `bench ${i}`, kind: 'eoq', input }) }));
      const location = created.headers.get('location')!;
      await timed(times.get, () => fetch(server.url + location, { headers: auth }));
      await timed(times.update, () => fetch(server.url + location, { method: 'PUT', headers: { ...auth, 'If-Match': '"v1"' }, body: JSON.stringify({ name: `bench ${i} v2`, kind: 'eoq', input: { ...input, annualDemand: 13000 } }) }));
      if (warm) for (const list of Object.values(times)) list.pop();
    }
    const fmt = (list: number[]) => `p50 ${percentile(list, 50).toFixed(2)} ms, p99 ${percentile(list, 99).toFixed(2)} ms`;
    return `scenario store over HTTP on the local server (dynalite in memory), ${rounds} sequential rounds: create ${fmt(times.create)}; get ${fmt(times.get)}; update (PUT, If-Match) ${fmt(times.update)}`;
  } finally {
    await server.close();
  }
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(await scenarioLatencyBench());
