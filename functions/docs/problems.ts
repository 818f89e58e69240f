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
  unauthorized: { status: 401, title: 'Unauthorized', description: 'The request needs an API key (Authorization: Bearer sk_… or pk_…), or the key sent is unknown or revoked.' },
  forbidden: { status: 403, title: 'Forbidden', description: 'The key may not do this: publishable keys only call calculations, from their allowed origins; a key without the scope cannot use the route.' },
  ...withStatus({
    'calculation.non-finite-result': { title: 'Result not representable', description: 'The inputs lead to a number too large to represent.' },
    'request.too-much-work': {
      title: 'Too much work for one request',
      description:
        'The bounds of each field hold, but their product would take more than 5 s of computing (series × points × models × sample paths, SKUs × days × scenarios, inline forecasts, the saved inputs of a run or compare). The detail names the biggest part and its path: send fewer series, points, sample paths, SKUs, days or scenarios per request.',
    },
    'response.too-large': {
      title: 'Answer too large',
      description: 'The JSON answer would exceed 6,000,000 bytes (AWS Lambda answers at most 6 MB): ask for ?format=csv, a smaller detail (summary), or split the request; a jobs API for large runs is planned.',
    },
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
    'stock-plan.cutoff-passed': { title: 'Inbound cut-off already passed', description: 'The cut-off (promo start − cutoffDaysBefore) is before asOf: no shipment can arrive in time; lower cutoffDaysBefore or plan a later event.' },
    'stock-plan.forecast-does-not-cover-window': { title: 'Forecast does not cover the window', description: "The forecast's periods do not span the coverage window (promo start to promo end + coverageDaysAfter): forecast from an earlier start, a longer horizon, or give demand.window." },
    'landed-cost.destination-not-covered': { title: 'Destination or date not covered', description: 'No valuation basis or VAT/GST rate is on file for this destination on the import date; give valuationBasis, importVatRate (and salesVatRate) in the request.' },
    'landed-cost.fx-rate-missing': { title: 'Exchange rate missing', description: 'A low-value threshold or flat duty is in another currency than the request; add that currency to fxRates.' },
    'landed-cost.amount-too-large': { title: 'Amount too large', description: 'A shipment total exceeds 1e14 minor units of the currency; split the shipment.' },
    'cash-flow.forecast-frequency-not-supported': { title: 'Forecast frequency not supported', description: 'Cash flow takes daily or weekly forecasts (a week is spread evenly over its days); a monthly forecast would need a within-month sales pattern.' },
    'plan.chained-input-out-of-bounds': { title: 'Derived input out of bounds', description: "A request the promo plan builds for one of its steps (stock plan, landed cost, cash flow) is outside that calculation's bounds, e.g. more than 10 million units of a SKU by one mode or a purchase order above 1e9; the path names the plan field it comes from. Split the plan or check the units." },
    'scenario.not-found': { title: "Scenario not found", description: "No scenario with this id (and version) exists for your API key's tenant; another tenant's scenarios are never visible." },
    'scenario.version-mismatch': { title: 'Scenario changed since you read it', description: 'If-Match names a version that is no longer current: GET the scenario, reapply your change and send its new ETag.' },
    'scenario.precondition-required': { title: 'If-Match required', description: 'Changes and deletions must say which version they are based on: send the ETag from your last GET in If-Match (or * to overwrite any version).' },
    'scenario.too-large': { title: 'Scenario too large', description: 'A saved scenario input holds at most 300,000 bytes of JSON.' },
    'scenario.unreadable': { title: 'Stored scenario unreadable', description: 'A stored item failed validation when read and is reported instead of being served half-broken; quote the instance.' },
    'scenario.idempotency-key-reused': { title: 'Idempotency-Key reused', description: 'The Idempotency-Key was already used in the last 24 hours with a different request body.' },
    'scenario.idempotency-in-progress': { title: 'Request in progress', description: 'A request with this Idempotency-Key is still being processed; retry after Retry-After seconds.' },
    'scenario.kinds-differ': { title: 'Scenarios of different kinds', description: 'Only scenarios of the same kind can be compared.' },
    'scenario.kind-immutable': { title: 'Kind cannot change', description: 'A scenario keeps its kind; save a new scenario for another calculation.' },
    'scenario.kind-unknown': { title: 'Unknown kind', description: 'The stored kind is not a calculation of this engine.' },
    'scenario.input-outdated': { title: "Saved input outdated", description: "The saved input no longer passes the calculation's current schema; update it with PUT." },
    'scenario.invalid-cursor': { title: 'Invalid cursor', description: 'The cursor was not issued for this list query and API key, or it was altered.' },
    'store.unavailable': { title: 'Storage temporarily unavailable', description: 'The database throttled or did not answer after retries; nothing was half-written. Retry after Retry-After seconds.' },
  }),
};

function withStatus(entries: Record<DomainErrorCode, { title: string; description: string }>) {
  return Object.fromEntries(Object.entries(entries).map(([code, e]) => [code, { status: domainErrorStatus[code as DomainErrorCode], ...e }]));
}
