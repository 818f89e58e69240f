import type { DomainErrorCode } from '../../core/errors.js';
import { domainErrorStatus } from '../http/errors.js';

/** What each problem `type` means, served at `/problems/{code}`. */
export const problemDescriptions: Record<string, { status: number; title: string; description: string }> = {
  validation: { status: 400, title: 'Invalid request', description: 'The body or query parameters do not match the schema; `errors` lists every bad field by JSON pointer.' },
  'not-found': { status: 404, title: 'Not found', description: 'No resource at this path. See /docs.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', description: 'The path exists but not for this method; the Allow header lists the methods it takes.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', description: 'POST bodies must be JSON with Content-Type: application/json.' },
  'body-too-large': { status: 413, title: 'Request body too large', description: 'The body is over the limit (1 MiB unless configured otherwise).' },
  internal: { status: 500, title: 'Internal error', description: 'An unexpected failure; quote the `instance` when reporting it.' },
  ...withStatus({
    'calculation.non-finite-result': { title: 'Result not representable', description: 'The inputs lead to a number too large to represent.' },
    'safety-stock.service-level-too-close-to-one': {
      title: 'Service level too close to 1',
      description: 'Above 0.999999 the answer only reflects the assumed normal tail, not real demand.',
    },
    'eoq.production-rate-not-above-demand': { title: 'Production rate too low', description: 'EPQ needs a production rate above the demand rate.' },
    'eoq.unsupported-combination': { title: 'Unsupported combination', description: 'Incremental discounts cannot be combined with planned backorders.' },
    'newsvendor.unprofitable': { title: 'Unprofitable item', description: 'Price plus shortage penalty does not exceed unit cost: the best quantity is zero.' },
    'newsvendor.salvage-not-below-cost': { title: 'Salvage not below cost', description: 'Leftovers recover at least their cost, so there is no finite best quantity.' },
    'forecast.seasonality-not-possible': { title: 'Seasonal model not possible', description: 'The model needs a season length above 1 (and ETS at most 24).' },
    'forecast.not-enough-history': { title: 'Not enough history', description: 'The model needs more periods than the history has (e.g. two full seasons).' },
    'forecast.multiplicative-needs-positive-data': { title: 'Multiplicative model needs positive data', description: 'Multiplicative components need strictly positive history values.' },
    'forecast.negative-demand': { title: 'Negative demand', description: 'Intermittent-demand methods need non-negative history values.' },
    'forecast.model-not-applicable': { title: 'Model not applicable', description: 'The chosen model cannot be fitted to this history (e.g. too few periods for its parameters).' },
  }),
};

function withStatus(entries: Record<DomainErrorCode, { title: string; description: string }>) {
  return Object.fromEntries(Object.entries(entries).map(([code, e]) => [code, { status: domainErrorStatus[code as DomainErrorCode], ...e }]));
}
