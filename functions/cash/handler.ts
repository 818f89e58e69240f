import { handle } from 'hono/aws-lambda';
import { calculationConfig } from '../runtime.js';
import { createCashApp } from './app.js';

export const handler = handle(createCashApp(calculationConfig(process.env)));
