import { handle } from 'hono/aws-lambda';
import { calculationConfig } from '../runtime.js';
import { createStockApp } from './app.js';

export const handler = handle(createStockApp(calculationConfig(process.env)));
