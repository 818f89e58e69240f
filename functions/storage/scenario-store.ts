/**
 * ScenarioStore on one DynamoDB table (single-table design, DESIGN.md "Data"):
 *
 *   item                 pk            sk                        gsi1pk               gsi1sk
 *   scenario head        T#<tenant>    SCN#<id>                  T#<tenant>#K#<kind>  SCN#<id>
 *   earlier version      T#<tenant>    VER#<id>#<version:6>
 *   latest stored result T#<tenant>    RES#<id>
 *   idempotency record   T#<tenant>    IDEM#<key>
 *
 * Every key starts with the tenant, which comes from the API key, so no request can address
 * another tenant's items. Only single-item conditional writes are used (no transactions, no TTL
 * reliance: expired idempotency records are ignored on read; `expiresAt` lets AWS TTL sweep them).
 * Items are validated when read; one that does not parse is reported (`scenario.unreadable`).
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import * as z from 'zod';
import { DomainError } from '../../core/errors.js';
import { MAX_LIST_ITEMS_READ, type IdempotencyRecord, type ListPage, type ListQuery, type ScenarioHeader, type ScenarioRecord, type ScenarioStore, type StoredResult } from '../../core/scenario/model.js';
import { call, isConditionalFailure, list, n, plain, s, type Item } from './dynamo-call.js';

const tenantKey = (tenant: string) => `T#${tenant}`;
const headKey = (id: string) => `SCN#${id}`;
const versionKey = (id: string, version: number) => `VER#${id}#${String(version).padStart(6, '0')}`;

const HeadItem = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  tags: z.array(z.string()),
  version: z.number().int().min(1),
  createdAt: z.string(),
  updatedAt: z.string(),
  writeId: z.string().optional(),
});
const FullItem = HeadItem.extend({ input: z.string() });
const ResultItem = z.object({ scenarioVersion: z.number(), engineVersion: z.string(), computedAt: z.string(), result: z.string() });
const IdempotencyItem = z.object({
  requestHash: z.string(),
  scenarioId: z.string(),
  createdAtMs: z.number(),
  expiresAtMs: z.number(),
  response: z.string().optional(),
  failedAtMs: z.number().optional(),
});
const Response = z.object({ status: z.number(), body: z.string(), etag: z.string().optional(), location: z.string().optional() });

function unreadable(what: string, cause: unknown): DomainError {
  return new DomainError('scenario.unreadable', `the stored ${what} failed validation when read; it is reported rather than served incomplete`, [], { cause });
}

function parseItem<T>(schema: z.ZodType<T>, item: Item, what: string): T {
  const parsed = schema.safeParse(plain(item));
  if (!parsed.success) throw unreadable(what, parsed.error);
  return parsed.data;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw unreadable(what, err);
  }
}

function toRecord(item: Item): ScenarioRecord {
  const head = parseItem(FullItem, item, 'scenario');
  const { writeId, input, ...rest } = head;
  return { ...rest, input: parseJson(input, 'scenario input'), ...(writeId !== undefined ? { writeId } : {}) };
}

function scenarioItem(tenant: string, sk: string, r: ScenarioRecord, writeId: string): Item {
  return {
    pk: s(tenantKey(tenant)),
    sk: s(sk),
    type: s('scenario'),
    id: s(r.id),
    name: s(r.name),
    kind: s(r.kind),
    tags: list(r.tags),
    input: s(JSON.stringify(r.input)),
    version: n(r.version),
    createdAt: s(r.createdAt),
    updatedAt: s(r.updatedAt),
    writeId: s(writeId),
  };
}

/** A random token per write, so a retried write that already landed can recognise itself. */
const newWriteId = () => crypto.randomUUID();

export class DynamoScenarioStore implements ScenarioStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly table: string,
  ) {}

  private async getItem(pk: string, sk: string): Promise<Item | undefined> {
    const out = await call((o) => this.client.send(new GetItemCommand({ TableName: this.table, Key: { pk: s(pk), sk: s(sk) }, ConsistentRead: true }), o));
    return out.Item;
  }

  private async headWriteId(tenant: string, id: string): Promise<string | undefined> {
    const item = await this.getItem(tenantKey(tenant), headKey(id));
    return item?.writeId?.S;
  }

  async create(tenant: string, scenario: ScenarioRecord): Promise<boolean> {
    const writeId = newWriteId();
    const item = { ...scenarioItem(tenant, headKey(scenario.id), scenario, writeId), gsi1pk: s(`${tenantKey(tenant)}#K#${scenario.kind}`), gsi1sk: s(headKey(scenario.id)) };
    try {
      await call((o) => this.client.send(new PutItemCommand({ TableName: this.table, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }), o));
      return true;
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
      // A retry of our own write that had already landed (connection dropped after it) is a success.
      return (await this.headWriteId(tenant, scenario.id)) === writeId;
    }
  }

  async get(tenant: string, id: string): Promise<ScenarioRecord | undefined> {
    const item = await this.getItem(tenantKey(tenant), headKey(id));
    return item ? toRecord(item) : undefined;
  }

  /**
   * One page, newest first. A page reads at most MAX_LIST_ITEMS_READ items: with a tag filter
   * that matches few scenarios it may come back short or empty, with `more` and `resumeAfter` set
   * to the last id read, so no request reads a tenant's whole list.
   */
  async list(tenant: string, query: ListQuery): Promise<ListPage> {
    const byKind = query.kind !== undefined;
    const hashName = byKind ? 'gsi1pk' : 'pk';
    const rangeName = byKind ? 'gsi1sk' : 'sk';
    const hash = byKind ? `${tenantKey(tenant)}#K#${query.kind}` : tenantKey(tenant);
    const names: Record<string, string> = { '#h': hashName, '#r': rangeName, '#name': 'name' };
    const values: Item = { ':h': s(hash), ':lo': s('SCN#') };
    let condition = '#h = :h AND begins_with(#r, :lo)';
    if (query.after !== undefined) {
      // Strictly older than `after`: ids sort by time and no id is a prefix of another (all 26 characters).
      condition = '#h = :h AND #r BETWEEN :lo AND :hi';
      values[':hi'] = s(headKey(query.after));
    }
    let filter: string | undefined;
    if (query.tag !== undefined) {
      filter = 'contains(tags, :tag)';
      values[':tag'] = s(query.tag);
    }
    const items: ScenarioHeader[] = [];
    let start: Item | undefined;
    let read = 0;
    do {
      // Unfiltered: one item more than the page needs tells whether more follow (plus the `after`
      // item itself, which BETWEEN includes). Filtered: the rest of the read budget in one query,
      // since the filter drops an unknown share. Never more than the read budget in all.
      const limit = filter ? MAX_LIST_ITEMS_READ - read : Math.min(query.limit + 1 - items.length + (query.after !== undefined && read === 0 ? 1 : 0), MAX_LIST_ITEMS_READ - read);
      const input: QueryCommandInput = {
        TableName: this.table,
        ...(byKind ? { IndexName: 'gsi1' } : { ConsistentRead: true }),
        KeyConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ProjectionExpression: 'id, #name, kind, tags, version, createdAt, updatedAt',
        ...(filter ? { FilterExpression: filter } : {}),
        ScanIndexForward: false,
        Limit: limit,
        ...(start ? { ExclusiveStartKey: start } : {}),
      };
      const out = await call((o) => this.client.send(new QueryCommand(input), o));
      read += out.ScannedCount ?? limit;
      for (const item of out.Items ?? []) {
        const head = parseItem(HeadItem, item, 'scenario');
        if (head.id === query.after) continue; // BETWEEN is inclusive
        const { writeId: _w, ...rest } = head;
        items.push(rest);
      }
      start = out.LastEvaluatedKey;
    } while (start && items.length <= query.limit && read < MAX_LIST_ITEMS_READ);
    if (items.length > query.limit) return { items: items.slice(0, query.limit), more: true, resumeAfter: items[query.limit - 1]!.id };
    if (!start) return { items, more: false };
    // Stopped on the read budget: resume after the last item read, matched or not.
    const lastRead = (start[rangeName]?.S ?? '').slice('SCN#'.length);
    return { items, more: true, resumeAfter: lastRead };
  }

  async replace(tenant: string, current: ScenarioRecord, next: ScenarioRecord, writeId: string): Promise<void> {
    // 1. Keep the current content as an immutable version (same content whoever writes it).
    const versionSk = versionKey(current.id, current.version);
    try {
      await call((o) =>
        this.client.send(new PutItemCommand({ TableName: this.table, Item: scenarioItem(tenant, versionSk, current, 'version'), ConditionExpression: 'attribute_not_exists(pk)' }), o),
      );
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
    }
    // 2. Move the head iff nobody else has moved it since we read it.
    const item = { ...scenarioItem(tenant, headKey(next.id), next, writeId), gsi1pk: s(`${tenantKey(tenant)}#K#${next.kind}`), gsi1sk: s(headKey(next.id)) };
    try {
      await call((o) =>
        this.client.send(new PutItemCommand({ TableName: this.table, Item: item, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': n(current.version) } }), o),
      );
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
      const head = await this.getItem(tenantKey(tenant), headKey(next.id));
      if (head?.writeId?.S === writeId) return; // our own write had landed (a retry of it, or an identical change)
      if (!head) {
        // Deleted meanwhile (a DELETE racing this change): the version item written in step 1 may
        // have been written after the delete's clean-up; remove it so nothing is left behind.
        await this.deleteKeys(tenant, [versionSk]);
        throw new DomainError('scenario.not-found', `there is no scenario ${next.id}`, []);
      }
      const version = Number(head.version?.N);
      throw new DomainError('scenario.version-mismatch', `scenario ${next.id} is at version ${version}, not ${current.version}: reload it, reapply the change and send the new ETag in If-Match`, []);
    }
  }

  /** Deletes items of the tenant by sort key (unconditionally; each delete is idempotent). */
  private async deleteKeys(tenant: string, sks: string[]): Promise<void> {
    for (const sk of sks) await call((o) => this.client.send(new DeleteItemCommand({ TableName: this.table, Key: { pk: s(tenantKey(tenant)), sk: s(sk) } }), o));
  }

  async remove(tenant: string, id: string, version: number): Promise<void> {
    try {
      await call((o) =>
        this.client.send(new DeleteItemCommand({ TableName: this.table, Key: { pk: s(tenantKey(tenant)), sk: s(headKey(id)) }, ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': n(version) } }), o),
      );
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
      const head = await this.getItem(tenantKey(tenant), headKey(id));
      if (head) throw new DomainError('scenario.version-mismatch', `scenario ${id} is at version ${head.version?.N}, not ${version}`, []);
      return; // already gone (a retried delete that had landed): DELETE is idempotent
    }
    // The head is gone, so its versions and result are unreachable; remove them too. This is
    // best effort: the delete has happened, so a failure here must not turn it into an error for the
    // caller — it only leaves invisible items behind.
    try {
      await this.deleteKeys(tenant, [`RES#${id}`, ...(await this.versionKeys(tenant, id))]);
    } catch {
      // left for a later sweep; nothing visible depends on these items
    }
  }

  /** Every item of the tenant whose sort key starts with `prefix` (all pages), strongly consistent. */
  private async queryPrefix(tenant: string, prefix: string, projection?: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
      const out = await call((o) =>
        this.client.send(
          new QueryCommand({
            TableName: this.table,
            ConsistentRead: true,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': s(tenantKey(tenant)), ':prefix': s(prefix) },
            ...(projection ? { ProjectionExpression: projection } : {}),
            ...(start ? { ExclusiveStartKey: start } : {}),
          }), o),
      );
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async versionKeys(tenant: string, id: string): Promise<string[]> {
    return (await this.queryPrefix(tenant, `VER#${id}#`, 'sk')).map((item) => item.sk!.S!);
  }

  async versions(tenant: string, id: string, belowVersion: number): Promise<ScenarioRecord[]> {
    // A version item at or above the head's version is left over from an update whose head
    // write failed: the head itself is that version, so it is not listed twice.
    return (await this.queryPrefix(tenant, `VER#${id}#`))
      .map((item) => {
        const { writeId: _w, ...record } = toRecord(item);
        return record;
      })
      .filter((record) => record.version < belowVersion);
  }

  async putResult(tenant: string, id: string, result: StoredResult): Promise<void> {
    await call((o) =>
      this.client.send(
        new PutItemCommand({
          TableName: this.table,
          Item: {
            pk: s(tenantKey(tenant)),
            sk: s(`RES#${id}`),
            type: s('result'),
            scenarioVersion: n(result.scenarioVersion),
            engineVersion: s(result.engineVersion),
            computedAt: s(result.computedAt),
            result: s(JSON.stringify(result.result)),
          },
        }), o),
    );
    // A DELETE that ran meanwhile may have cleaned up before this write: then remove it again.
    if (!(await this.getItem(tenantKey(tenant), headKey(id)))) await this.deleteKeys(tenant, [`RES#${id}`]);
  }

  async getResult(tenant: string, id: string): Promise<StoredResult | undefined> {
    const item = await this.getItem(tenantKey(tenant), `RES#${id}`);
    if (!item) return undefined;
    const r = parseItem(ResultItem, item, 'result');
    return { ...r, result: parseJson(r.result, 'result') };
  }

  private idempotencyItem(tenant: string, key: string, r: IdempotencyRecord): Item {
    return {
      pk: s(tenantKey(tenant)),
      sk: s(`IDEM#${key}`),
      type: s('idempotency'),
      requestHash: s(r.requestHash),
      scenarioId: s(r.scenarioId),
      createdAtMs: n(r.createdAtMs),
      expiresAtMs: n(r.expiresAtMs),
      // Epoch seconds, for an AWS TTL sweep; correctness never depends on it.
      expiresAt: n(Math.ceil(r.expiresAtMs / 1000)),
      ...(r.response ? { response: s(JSON.stringify(r.response)) } : {}),
      ...(r.failedAtMs !== undefined ? { failedAtMs: n(r.failedAtMs) } : {}),
    };
  }

  private async readIdempotency(tenant: string, key: string, nowMs: number): Promise<IdempotencyRecord | undefined> {
    const item = await this.getItem(tenantKey(tenant), `IDEM#${key}`);
    if (!item) return undefined;
    const r = parseItem(IdempotencyItem, item, 'idempotency record');
    if (r.expiresAtMs <= nowMs) return undefined;
    const response = r.response === undefined ? undefined : Response.safeParse(parseJson(r.response, 'idempotency record'));
    if (response && !response.success) throw unreadable('idempotency record', response.error);
    return {
      requestHash: r.requestHash,
      scenarioId: r.scenarioId,
      createdAtMs: r.createdAtMs,
      expiresAtMs: r.expiresAtMs,
      ...(response ? { response: response.data } : {}),
      ...(r.failedAtMs !== undefined ? { failedAtMs: r.failedAtMs } : {}),
    };
  }

  async claimIdempotencyKey(tenant: string, key: string, record: IdempotencyRecord, nowMs: number) {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await call((o) =>
          this.client.send(
            new PutItemCommand({
              TableName: this.table,
              Item: this.idempotencyItem(tenant, key, record),
              ConditionExpression: 'attribute_not_exists(pk) OR expiresAtMs <= :now',
              ExpressionAttributeValues: { ':now': n(nowMs) },
            }), o),
        );
        return { claimed: true as const };
      } catch (err) {
        if (!isConditionalFailure(err)) throw err;
      }
      const existing = await this.readIdempotency(tenant, key, nowMs);
      if (existing) {
        // Our own claim that landed before a dropped connection and a retry.
        if (existing.scenarioId === record.scenarioId) return { claimed: true as const };
        return { claimed: false as const, existing };
      }
      // Released or expired between the write and the read: try again.
    }
    throw new DomainError('store.unavailable', 'the idempotency key kept changing while it was being claimed; retry', []);
  }

  async completeIdempotencyKey(tenant: string, key: string, record: IdempotencyRecord): Promise<void> {
    await call((o) => this.client.send(new PutItemCommand({ TableName: this.table, Item: this.idempotencyItem(tenant, key, record) }), o));
  }

  /**
   * `response` is a DynamoDB reserved word, so it is named through `#response`; the scenario id
   * condition keeps a late release from deleting a claim that another request has since made.
   */
  async releaseIdempotencyKey(tenant: string, key: string, scenarioId: string): Promise<void> {
    try {
      await call((o) =>
        this.client.send(
          new DeleteItemCommand({
            TableName: this.table,
            Key: { pk: s(tenantKey(tenant)), sk: s(`IDEM#${key}`) },
            ConditionExpression: 'scenarioId = :id AND attribute_not_exists(#response)',
            ExpressionAttributeNames: { '#response': 'response' },
            ExpressionAttributeValues: { ':id': s(scenarioId) },
          }),
          o,
        ),
      );
    } catch (err) {
      if (!isConditionalFailure(err)) throw err; // finished or taken by another request: leave it
    }
  }

  async markIdempotencyKeyFailed(tenant: string, key: string, scenarioId: string, nowMs: number): Promise<void> {
    try {
      await call((o) =>
        this.client.send(
          new UpdateItemCommand({
            TableName: this.table,
            Key: { pk: s(tenantKey(tenant)), sk: s(`IDEM#${key}`) },
            UpdateExpression: 'SET failedAtMs = :now',
            ConditionExpression: 'scenarioId = :id AND attribute_not_exists(#response)',
            ExpressionAttributeNames: { '#response': 'response' },
            ExpressionAttributeValues: { ':id': s(scenarioId), ':now': n(nowMs) },
          }),
          o,
        ),
      );
    } catch (err) {
      if (!isConditionalFailure(err)) throw err;
    }
  }
}
