import { handle } from 'hono/aws-lambda';
import { configFromEnv } from '../http/app.js';
import { createStockApp } from './app.js';

export const handler = handle(createStockApp(configFromEnv(process.env)));
