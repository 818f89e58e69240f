import type * as z from 'zod';

/** A table view of a result, for CSV output to spreadsheets. */
export interface ResultTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

/**
 * A pure calculation: its input and result schemas, the function from one to the other, the
 * primary number a spreadsheet cell shows (`?format=value`) and the table a CSV download holds.
 * The HTTP layer turns any of these into an endpoint with JSON, GET-query, CSV and value forms.
 */
export interface Calculation<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  /** URL segment and scenario kind, e.g. `safety-stock`. */
  readonly name: string;
  readonly summary: string;
  readonly description: string;
  readonly input: In;
  readonly result: Out;
  compute(input: z.output<In>): z.output<Out>;
  /** Name of the top-level numeric field returned by `?format=value`. */
  readonly primary: string;
  table(result: z.output<Out>): ResultTable;
  /** A realistic request body, used in the OpenAPI document and the README. */
  readonly example: z.input<In>;
}

/** Helper that keeps the generic parameters when declaring a calculation. */
export function defineCalculation<In extends z.ZodType, Out extends z.ZodType>(c: Calculation<In, Out>): Calculation<In, Out> {
  return c;
}

/** Key/value table of the numeric top-level fields of a result, in declaration order. */
export function metricTable(result: object): ResultTable {
  const rows: Array<[string, number]> = [];
  for (const [key, value] of Object.entries(result)) if (typeof value === 'number') rows.push([key, value]);
  return { columns: ['metric', 'value'], rows };
}

/**
 * One row for the optimum and one per compared case, with the given numeric columns (blank where a
 * case has no value), for results that evaluate other quantities side by side.
 */
export function comparisonTable<Row extends object>(columns: ReadonlyArray<keyof Row & string>, optimal: Row, compared: readonly Row[]): ResultTable {
  const row = (r: Row, label: string) => [label, ...columns.map((c) => (r[c] as number | undefined) ?? '')];
  return { columns: ['case', ...columns], rows: [row(optimal, 'optimal'), ...compared.map((r) => row(r, 'compared'))] };
}
