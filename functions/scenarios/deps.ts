/** Wires the scenario service, key store and cursor codec to one DynamoDB table. */
import { createHash, randomBytes } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ScenarioService } from '../../core/scenario/service.js';
import { assertFinite } from '../http/calculation-route.js';
import { CursorCodec } from '../storage/cursor.js';
import { DynamoKeyStore } from '../storage/key-store.js';
import { DynamoScenarioStore } from '../storage/scenario-store.js';
import type { ScenarioAppDeps } from './app.js';

export function scenarioDeps(client: DynamoDBClient, table: string, keys = new DynamoKeyStore(client, table)): ScenarioAppDeps & { keys: DynamoKeyStore } {
  const service = new ScenarioService({
    store: new DynamoScenarioStore(client, table),
    now: Date.now,
    randomBytes: (n) => randomBytes(n),
    sha256: async (text) => createHash('sha256').update(text).digest('hex'),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    assertFinite,
  });
  return { service, keys, cursors: new CursorCodec(client, table) };
}
