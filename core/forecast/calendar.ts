/**
 * Period labels: the ISO date (YYYY-MM-DD, UTC calendar days) of period i for daily, weekly or
 * monthly data, counted from the date of the first history period. Month arithmetic keeps the
 * day of month where it exists and clamps to the month's last day otherwise (2026-01-31 + 1 month
 * = 2026-02-28), as ISO 8601 calendar arithmetic and most spreadsheet EDATE implementations do.
 */
export type Frequency = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

function parseIsoDate(date: string): { y: number; m: number; d: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

/** Whether `date` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const { y, m, d } = parseIsoDate(date);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Date of the period `offset` periods after `start` (offset may be negative). @example addPeriods('2026-01-31', 'month', 1) // '2026-02-28' */
export function addPeriods(start: string, frequency: Frequency, offset: number): string {
  const { y, m, d } = parseIsoDate(start);
  if (frequency === 'month') {
    const months = y * 12 + (m - 1) + offset;
    const year = Math.floor(months / 12);
    const month = months - year * 12;
    const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    return new Date(Date.UTC(year, month, Math.min(d, last))).toISOString().slice(0, 10);
  }
  const step = frequency === 'week' ? 7 : 1;
  return new Date(Date.UTC(y, m - 1, d) + offset * step * DAY_MS).toISOString().slice(0, 10);
}

/** The usual season length of a frequency: 7 for days (weekly pattern), 52 for weeks, 12 for months. */
export function defaultSeasonLength(frequency: Frequency | undefined): number {
  return frequency === 'day' ? 7 : frequency === 'week' ? 52 : frequency === 'month' ? 12 : 1;
}
