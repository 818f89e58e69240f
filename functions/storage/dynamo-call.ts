/**
 * The SDK-free half of the DynamoDB plumbing (it only imports SDK types, so calculation bundles can
 * use it without loading the SDK at start): the one place where DynamoDB failures become domain
 * errors, the client settings, and attribute helpers. Throttling, server faults, timeouts and
 * dropped connections are retried by the SDK (standard retry mode, `maxAttempts` tries with
 * exponential backoff and jitter), then answered as `store.unavailable` (503 + Retry-After).
 * Conditional-check failures are returned to the caller, which knows what they mean.
 */
import type { AttributeValue, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../core/errors.js';

export interface DynamoOptions {
  /** Endpoint of a local emulator (dynalite, moto); omit on AWS. */
  endpoint?: string;
  region?: string;
  /** Total tries per call, first included (SDK standard retry mode). */
  maxAttempts?: number;
  /** Milliseconds before a request without an answer is abandoned (and retried). */
  requestTimeoutMs?: number;
}

/** Client settings: SDK retries (3 tries), 3 s request timeout, 1 s connect timeout; emulator credentials for an endpoint. */
export function dynamoClientConfig(options: DynamoOptions = {}): DynamoDBClientConfig {
  return {
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    // Emulators accept any region; moto needs a real one.
    ...(options.region ?? options.endpoint ? { region: options.region ?? 'us-east-1' } : {}),
    maxAttempts: options.maxAttempts ?? 3,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? 3000, connectionTimeout: 1000 },
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

/** Runs a DynamoDB call, turning transient failures into `store.unavailable` and oversize items into `scenario.too-large`. */
export async function call<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (isConditionalFailure(err)) throw err;
    const e = err as { name?: string; message?: string };
    if (e?.name === 'ValidationException' && /size/i.test(e.message ?? ''))
      throw new DomainError('scenario.too-large', 'the item is larger than the database accepts (400 KB)', [], { cause: err });
    if (isTransient(err)) throw new DomainError('store.unavailable', 'the scenario store did not answer in time or is throttling requests; retry shortly (retrying the same request is safe: every change is conditional on the version you sent, and a create with an Idempotency-Key is made once)', [], { cause: err });
    throw err;
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
