/**
 * API keys on the same table. A key is shown once, when it is made; only its SHA-256 hash is
 * stored (FIPS 180-4), with the tenant, kind, scopes, allowed origins, label and last four
 * characters.
 *
 *   item   pk            sk    gsi1pk  gsi1sk
 *   key    KEY#<sha256>  KEY   KEYS    <tenant>#<createdAt>#<keyId>
 *
 * Lookups by hash are a GetItem; listing a tenant's keys is one query on the GSI. Verified keys are
 * cached per instance for KEY_CACHE_MS: a revocation takes effect at once on the instance that
 * made it and within KEY_CACHE_MS (60 s) on every other instance. The client may be given lazily
 * (a function), so that nothing of the SDK loads until a key is checked.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { apiKeyKind, formatApiKey, TENANT_PATTERN, type ApiKeyKind } from '../../core/scenario/ids.js';
import { call, list, plain, s, type Item } from './dynamo-call.js';

/**
 * The SDK is imported on first use: calculation functions bundle this store to check keys, and
 * should not pay for loading the SDK at cold start when no key is ever sent.
 */
const sdk = () => import('@aws-sdk/client-dynamodb');

export const KEY_CACHE_MS = 60_000;
export const SCOPES = ['calculations', 'scenarios:read', 'scenarios:write'] as const;
export type Scope = (typeof SCOPES)[number];

/** Who a request acts for: always taken from the key, never from the request. */
export interface Principal {
  tenant: string;
  keyId: string;
  kind: ApiKeyKind;
  scopes: Scope[];
  origins: string[];
}

export interface KeyInfo extends Principal {
  label: string;
  last4: string;
  createdAt: string;
  revokedAt?: string;
}

export interface KeyVerifier {
  verify(key: string): Promise<Principal | undefined>;
}

const KeyItem = z.object({
  keyId: z.string(),
  tenant: z.string(),
  kind: z.enum(['secret', 'publishable']),
  scopes: z.array(z.enum(SCOPES)),
  origins: z.array(z.string()),
  label: z.string(),
  last4: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().optional(),
});

export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');
/** Public id of a key: the first 16 hex digits of its hash (safe to show, useless to call with). */
const keyIdOf = (hash: string) => `key_${hash.slice(0, 16)}`;

export interface CreateKeyOptions {
  tenant: string;
  label: string;
  kind?: ApiKeyKind;
  origins?: string[];
  scopes?: Scope[];
  now?: Date;
}

export class DynamoKeyStore implements KeyVerifier {
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();
  private clientPromise: Promise<DynamoDBClient> | undefined;

  constructor(
    private readonly client: DynamoDBClient | (() => Promise<DynamoDBClient>),
    private readonly table: string,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Sends one command built from the SDK module once both are loaded. */
  private async send<T>(build: (m: Awaited<ReturnType<typeof sdk>>) => object): Promise<T> {
    const client = typeof this.client === 'function' ? await (this.clientPromise ??= this.client()) : this.client;
    const m = await sdk();
    return call((o) => client.send(build(m) as never, o) as Promise<T>);
  }

  async create(options: CreateKeyOptions): Promise<{ key: string; info: KeyInfo }> {
    if (!TENANT_PATTERN.test(options.tenant)) throw new Error(`tenant must match ${TENANT_PATTERN} (lower-case letters, digits, dashes)`);
    const kind = options.kind ?? 'secret';
    const origins = options.origins ?? [];
    if (kind === 'publishable' && origins.length === 0) throw new Error('a publishable key needs at least one allowed origin (--origin https://shop.example)');
    for (const origin of origins) if (!/^https?:\/\/[^/\s]+$/.test(origin)) throw new Error(`origin ${origin} must look like https://host[:port] (no path)`);
    const scopes: Scope[] = kind === 'publishable' ? ['calculations'] : (options.scopes ?? [...SCOPES]);
    const key = formatApiKey(kind, randomBytes(24));
    const hash = hashKey(key);
    const info: KeyInfo = { tenant: options.tenant, keyId: keyIdOf(hash), kind, scopes, origins, label: options.label, last4: key.slice(-4), createdAt: (options.now ?? new Date()).toISOString() };
    await this.send((m) =>
      new m.PutItemCommand({
          TableName: this.table,
          Item: {
            pk: s(`KEY#${hash}`),
            sk: s('KEY'),
            type: s('api-key'),
            gsi1pk: s('KEYS'),
            gsi1sk: s(`${info.tenant}#${info.createdAt}#${info.keyId}`),
            keyId: s(info.keyId),
            tenant: s(info.tenant),
            kind: s(kind),
            scopes: list(scopes),
            origins: list(origins),
            label: s(info.label),
            last4: s(info.last4),
            createdAt: s(info.createdAt),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
    );
    return { key, info };
  }

  /** Keys of one tenant (or of every tenant), oldest first; hashes are never returned. */
  async list(tenant?: string): Promise<Array<KeyInfo & { hash: string }>> {
    const out: Array<KeyInfo & { hash: string }> = [];
    let start: Item | undefined;
    do {
      const page: import('@aws-sdk/client-dynamodb').QueryCommandOutput = await this.send((m) =>
          new m.QueryCommand({
            TableName: this.table,
            IndexName: 'gsi1',
            KeyConditionExpression: tenant ? 'gsi1pk = :k AND begins_with(gsi1sk, :t)' : 'gsi1pk = :k',
            ExpressionAttributeValues: { ':k': s('KEYS'), ...(tenant ? { ':t': s(`${tenant}#`) } : {}) },
            ...(start ? { ExclusiveStartKey: start } : {}),
          }),
      );
      for (const item of page.Items ?? []) out.push({ ...KeyItem.parse(plain(item)), hash: item.pk!.S!.slice(4) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** Marks a key revoked; returns false when the tenant has no such key. Effective at once here. */
  async revoke(tenant: string, keyId: string, now = new Date()): Promise<boolean> {
    const found = (await this.list(tenant)).find((k) => k.keyId === keyId);
    if (!found) return false;
    await this.send((m) =>
      new m.UpdateItemCommand({
          TableName: this.table,
          Key: { pk: s(`KEY#${found.hash}`), sk: s('KEY') },
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ExpressionAttributeValues: { ':now': s(now.toISOString()) },
        }),
    );
    this.cache.delete(found.hash);
    return true;
  }

  /** The principal of a valid, unrevoked key; undefined for anything else. */
  async verify(key: string): Promise<Principal | undefined> {
    if (apiKeyKind(key) === undefined) return undefined;
    const hash = hashKey(key);
    const now = this.clock();
    const cached = this.cache.get(hash);
    if (cached && cached.until > now) return cached.principal;
    const out: import('@aws-sdk/client-dynamodb').GetItemCommandOutput = await this.send((m) => new m.GetItemCommand({ TableName: this.table, Key: { pk: s(`KEY#${hash}`), sk: s('KEY') }, ConsistentRead: true }));
    let principal: Principal | undefined;
    if (out.Item) {
      const parsed = KeyItem.safeParse(plain(out.Item));
      if (parsed.success && parsed.data.revokedAt === undefined) {
        const { tenant, keyId, kind, scopes, origins } = parsed.data;
        principal = { tenant, keyId, kind, scopes, origins };
      }
    }
    // Unknown keys are cached briefly too, so a flood of bad keys does not become a flood of reads.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(hash, { principal, until: now + (principal ? KEY_CACHE_MS : 5_000) });
    return principal;
  }
}
