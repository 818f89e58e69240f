/**
 * Identifiers of saved scenarios and API keys. Pure: the clock and the random bytes are passed in
 * by the edge (functions/), never read here.
 *
 * Scenario ids are `scn_` + a ULID (ULID specification, github.com/ulid/spec): 48 bits of
 * milliseconds since the Unix epoch then 80 random bits, in Crockford's base32 (26 characters, no
 * I, L, O, U). Lexicographic order of the string is creation order to the millisecond, which is
 * what makes "newest first" a plain descending key query.
 */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const SCENARIO_ID_PREFIX = 'scn_';
export const SCENARIO_ID_PATTERN = /^scn_[0-9A-HJKMNP-TV-Z]{26}$/;
/** Largest time a ULID can hold: 2^48 − 1 ms (year 10889). */
const MAX_ULID_TIME = 2 ** 48 - 1;

/**
 * ULID of a time (ms since epoch) and 10 random bytes: 10 base32 characters of time, most
 * significant first, then 16 of randomness (80 bits = 16 × 5).
 */
export function encodeUlid(timeMs: number, random: Uint8Array): string {
  if (!Number.isInteger(timeMs) || timeMs < 0 || timeMs > MAX_ULID_TIME) throw new RangeError(`ULID time out of range: ${timeMs}`);
  if (random.length < 10) throw new RangeError('ULID needs 10 random bytes');
  let time = '';
  let t = timeMs;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  // 80 bits as 16 groups of 5 bits, most significant first.
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < 10; i++) {
    buffer = (buffer << 8) | random[i]!;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(buffer >> bits) & 31]!;
    }
    buffer &= (1 << bits) - 1;
  }
  return time + out;
}

/** Milliseconds since the epoch encoded in a ULID's first 10 characters. */
export function ulidTime(ulid: string): number {
  let t = 0;
  for (let i = 0; i < 10; i++) t = t * 32 + CROCKFORD.indexOf(ulid[i]!);
  return t;
}

export const newScenarioId = (timeMs: number, random: Uint8Array) => SCENARIO_ID_PREFIX + encodeUlid(timeMs, random);
export const isScenarioId = (id: string) => SCENARIO_ID_PATTERN.test(id);

/** API key kinds: `sk_` secret (servers, spreadsheets), `pk_` publishable (browsers, calculations only). */
export type ApiKeyKind = 'secret' | 'publishable';
export const API_KEY_PATTERN = /^(sk|pk)_[A-Za-z0-9_-]{32}$/;

/** The kind of a well-formed key, or undefined for anything that is not one of ours. */
export function apiKeyKind(key: string): ApiKeyKind | undefined {
  if (!API_KEY_PATTERN.test(key)) return undefined;
  return key.startsWith('sk_') ? 'secret' : 'publishable';
}

/** A key from 24 random bytes: prefix + 32 base64url characters (192 bits of entropy). */
export function formatApiKey(kind: ApiKeyKind, random: Uint8Array): string {
  if (random.length !== 24) throw new RangeError('an API key needs 24 random bytes');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let out = '';
  for (let i = 0; i < 24; i += 3) {
    const n = (random[i]! << 16) | (random[i + 1]! << 8) | random[i + 2]!;
    out += alphabet[(n >> 18) & 63]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  return (kind === 'secret' ? 'sk_' : 'pk_') + out;
}

/** Tenant ids: lower-case letters, digits and dashes, 1–64 characters (they become key prefixes). */
export const TENANT_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
