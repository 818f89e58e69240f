/**
 * Configuration of a deployed function from its environment: the HTTP conventions
 * (functions/http/app.ts `configFromEnv`) plus, when the function is linked to the table
 * (`TABLE_NAME`; `DYNAMODB_ENDPOINT` for an emulator), the API-key verifier that calculation
 * endpoints use when `API_KEYS=required` or when a key is sent.
 *
 * Nothing here imports the AWS SDK statically: a calculation function loads it on the first
 * request that carries a key, so anonymous calls and cold starts do not pay for it.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { configFromEnv, type AppConfig } from './http/app.js';
import { dynamoClientConfig } from './storage/dynamo-call.js';
import { DynamoKeyStore } from './storage/key-store.js';

export interface TableEnv {
  name: string;
  /** The client, created on first use. */
  client(): Promise<DynamoDBClient>;
}

export function tableFromEnv(env: Record<string, string | undefined>): TableEnv | undefined {
  const name = env.TABLE_NAME;
  if (!name) return undefined;
  let client: Promise<DynamoDBClient> | undefined;
  const config = dynamoClientConfig(env.DYNAMODB_ENDPOINT ? { endpoint: env.DYNAMODB_ENDPOINT } : {});
  return { name, client: () => (client ??= import('@aws-sdk/client-dynamodb').then(({ DynamoDBClient }) => new DynamoDBClient(config))) };
}

/** The configuration of a calculation function: with the key verifier when the table is linked. */
export function calculationConfig(env: Record<string, string | undefined>): AppConfig {
  const config = configFromEnv(env);
  const table = tableFromEnv(env);
  return table ? { ...config, keys: new DynamoKeyStore(table.client, table.name) } : config;
}
