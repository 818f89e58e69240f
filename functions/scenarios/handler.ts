import { handle } from 'hono/aws-lambda';
import { configFromEnv } from '../http/app.js';
import { createDynamoClient } from '../storage/dynamo.js';
import { DynamoKeyStore } from '../storage/key-store.js';
import { createScenariosApp } from './app.js';
import { scenarioDeps } from './deps.js';

const table = process.env.TABLE_NAME;
if (!table) throw new Error('the scenarios function needs TABLE_NAME (infra/api.ts links it to the table)');
const client = createDynamoClient(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {});
const keys = new DynamoKeyStore(client, table);

export const handler = handle(createScenariosApp({ ...configFromEnv(process.env), keys }, scenarioDeps(client, table, keys)));
