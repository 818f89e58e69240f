import { handle } from 'hono/aws-lambda';
import { configFromEnv } from '../http/app.js';
import { createCashApp } from './app.js';

export const handler = handle(createCashApp(configFromEnv(process.env)));
