import { handle } from 'hono/aws-lambda';
import { calculationConfig } from '../runtime.js';
import { createForecastApp } from './app.js';

export const handler = handle(createForecastApp(calculationConfig(process.env)));
