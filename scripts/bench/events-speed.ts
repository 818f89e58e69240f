/**
 * Cost of events in the forecast, figures only (nothing is asserted): 1,000 synthetic weekly
 * series of 104 points (scripts/bench/forecast-speed.ts `syntheticWeeklySeries`) from Monday
 * 2024-01-01, horizon 52, with five events (black-friday, cyber-monday, christmas, a two-day
 * custom sale with intensities, prime-day with three occurrences) and a daily breakdown, against
 * the same forecasts without events:
 *   a. the events step alone (mapEvents + learnEvents on the series as baseline + splitIntoDays);
 *   b. forecast() end to end, method ses, with and without events (one warm-up pass first).
 *
 *   npx tsx scripts/bench/events-speed.ts
 */
import { performance } from 'node:perf_hooks';
import { learnEvents, mapEvents, splitIntoDays, type EventSpec } from '../../core/forecast/events.js';
import { ForecastInput, forecast } from '../../core/forecast/forecast.js';
import { addPeriods } from '../../core/forecast/calendar.js';
import { syntheticWeeklySeries } from './forecast-speed.js';

const START = '2024-01-01';
const HORIZON = 52;
const EVENTS: EventSpec[] = [
  { name: 'black-friday' },
  { name: 'cyber-monday' },
  { name: 'christmas', postPeriods: 1 },
  { name: 'custom', label: 'spring-sale', occurrences: [{ start: '2024-03-12', end: '2024-03-13', intensity: 0.2 }, { start: '2025-03-11', end: '2025-03-12', intensity: 0.3 }, { start: '2026-03-10', end: '2026-03-11', intensity: 0.25 }] },
  { name: 'custom', label: 'prime-day', occurrences: [{ start: '2024-07-16', end: '2024-07-17' }, { start: '2025-07-08', end: '2025-07-11' }, { start: '2026-07-07', end: '2026-07-10' }] },
];

export function eventsSpeedBench(): string {
  const series = syntheticWeeklySeries(1000, 104).map((s) => s.history);
  const lines: string[] = [];
  // a. the events step alone
  const runEvents = () => {
    for (const history of series) {
      const input = { history, horizon: HORIZON, start: START, frequency: 'week' as const, events: EVENTS };
      const ctx = mapEvents(input);
      const out = learnEvents(input, ctx, history);
      splitIntoDays({ start: addPeriods(START, 'week', history.length), frequency: 'week', forecast: out.multipliers.map((m) => 100 * m), baseline: new Array<number>(HORIZON).fill(100), dayLifts: out.dayLifts });
    }
  };
  runEvents();
  let t = performance.now();
  runEvents();
  const eventsMs = performance.now() - t;
  lines.push(`events step alone (map + learn + split into 364 days), 1,000 series × 104 weeks, 5 events: ${(eventsMs / 1000).toFixed(3)} s (${(1000 / (eventsMs / 1000)).toFixed(0)} series/s)`);
  // b. end to end
  const requests = (withEvents: boolean) =>
    series.map((history) => ForecastInput.parse({ history, horizon: HORIZON, frequency: 'week', start: START, method: 'ses', ...(withEvents ? { events: EVENTS, dailyBreakdown: true } : {}) }));
  for (const withEvents of [false, true]) {
    const inputs = requests(withEvents);
    for (const input of inputs.slice(0, 100)) forecast(input);
    t = performance.now();
    for (const input of inputs) forecast(input);
    const s = (performance.now() - t) / 1000;
    lines.push(`forecast() method ses, horizon 52, ${withEvents ? 'with 5 events + dailyBreakdown' : 'without events'}: ${s.toFixed(3)} s for 1,000 series (${(1000 / s).toFixed(0)} series/s)`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(eventsSpeedBench());
