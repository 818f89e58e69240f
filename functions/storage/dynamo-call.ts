/**
 * The SDK-free half of the DynamoDB plumbing (it only imports SDK types, so calculation bundles can
 * use it without loading the SDK at start): the one place where DynamoDB failures become domain
 * errors, the client settings, the store deadlines, and attribute helpers. Throttling, server
 * faults, timeouts and dropped connections are retried by the SDK (standard retry mode,
 * `maxAttempts` tries with exponential backoff and jitter), then answered as `store.unavailable`
 * (503 + Retry-After). Conditional-check failures are returned to the caller, which knows what
 * they mean.
 *
 * Deadlines (three, nested): every HTTP attempt is abandoned after `requestTimeoutMs` (the node
 * handler only *logs* a breach unless `throwOnRequestTimeout` is set, so it is set); every store
 * call, its SDK retries included, is aborted after STORE_CALL_DEADLINE_MS; and the store calls of
 * one HTTP request together stop at the request's deadline (`withStoreDeadline`, STORE_REQUEST_BUDGET_MS),
 * so a stalled store answers 503 well inside API Gateway's 30 s.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { AttributeValue, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../core/errors.js';

/** Milliseconds one HTTP attempt to DynamoDB may take before it is abandoned (and retried). */
export const STORE_ATTEMPT_TIMEOUT_MS = 2_000;
/** Milliseconds one store call may take, its SDK retries included. */
export const STORE_CALL_DEADLINE_MS = 5_000;
/** Milliseconds all the store calls of one HTTP request may take together (API Gateway stops at 30 s). */
export const STORE_REQUEST_BUDGET_MS = 8_000;

const requestDeadline = new AsyncLocalStorage<{ at: number }>();

/**
 * Runs `work` with a store deadline `budgetMs` from now: every store call made inside it (across
 * awaits) is aborted when the deadline passes, and one started after it fails at once.
 */
export function withStoreDeadline<T>(budgetMs: number, work: () => Promise<T>, now: () => number = Date.now): Promise<T> {
  return requestDeadline.run({ at: now() + budgetMs }, work);
}

/** Milliseconds left before the current request's store deadline (Infinity outside one). */
export function storeTimeLeft(now: () => number = Date.now): number {
  const deadline = requestDeadline.getStore();
  return deadline ? deadline.at - now() : Infinity;
}

/** What a store call passes on to `client.send`: the abort signal of its deadline. */
export interface CallOptions {
  abortSignal: AbortSignal;
}

export interface DynamoOptions {
  /** Endpoint of a local emulator (dynalite, moto); omit on AWS. */
  endpoint?: string;
  region?: string;
  /** Total tries per call, first included (SDK standard retry mode). */
  maxAttempts?: number;
  /** Milliseconds before an attempt without an answer is abandoned (and retried); STORE_ATTEMPT_TIMEOUT_MS by default. */
  requestTimeoutMs?: number;
}

/**
 * Client settings: SDK retries (3 tries), 2 s attempt timeout that really throws
 * (`throwOnRequestTimeout`; without it @smithy/node-http-handler — 4.14.2 installed — only logs a breach),
 * 1 s connect timeout; emulator credentials for an endpoint.
 */
export function dynamoClientConfig(options: DynamoOptions = {}): DynamoDBClientConfig {
  return {
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    // Emulators accept any region; moto needs a real one.
    ...(options.region ?? options.endpoint ? { region: options.region ?? 'us-east-1' } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? STORE_ATTEMPT_TIMEOUT_MS, throwOnRequestTimeout: true, connectionTimeout: 1000 },
  };
}

export type Item = Record<string, AttributeValue>;

const TRANSIENT_NAMES = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TransactionConflictException',
  'ResourceNotFoundException',
  'AbortError',
]);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);

export const isConditionalFailure = (err: unknown) => (err as { name?: string } | null)?.name === 'ConditionalCheckFailedException';

/** Whether an error from the SDK means "the store is unavailable right now". */
export function isTransient(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $fault?: string; $retryable?: unknown; message?: string } | null;
  if (!e || typeof e !== 'object') return false;
  return (
    TRANSIENT_NAMES.has(e.name ?? '') ||
    NETWORK_CODES.has(e.code ?? '') ||
    e.$fault === 'server' ||
    e.$retryable !== undefined ||
    /socket hang up|aborted|timed? ?out/i.test(e.message ?? '')
  );
}

const unavailable = (cause?: unknown) =>
  new DomainError('store.unavailable', 'the scenario store did not answer in time or is throttling requests; retry shortly (retrying the same request is safe: every change is conditional on the version you sent, and a create with an Idempotency-Key is made once)', [], cause === undefined ? undefined : { cause });

/**
 * Runs a DynamoDB call under its deadline (STORE_CALL_DEADLINE_MS, or less when the request's
 * deadline is nearer; pass `options` on to `client.send`), turning transient failures and a passed
 * deadline into `store.unavailable` and oversize items into `scenario.too-large`.
 */
export async function call<T>(run: (options: CallOptions) => Promise<T>): Promise<T> {
  const left = Math.min(STORE_CALL_DEADLINE_MS, storeTimeLeft());
  if (left <= 0) throw unavailable();
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(Object.assign(new Error(`store call deadline (${Math.round(left)} ms) passed`), { name: 'AbortError' })), left);
  try {
    return await run({ abortSignal: abort.signal });
  } catch (err) {
    if (abort.signal.aborted) throw unavailable(err);
    if (isConditionalFailure(err)) throw err;
    const e = err as { name?: string; message?: string };
    if (e?.name === 'ValidationException' && /size/i.test(e.message ?? ''))
      throw new DomainError('scenario.too-large', 'the item is larger than the database accepts (400 KB)', [], { cause: err });
    if (isTransient(err)) throw unavailable(err);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

export const s = (value: string): AttributeValue => ({ S: value });
export const n = (value: number): AttributeValue => ({ N: String(value) });
export const list = (values: string[]): AttributeValue => ({ L: values.map(s) });

/** Plain string/number/list-of-string view of an item, for schema validation on read. */
export function plain(item: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (value.S !== undefined) out[key] = value.S;
    else if (value.N !== undefined) out[key] = Number(value.N);
    else if (value.BOOL !== undefined) out[key] = value.BOOL;
    else if (value.L !== undefined) out[key] = value.L.map((v) => v.S ?? v.N ?? null);
    else out[key] = null;
  }
  return out;
}
