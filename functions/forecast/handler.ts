import { handle } from 'hono/aws-lambda';
import { configFromEnv } from '../http/app.js';
import { createForecastApp } from './app.js';

export const handler = handle(createForecastApp(configFromEnv(process.env)));
