import { handle } from 'hono/aws-lambda';
import { calculationConfig } from '../runtime.js';
import { createCostApp } from './app.js';

export const handler = handle(createCostApp(calculationConfig(process.env)));
