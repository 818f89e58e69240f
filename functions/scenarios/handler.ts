import { handle } from 'hono/aws-lambda';
import { runtimeFromEnv } from '../runtime.js';
import { createScenariosApp } from './app.js';
import { scenarioDeps } from './deps.js';

const { config, table } = runtimeFromEnv(process.env);
if (!table) throw new Error('the scenarios function needs TABLE_NAME (it is linked to the table in infra/api.ts)');

export const handler = handle(createScenariosApp(config, scenarioDeps(table.client, table.name, table.keys)));
