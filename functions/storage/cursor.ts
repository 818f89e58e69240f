/**
 * Opaque list cursors: the position (last id of the page) and the filters it belongs to, base64url
 * encoded and signed with HMAC-SHA-256 (RFC 2104) over the tenant as well. A cursor altered by the
 * caller, replayed with other filters or presented with another tenant's key fails the check.
 *
 * The signing secret is 32 random bytes kept in the table itself (`pk = CONFIG`,
 * `sk = cursor-secret`), created by the first instance that needs it with a conditional put, so
 * every instance and the local server share it without any deploy-time configuration.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GetItemCommand, PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../../core/errors.js';
import { isScenarioId } from '../../core/scenario/ids.js';
import { call, isConditionalFailure, s } from './dynamo-call.js';

export interface CursorPosition {
  after: string;
  kind?: string;
  tag?: string;
}

const invalid = () => new DomainError('scenario.invalid-cursor', 'this cursor was not issued for this list query and API key, or it was altered; start again without a cursor', ['cursor']);

export class CursorCodec {
  private secret: Promise<Buffer> | undefined;

  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  private loadSecret(): Promise<Buffer> {
    this.secret ??= this.readOrCreateSecret().catch((err) => {
      this.secret = undefined;
      throw err;
    });
    return this.secret;
  }

  private async readOrCreateSecret(): Promise<Buffer> {
    const key = { pk: s('CONFIG'), sk: s('cursor-secret') };
    const read = async () => (await call((o) => this.client.send(new GetItemCommand({ TableName: this.table, Key: key, ConsistentRead: true }), o))).Item?.secret?.S;
    const existing = await read();
    if (existing) return Buffer.from(existing, 'base64');
    try {
      const fresh = randomBytes(32).toString('base64');
      await call((o) => this.client.send(new PutItemCommand({ TableName: this.table, Item: { ...key, secret: s(fresh) }, ConditionExpression: 'attribute_not_exists(pk)' }), o));
      return Buffer.from(fresh, 'base64');
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
      const winner = await read(); // another instance created it first
      if (!winner) throw err;
      return Buffer.from(winner, 'base64');
    }
  }

  private async mac(tenant: string, payload: string): Promise<Buffer> {
    return createHmac('sha256', await this.loadSecret()).update(`${tenant}\n${payload}`).digest().subarray(0, 16);
  }

  async encode(tenant: string, position: CursorPosition): Promise<string> {
    const payload = Buffer.from(JSON.stringify([position.after, position.kind ?? null, position.tag ?? null])).toString('base64url');
    return `${payload}.${(await this.mac(tenant, payload)).toString('base64url')}`;
  }

  /** The position of a cursor issued to this tenant for these filters; a `scenario.invalid-cursor` error otherwise. */
  async decode(tenant: string, cursor: string, filters: { kind?: string; tag?: string }): Promise<string> {
    const [payload, signature, extra] = cursor.split('.');
    if (!payload || !signature || extra !== undefined) throw invalid();
    const expected = await this.mac(tenant, payload);
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid();
    }
    if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid();
    const [after, kind, tag] = parsed as [unknown, unknown, unknown];
    if (typeof after !== 'string' || !isScenarioId(after) || kind !== (filters.kind ?? null) || tag !== (filters.tag ?? null)) throw invalid();
    return after;
  }
}
