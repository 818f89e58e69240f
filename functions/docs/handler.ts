import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { handle } from 'hono/aws-lambda';
import { configFromEnv } from '../http/app.js';
import { createDocsApp } from './app.js';

// infra/api.ts copies the Swagger UI files into `swagger-ui/` at the root of this function's package.
const assetDir = join(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), 'swagger-ui');

export const handler = handle(createDocsApp(configFromEnv(process.env), (name) => readFile(join(assetDir, name)).catch(() => undefined)));
