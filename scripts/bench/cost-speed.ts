/**
 * Landed-cost speed: a 500-SKU shipment (China → Germany by sea LCL, DDP, warehouse, marketplace
 * fees, ads, returns) costed warm, in summary and in full detail; and the 2,000-SKU maximum.
 * Figures only (never asserted). `npx tsx scripts/bench/cost-speed.ts`
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { landedCostCalculation } from '../../core/cost/landed-cost.js';

/** A realistic shipment of `skus` SKUs, deterministic. */
export function costBenchInput(skus: number, detail: 'full' | 'summary') {
  const example = landedCostCalculation.example;
  return landedCostCalculation.input.parse({
    ...example,
    detail,
    items: Array.from({ length: skus }, (_, i) => ({
      sku: `SKU-${String(i + 1).padStart(5, '0')}`,
      quantity: 50 + ((i * 37) % 400),
      unitCost: 5 + ((i * 13) % 200),
      costCurrency: i % 5 === 0 ? 'USD' : 'CNY',
      price: 9.99 + ((i * 7) % 60),
      measuredPer: i % 3 === 0 ? 'unit' : 'carton',
      unitsPerCarton: 6 + (i % 10),
      weight: i % 3 === 0 ? 0.4 + (i % 7) * 0.3 : 5 + (i % 9),
      length: i % 3 === 0 ? 20 + (i % 15) : 40 + (i % 20),
      width: i % 3 === 0 ? 15 + (i % 10) : 30 + (i % 15),
      height: i % 3 === 0 ? 5 + (i % 8) : 25 + (i % 20),
      dutyRate: [0, 0.027, 0.047, 0.065, 0.12][i % 5],
      contentCost: i % 4 === 0 ? 300 : 0,
    })),
  });
}

function time(run: () => unknown, rounds: number): { median: number; best: number } {
  for (let i = 0; i < 100; i++) run(); // warm-up: JIT tiers and a steady-state heap
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(rounds / 2)]!, best: times[0]! };
}

export function costSpeedBench(): string {
  const lines: string[] = [];
  // Validation of the raw request (what the HTTP layer does before compute).
  const raw = JSON.parse(JSON.stringify(costBenchInput(500, 'summary'))) as unknown;
  const parse = time(() => landedCostCalculation.input.parse(raw), 31);
  lines.push(`landed-cost input validation (zod), 500 SKUs: median ${parse.median.toFixed(2)} ms, best ${parse.best.toFixed(2)} ms`);
  for (const [skus, detail] of [
    [500, 'summary'],
    [500, 'full'],
    [2000, 'summary'],
  ] as const) {
    const input = costBenchInput(skus, detail);
    const t = time(() => landedCostCalculation.compute(input), 31);
    const bytes = JSON.stringify(landedCostCalculation.compute(input)).length;
    lines.push(`landed-cost, ${skus} SKUs, detail ${detail}: median ${t.median.toFixed(2)} ms, best ${t.best.toFixed(2)} ms over 31 warm runs; JSON ${(bytes / 1024).toFixed(0)} KiB (target for 500 SKUs: well under 10 ms)`);
  }
  return lines.join('\n');
}

const invokedDirectly = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) console.log(costSpeedBench());
