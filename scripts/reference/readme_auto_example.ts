/**
 * Builds the README's "How auto chooses" example: 87 weeks of a seller's weekly units (synthetic,
 * seeded: a level that grows 10 % a year, a mild summer dip, a holiday peak from the week of Black
 * Friday to Christmas at 1.8–2.6 × the level, noise), the history ending on 2026-10-02 with the
 * Black Friday window ahead. Prints the request and the answer's selection and window.
 *
 *   npx tsx scripts/reference/readme_auto_example.ts
 */
import { ForecastInput, forecast } from '../../core/forecast/forecast.js';
import { normalDeviate, seededRandom } from '../../core/stats/random.js';

const random = seededRandom(2026);
const start = Date.UTC(2025, 1, 7); // Friday 2025-02-07: week t ends 2025-02-07 + 7t days
const DAY = 86_400_000;
const peak = (date: Date) => {
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  if (m === 10 && d >= 25) return d >= 28 ? 2.6 : 2.2; // Black Friday week
  if (m === 11 && d <= 24) return 1.8;
  if (m === 6 || m === 7) return 0.9;
  return 1;
};
const weeks = 100;
const all = Array.from({ length: weeks }, (_, t) => {
  const date = new Date(start + 7 * t * DAY);
  return Math.max(0, Math.round(200 * (1 + 0.1 * (t / 52)) * peak(date) * (1 + 0.06 * normalDeviate(random))));
});
const history = all.slice(0, 87);
// Forecast week 1 ends 2026-10-09; Thanksgiving week (ends 2026-11-27) is week 8, the week before Christmas (ends 2026-12-18) week 11.
const body = { history, horizon: 12, frequency: 'week' as const, start: '2025-02-07', windows: [{ start: 8, end: 11 }] };
const result = forecast(ForecastInput.parse(body));
console.log(JSON.stringify(body));
console.log(JSON.stringify({ model: result.model, selection: result.selection, windows: result.windows }, null, 1));
console.log('actual (same generator, weeks 8–11):', all.slice(94, 98).reduce((a, b) => a + b, 0));
