import { handle } from 'hono/aws-lambda';
import { calculationConfig } from '../runtime.js';
import { createPlanApp } from './app.js';

export const handler = handle(createPlanApp(calculationConfig(process.env)));
