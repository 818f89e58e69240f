/**
 * Many series in one request, each with its own result or its own error: one bad series does not
 * fail the others. Each item is a ForecastInput plus an `id`; `defaults` fill fields the items
 * leave out. `detail: "summary"` (default) leaves out the per-period fitted values, residuals and
 * states so that 1,000 series stay well inside a 6 MB Lambda response.
 */
import * as z from 'zod';
import { crossField } from '../schema.js';
import { defineCalculation } from '../calculation.js';
import { DomainError } from '../errors.js';
import { forecast, ForecastInput, ForecastResult } from './forecast.js';

export const MAX_BATCH_SERIES = 2000;

const ForecastBatchItem = z
  .looseObject({ id: z.string().min(1).max(200).meta({ description: 'Your identifier of the series (e.g. the SKU).' }) })
  .meta({ id: 'ForecastBatchItem', description: 'A ForecastInput with an id; validated per item, so errors stay with their item.' });

export const ForecastBatchInput = z
  .strictObject({
    defaults: z.record(z.string(), z.unknown()).default({}).meta({ description: 'ForecastInput fields applied to every item that leaves them out (e.g. horizon, frequency).' }),
    detail: z.enum(['summary', 'full']).default('summary').meta({ description: 'summary leaves out fitted values, residuals and states.' }),
    series: z.array(ForecastBatchItem).min(1).max(MAX_BATCH_SERIES).meta({ description: `1..${MAX_BATCH_SERIES} series; their work is summed (defaults counted for every item). The request as a whole must also fit the work budget (about 5 s of computing: 413 request.too-much-work) and its JSON answer 6 MB (413 response.too-large).` }),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.series.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', path: ['series', i, 'id'], message: `duplicate id ${s.id}` });
      seen.add(s.id);
    });
  }, crossField)
  .meta({ id: 'ForecastBatchInput' });
export type ForecastBatchInput = z.output<typeof ForecastBatchInput>;

const ItemError = z.strictObject({ path: z.string(), message: z.string() });
const SummaryResult = ForecastResult.omit({ fitted: true, residuals: true, states: true });

export const ForecastBatchResult = z
  .strictObject({
    method: z.string(),
    succeeded: z.number(),
    failed: z.number(),
    results: z.array(
      z.union([
        z.strictObject({ id: z.string(), status: z.literal('ok'), result: z.union([ForecastResult, SummaryResult]) }),
        z.strictObject({ id: z.string(), status: z.literal('error'), code: z.string(), errors: z.array(ItemError) }),
      ]),
    ),
  })
  .meta({ id: 'ForecastBatchResult' });
export type ForecastBatchResult = z.output<typeof ForecastBatchResult>;

const pointer = (path: ReadonlyArray<PropertyKey>) => path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');

export function forecastBatch(input: ForecastBatchInput): ForecastBatchResult {
  let succeeded = 0;
  const results = input.series.map((item, index): ForecastBatchResult['results'][number] => {
    const { id, ...fields } = item;
    const parsed = ForecastInput.safeParse({ ...input.defaults, ...fields });
    if (!parsed.success)
      return { id, status: 'error', code: 'validation', errors: parsed.error.issues.map((i) => ({ path: pointer(['series', index, ...i.path]), message: i.message })) };
    try {
      const full = forecast(parsed.data);
      succeeded++;
      if (input.detail === 'full') return { id, status: 'ok', result: full };
      const { fitted: _f, residuals: _r, states: _s, ...summary } = full;
      return { id, status: 'ok', result: summary };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      return { id, status: 'error', code: err.code, errors: [{ path: pointer(['series', index, ...err.path]), message: err.message }] };
    }
  });
  return { method: 'forecast-batch', succeeded, failed: results.length - succeeded, results };
}

export const forecastBatchCalculation = defineCalculation({
  name: 'forecast/batch',
  summary: 'Forecast many series',
  description: 'Up to 2,000 series per request (bodies up to 5 MB), each with its own result or error, as long as their summed work fits the budget (about 5 s of computing, e.g. ~200 series of 104 weeks by auto: 413 request.too-much-work above) and the JSON answer 6 MB.',
  input: ForecastBatchInput,
  result: ForecastBatchResult,
  compute: forecastBatch,
  primary: 'succeeded',
  table: (r) => ({
    columns: ['id', 'status', 'model', 'horizonTotal', 'stdDev', 'error'],
    rows: r.results.map((x) => (x.status === 'ok' ? [x.id, 'ok', x.result.model, x.result.horizonTotal.sum, x.result.horizonTotal.stdDev, ''] : [x.id, 'error', '', '', '', x.errors[0]?.message ?? x.code])),
  }),
  example: { defaults: { horizon: 4 }, series: [{ id: 'SKU-1', history: [5, 7, 6, 8, 9, 7] }, { id: 'SKU-2', history: [0, 2, 0, 0, 3, 0, 1] }] },
});
