/**
 * Response forms of a calculation: JSON (default), CSV (`Accept: text/csv` or `?format=csv`) and a
 * single plain-text number (`?format=value`, optionally `&field=name`) for spreadsheet cells.
 */
import type { ResultTable } from '../../core/calculation.js';
import { HttpProblem } from './errors.js';

export type ResponseFormat = 'json' | 'csv' | 'value';

export function chooseFormat(formatParam: string | undefined, accept: string | undefined): ResponseFormat {
  if (formatParam !== undefined) {
    if (formatParam === 'json' || formatParam === 'csv' || formatParam === 'value') return formatParam;
    throw new HttpProblem(400, 'validation', 'Invalid request', `format must be json, csv or value, not "${formatParam}"`, [
      { path: '/format', message: 'must be one of json, csv, value' },
    ]);
  }
  // The caller's first choice decides: `Accept: text/csv` (or text/csv listed first) gets CSV.
  const first = (accept ?? '').split(',')[0]!.split(';')[0]!.trim().toLowerCase();
  return first === 'text/csv' ? 'csv' : 'json';
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header row and CRLF line ends. */
export function toCsv(table: ResultTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The number at a dotted path of the result (e.g. `comparisons.0.quantity`), or a 400 naming the field. */
export function pickValue(result: unknown, field: string): number {
  let node: unknown = result;
  for (const part of field.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
  if (typeof node !== 'number')
    throw new HttpProblem(400, 'validation', 'Invalid request', `field "${field}" is not a number in this result`, [
      { path: '/field', message: 'must name a numeric field of the result, e.g. safetyStock or comparisons.0.quantity' },
    ]);
  return node;
}
