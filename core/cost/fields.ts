/** Field schemas shared by the cost calculations: codes, dates, rates, physical sizes. */
import * as z from 'zod';
import { isIsoDate } from '../forecast/calendar.js';

/** Largest length of one side of a piece (cm or in). */
export const MAX_DIMENSION = 10_000;
/** Largest weight of one piece (kg or lb). */
export const MAX_PIECE_WEIGHT = 1e6;
/** Largest number of pieces or units of one SKU in a shipment. */
export const MAX_UNITS = 1e7;

export const currencyCode = (description: string) =>
  z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code: three capital letters, e.g. EUR')
    .meta({ description });

export const countryCode = (description: string) =>
  z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code: two capital letters, e.g. DE')
    .meta({ description });

export const isoDate = (description: string) =>
  z
    .string()
    .refine((s) => isIsoDate(s) && s >= '1900-01-01', { message: 'expected a valid calendar date YYYY-MM-DD from 1900-01-01' })
    .meta({ description });

/** A rate as a fraction in [0, max]: 0.19 = 19 %. */
export const rate = (description: string, max = 1) => z.number().min(0).max(max).meta({ description });

export const dimension = (description: string) => z.number().gt(0).max(MAX_DIMENSION).meta({ description });
export const pieceWeight = (description: string) => z.number().gt(0).max(MAX_PIECE_WEIGHT).meta({ description });
