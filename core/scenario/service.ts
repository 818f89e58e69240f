/**
 * The scenario use cases (create, read, list, replace, patch, delete, versions, run, compare) over
 * any ScenarioStore. The clock, the random bytes, the hash and the wait are injected, so this stays
 * pure and runs unchanged against DynamoDB, the embedded emulator or the in-memory test model.
 *
 * Concurrency (optimistic, RFC 9110 §13.1.1 If-Match): a change names the version it was based on;
 * the store moves the head only if it is still at that version, so of two writers with the same
 * base exactly one wins and the other gets `scenario.version-mismatch` (412).
 *
 * Idempotent create (IETF draft-ietf-httpapi-idempotency-key-header): the first request with a key
 * claims it (a conditional write) together with the scenario id it will create; a retry with the
 * same key and the same body gets the first response; with another body, 422; while the first is
 * still running, a retry waits briefly and then gets 409. A claim older than STALE_CLAIM_MS whose
 * request never finished (a crashed instance) is taken over and finished with the same scenario id,
 * so a retry never creates a second scenario.
 */
import type * as z from 'zod';
import type { Calculation } from '../calculation.js';
import { DomainError } from '../errors.js';
import { ENGINE_VERSION } from '../version.js';
import { estimateWork } from '../budget/estimates.js';
import { assertWithinWorkBudget, estimateOf, type WorkEstimate } from '../budget/work.js';
import { newScenarioId } from './ids.js';
import {
  IDEMPOTENCY_TTL_MS,
  MAX_SCENARIO_INPUT_BYTES,
  MAX_STORED_RESULT_BYTES,
  calculationOfKind,
  headlineFigures,
  type CreateScenarioBody,
  type IdempotencyRecord,
  type ListQuery,
  type PatchScenarioBody,
  type ReplaceScenarioBody,
  type ScenarioHeader,
  type ScenarioRecord,
  type ScenarioStore,
} from './model.js';

/**
 * A claim not finished after this long is treated as abandoned by a crashed request. The store
 * calls of one request stop after 8 s (functions/storage STORE_REQUEST_BUDGET_MS), so an older
 * unfinished claim has no request behind it any more. Taking a claim over is safe at any time (the
 * scenario id is the claim's, and its create is conditional); waiting only keeps a concurrent
 * duplicate from doing the work twice (it gets 409 meanwhile).
 */
export const STALE_CLAIM_MS = 10_000;
/** Tries of an `If-Match: *` change against writers that keep moving the version. */
const MAX_ANY_MATCH_ATTEMPTS = 50;
/** How long a retry waits for a concurrent first request with the same key before answering 409. */
const CLAIM_WAIT_STEPS = 40;
const CLAIM_WAIT_MS = 50;

export interface ScenarioDeps {
  store: ScenarioStore;
  /** Milliseconds since the epoch. */
  now(): number;
  randomBytes(n: number): Uint8Array;
  /** Hex SHA-256 of a string. */
  sha256(text: string): Promise<string>;
  sleep(ms: number): Promise<void>;
  /** Throws when a result holds a non-finite number (the HTTP layer's 422), before anything is stored. */
  assertFinite(value: unknown): void;
}

/** A create's answer, replayable byte for byte. */
export interface CreateOutcome {
  status: 201;
  body: string;
  etag: string;
  location: string;
  replayed: boolean;
}

export const etagOf = (version: number) => `"v${version}"`;
export const locationOf = (id: string) => `/v1/scenarios/${id}`;

/** The public representation of a scenario version. */
export function scenarioView(s: ScenarioRecord) {
  return { id: s.id, name: s.name, kind: s.kind, tags: s.tags, version: s.version, createdAt: s.createdAt, updatedAt: s.updatedAt, input: s.input };
}
export function scenarioSummary(s: ScenarioHeader) {
  return { id: s.id, name: s.name, kind: s.kind, tags: s.tags, version: s.version, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

/** Serialised size in bytes (UTF-8) of a JSON value. */
export const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/** JSON with object keys sorted, so that equal bodies hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  const keys = Object.keys(value).sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k])).join(',') + '}';
}

/**
 * Checks a scenario input against its calculation's schema: the zod error (paths relative to the
 * input) or undefined. Also enforces the stored-size bound.
 */
export function checkInput(kind: string, input: unknown): z.ZodError | undefined {
  const calc = requireCalculation(kind);
  const parsed = calc.input.safeParse(input);
  if (!parsed.success) return parsed.error;
  const bytes = jsonBytes(input);
  if (bytes > MAX_SCENARIO_INPUT_BYTES)
    throw new DomainError('scenario.too-large', `the scenario input is ${bytes} bytes of JSON; a saved scenario holds at most ${MAX_SCENARIO_INPUT_BYTES} bytes`, ['input']);
  return undefined;
}

function requireCalculation(kind: string): Calculation {
  const calc = calculationOfKind(kind);
  if (!calc) throw new DomainError('scenario.kind-unknown', `no calculation called ${kind}`, ['kind']);
  return calc;
}

export class ScenarioService {
  constructor(private readonly deps: ScenarioDeps) {}

  private isoNow(ms = this.deps.now()): string {
    return new Date(ms).toISOString();
  }

  /** Creates a scenario (the input must already have passed `checkInput`). */
  async create(tenant: string, body: CreateScenarioBody, idempotencyKey?: string): Promise<CreateOutcome> {
    const now = this.deps.now();
    if (idempotencyKey === undefined) return this.write(tenant, body, newScenarioId(now, this.deps.randomBytes(10)), now);
    const requestHash = await this.deps.sha256(canonicalJson(body));
    const claim: IdempotencyRecord = { requestHash, scenarioId: newScenarioId(now, this.deps.randomBytes(10)), createdAtMs: now, expiresAtMs: now + IDEMPOTENCY_TTL_MS };
    const { store } = this.deps;
    for (let step = 0; ; step++) {
      let attempt: Awaited<ReturnType<ScenarioStore['claimIdempotencyKey']>>;
      try {
        attempt = await store.claimIdempotencyKey(tenant, idempotencyKey, claim, this.deps.now());
      } catch (err) {
        // The claim may have landed with its answer lost: mark it failed, so a retry takes it over
        // at once (with the same scenario id) instead of waiting for it to go stale.
        await store.markIdempotencyKeyFailed(tenant, idempotencyKey, claim.scenarioId, this.deps.now()).catch(() => undefined);
        throw err;
      }
      const owned = attempt.claimed ? claim : attempt.existing;
      if (!attempt.claimed) {
        if (owned.requestHash !== requestHash)
          throw new DomainError('scenario.idempotency-key-reused', 'this Idempotency-Key was already used with a different request body in the last 24 hours', []);
        if (owned.response) return { status: 201, body: owned.response.body, etag: owned.response.etag ?? '', location: owned.response.location ?? '', replayed: true };
        const takeOver = owned.failedAtMs !== undefined || this.deps.now() - owned.createdAtMs > STALE_CLAIM_MS;
        if (!takeOver) {
          // The first request may have written its scenario and then failed (or not yet managed)
          // to record its answer: when the scenario exists, finish the claim with it.
          if (step === 0 || step >= CLAIM_WAIT_STEPS) {
            const written = await this.firstVersion(tenant, owned.scenarioId);
            if (written) return this.finish(tenant, idempotencyKey, owned, outcomeOf(written, true));
          }
          if (step >= CLAIM_WAIT_STEPS) throw new DomainError('scenario.idempotency-in-progress', 'a request with this Idempotency-Key is still being processed; retry shortly', []);
          await this.deps.sleep(CLAIM_WAIT_MS);
          continue;
        }
      }
      // We own the claim (new, or taken over from a failed or abandoned request): finish it with
      // its id. The create is conditional on the id not existing, so however many requests get
      // here for one key, at most one scenario is made.
      let outcome: CreateOutcome;
      try {
        outcome = await this.write(tenant, body, owned.scenarioId, owned.createdAtMs);
      } catch (err) {
        // Release the key only when the store surely did not write the scenario (it refused the
        // item); after a timeout or a lost answer it may have, so the claim stays, marked failed.
        if (surelyNotWritten(err)) await store.releaseIdempotencyKey(tenant, idempotencyKey, owned.scenarioId).catch(() => undefined);
        else await store.markIdempotencyKeyFailed(tenant, idempotencyKey, owned.scenarioId, this.deps.now()).catch(() => undefined);
        throw err;
      }
      return this.finish(tenant, idempotencyKey, owned, outcome);
    }
  }

  /**
   * Records a create's answer on its key. The scenario exists by now, so a failure to record it
   * does not fail the request (a retry finds the scenario and records it then).
   */
  private async finish(tenant: string, key: string, owned: IdempotencyRecord, outcome: CreateOutcome): Promise<CreateOutcome> {
    const { failedAtMs: _f, ...record } = owned;
    await this.deps.store
      .completeIdempotencyKey(tenant, key, { ...record, response: { status: outcome.status, body: outcome.body, etag: outcome.etag, location: outcome.location } })
      .catch(() => undefined);
    return outcome;
  }

  /** Version 1 of a scenario as its create wrote it, if the scenario exists. */
  private async firstVersion(tenant: string, id: string): Promise<ScenarioRecord | undefined> {
    const head = await this.deps.store.get(tenant, id);
    if (!head || head.version === 1) return head;
    return (await this.deps.store.versions(tenant, id, head.version)).find((v) => v.version === 1) ?? head;
  }

  /** Writes version 1; when the id already exists (a taken-over claim that had written it), answers with what is stored. */
  private async write(tenant: string, body: CreateScenarioBody, id: string, createdMs: number): Promise<CreateOutcome> {
    const at = this.isoNow(createdMs);
    const record: ScenarioRecord = { id, name: body.name, kind: body.kind, tags: body.tags, input: body.input, version: 1, createdAt: at, updatedAt: at };
    const stored = (await this.deps.store.create(tenant, record)) ? record : await this.firstVersion(tenant, id);
    if (!stored) throw new DomainError('store.unavailable', 'the scenario could not be read back after it was written; retry', []);
    return outcomeOf(stored, false);
  }

  async get(tenant: string, id: string): Promise<ScenarioRecord> {
    const found = await this.deps.store.get(tenant, id);
    if (!found) throw notFound(id);
    return found;
  }

  list(tenant: string, query: ListQuery) {
    return this.deps.store.list(tenant, query);
  }

  /**
   * Applies a change to the head if it is still at one of the `expected` versions (undefined =
   * `If-Match: *`: whatever version is current, re-read and reapplied when another writer moves
   * it meanwhile). Returns the new head.
   *
   * The write is tagged with a hash of the change (operation, body, base version): when the head
   * already is this change applied to an expected version — a retry whose first answer was lost,
   * or the same change sent twice — the head is returned instead of 412 (RFC 9110 §13.1.1 lets a
   * server answer 2xx when the requested change has already succeeded).
   */
  private async change(
    tenant: string,
    id: string,
    expected: readonly number[] | undefined,
    request: { op: 'replace' | 'patch'; body: unknown },
    apply: (s: ScenarioRecord) => Omit<ScenarioRecord, 'id' | 'version' | 'createdAt' | 'updatedAt'>,
  ): Promise<ScenarioRecord> {
    const tag = (base: number) => this.deps.sha256(canonicalJson({ op: request.op, body: request.body, base }));
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(tenant, id);
      const bases = expected ?? [current.version - 1];
      for (const base of bases) if (current.version === base + 1 && current.writeId === (await tag(base))) return withoutWriteId(current);
      if (expected !== undefined && !expected.includes(current.version)) throw versionMismatch(id, expected, current.version);
      const next: ScenarioRecord = { ...withoutWriteId(current), ...apply(current), id, version: current.version + 1, createdAt: current.createdAt, updatedAt: this.isoNow() };
      try {
        await this.deps.store.replace(tenant, withoutWriteId(current), next, await tag(current.version));
        return next;
      } catch (err) {
        // `If-Match: *` matches any current version: another writer moving it is no reason to refuse.
        if (expected !== undefined || !isCode(err, 'scenario.version-mismatch')) throw err;
        if (attempt >= MAX_ANY_MATCH_ATTEMPTS) throw new DomainError('store.unavailable', `scenario ${id} kept changing while this change was applied (${attempt} tries); retry shortly`, [], { cause: err });
      }
    }
  }

  replace(tenant: string, id: string, expected: readonly number[] | undefined, body: ReplaceScenarioBody): Promise<ScenarioRecord> {
    return this.change(tenant, id, expected, { op: 'replace', body }, (s) => {
      if (s.kind !== body.kind) throw new DomainError('scenario.kind-immutable', `this scenario is a ${s.kind}; its kind cannot change (save a new scenario instead)`, ['kind']);
      return { name: body.name, kind: s.kind, tags: body.tags, input: body.input };
    });
  }

  patch(tenant: string, id: string, expected: readonly number[] | undefined, body: PatchScenarioBody): Promise<ScenarioRecord> {
    return this.change(tenant, id, expected, { op: 'patch', body }, (s) => ({ name: body.name ?? s.name, kind: s.kind, tags: body.tags ?? s.tags, input: s.input }));
  }

  async remove(tenant: string, id: string, expected: readonly number[] | undefined): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.get(tenant, id);
      if (expected !== undefined && !expected.includes(current.version)) throw versionMismatch(id, expected, current.version);
      try {
        await this.deps.store.remove(tenant, id, current.version);
        return;
      } catch (err) {
        if (expected !== undefined || !isCode(err, 'scenario.version-mismatch')) throw err;
        if (attempt >= MAX_ANY_MATCH_ATTEMPTS) throw new DomainError('store.unavailable', `scenario ${id} kept changing while it was being deleted (${attempt} tries); retry shortly`, [], { cause: err });
      }
    }
  }

  /** Every version, oldest first; the last is the head. */
  async versions(tenant: string, id: string): Promise<ScenarioRecord[]> {
    const head = await this.get(tenant, id);
    const older = await this.deps.store.versions(tenant, id, head.version);
    return [...older, head];
  }

  async version(tenant: string, id: string, n: number): Promise<ScenarioRecord> {
    const all = await this.versions(tenant, id);
    const found = all.find((v) => v.version === n);
    if (!found) throw new DomainError('scenario.not-found', `scenario ${id} has no version ${n} (it has ${all.length})`, ['version']);
    return found;
  }

  /** Runs the saved input through today's engine; with `store`, keeps the result (when it fits). */
  async run(tenant: string, id: string, store: boolean) {
    const scenario = await this.get(tenant, id);
    const result = runInput(scenario);
    this.deps.assertFinite(result);
    const computedAt = this.isoNow();
    let stored = false;
    const warnings: string[] = [];
    if (store) {
      const bytes = jsonBytes(result);
      if (bytes > MAX_STORED_RESULT_BYTES) warnings.push(`the result (${bytes} bytes) is larger than the ${MAX_STORED_RESULT_BYTES} bytes a stored result may hold; it was returned but not stored`);
      else {
        await this.deps.store.putResult(tenant, id, { scenarioVersion: scenario.version, engineVersion: ENGINE_VERSION, computedAt, result });
        stored = true;
      }
    }
    return { scenario: scenarioSummary(scenario), engineVersion: ENGINE_VERSION, computedAt, stored, warnings, result };
  }

  async latestResult(tenant: string, id: string) {
    const scenario = await this.get(tenant, id);
    const stored = await this.deps.store.getResult(tenant, id);
    if (!stored) throw new DomainError('scenario.not-found', `scenario ${id} has no stored result; POST /v1/scenarios/${id}/run with {"store": true}`, []);
    return { scenario: scenarioSummary(scenario), current: stored.scenarioVersion === scenario.version && stored.engineVersion === ENGINE_VERSION, ...stored };
  }

  /** Runs 2–20 scenarios of one kind and puts their headline figures side by side, with differences to the first. */
  async compare(tenant: string, ids: string[]) {
    const scenarios: ScenarioRecord[] = [];
    for (const [i, id] of ids.entries()) {
      const found = await this.deps.store.get(tenant, id);
      if (!found) throw new DomainError('scenario.not-found', `there is no scenario ${id}`, ['ids', i]);
      scenarios.push(found);
    }
    const kind = scenarios[0]!.kind;
    const other = scenarios.findIndex((s) => s.kind !== kind);
    if (other !== -1) throw new DomainError('scenario.kinds-differ', `scenarios of different kinds cannot be compared: ${ids[0]} is ${kind}, ${ids[other]} is ${scenarios[other]!.kind}`, ['ids', other]);
    const calc = requireCalculation(kind);
    const inputs = scenarios.map(validInput);
    // The budget of a compare is the sum of its inputs' work (core/budget), checked before any of them runs.
    assertWithinWorkBudget(estimateOf(inputs.map(({ work }, i) => ({ path: ['ids', i], label: `scenario ${ids[i]} (${work.factors[0]?.label ?? kind})`, micros: work.micros }))));
    const figures = scenarios.map((s, i) => {
      const result = calc.compute(inputs[i]!.input);
      this.deps.assertFinite(result);
      return headlineFigures(calc, result);
    });
    const columns = [...new Set(figures.flatMap((f) => Object.keys(f)))];
    const base = figures[0]!;
    return {
      kind,
      engineVersion: ENGINE_VERSION,
      columns,
      scenarios: scenarios.map((s, i) => ({
        ...scenarioSummary(s),
        figures: figures[i]!,
        differenceToFirst: Object.fromEntries(columns.filter((c) => figures[i]![c] !== undefined && base[c] !== undefined).map((c) => [c, figures[i]![c]! - base[c]!])),
      })),
    };
  }
}

/** What a create answers for a stored version 1. */
function outcomeOf(stored: ScenarioRecord, replayed: boolean): CreateOutcome {
  return { status: 201, body: JSON.stringify(scenarioView(stored)), etag: etagOf(stored.version), location: locationOf(stored.id), replayed };
}

function withoutWriteId(record: ScenarioRecord): ScenarioRecord {
  const { writeId: _w, ...rest } = record;
  return rest;
}

const isCode = (err: unknown, code: string) => err instanceof DomainError && err.code === code;

/** A store failure after which the scenario surely was not written (the store refused it, e.g. too large), unlike a timeout or a dropped connection. */
const surelyNotWritten = (err: unknown) => err instanceof DomainError && err.code !== 'store.unavailable';

/** A saved input re-validated against today's schema, with its estimated work. */
function validInput(scenario: ScenarioRecord): { input: unknown; work: WorkEstimate } {
  const calc = requireCalculation(scenario.kind);
  const parsed = calc.input.safeParse(scenario.input);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DomainError('scenario.input-outdated', `the saved input of ${scenario.id} no longer passes today's ${scenario.kind} schema (${first.message}); update it with PUT`, ['input', ...(first.path as Array<string | number>)]);
  }
  return { input: parsed.data, work: estimateWork(calc.name, parsed.data) };
}

/** Runs a saved input within the work budget. */
function runInput(scenario: ScenarioRecord): unknown {
  const { input, work } = validInput(scenario);
  assertWithinWorkBudget({ micros: work.micros, factors: work.factors.map((f) => ({ ...f, path: ['input', ...f.path] })) });
  return requireCalculation(scenario.kind).compute(input);
}

const notFound = (id: string) => new DomainError('scenario.not-found', `there is no scenario ${id}`, []);
const versionMismatch = (id: string, expected: readonly number[], actual: number) =>
  new DomainError(
    'scenario.version-mismatch',
    `scenario ${id} is at version ${actual}, not ${expected.join(' or ') || 'the one named in If-Match'}: reload it, reapply the change and send the new ETag in If-Match`,
    [],
  );
