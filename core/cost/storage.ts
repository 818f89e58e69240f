/**
 * Overseas-warehouse storage: the rate accumulated over the days a unit is stored, day by day, with
 * peak-season rates on recurring calendar dates.
 *
 * A monthly rate is prorated by the days of the calendar month the unit occupies: a day in an
 * m-day month costs rate ÷ m. This is how a monthly fee on the daily average volume works out per
 * unit (Amazon Seller Central, "Inventory storage fees": "Storage fees are based on the daily average
 * volume (measured in cubic feet) for the space your inventory occupies", with October–December
 * peak rates, e.g. $0.75 vs $2.40 per cubic foot per month for standard-size units).
 */

export interface PeakSeason {
  /** First day, MM-DD, recurring every year. */
  from: string;
  /** Last day, MM-DD (inclusive); before `from` means the season wraps over the year end. */
  to: string;
  /** Rate per volume unit for the same period (day or month) as the normal rate. */
  rate: number;
}

const daysInMonth = (y: number, m: number): number => (m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : [4, 6, 9, 11].includes(m) ? 30 : 31);

/** MM-DD as month × 100 + day. */
const monthDay = (md: string): number => Number(md.slice(0, 2)) * 100 + Number(md.slice(3, 5));

/** Whether `md` is a real month-day (02-29 allowed). */
export function isMonthDay(md: string): boolean {
  if (!/^\d{2}-\d{2}$/.test(md)) return false;
  const m = Number(md.slice(0, 2));
  const d = Number(md.slice(3, 5));
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(2024, m);
}

export interface StorageFactor {
  /** Σ over the stored days of that day's rate per volume unit (rate ÷ days in month for monthly rates). */
  ratePerVolume: number;
  peakDays: number;
  offPeakDays: number;
}

/**
 * Storage cost per unit of volume for `days` days from `start` (ISO date; the first day counts).
 * @example storageFactor('2026-11-16', 30, 26, 'month', []).ratePerVolume // 15 days × 26/30 + 15 days × 26/31 = 25.58…
 */
export function storageFactor(start: string, days: number, rate: number, period: 'day' | 'month', peaks: readonly PeakSeason[]): StorageFactor {
  let y = Number(start.slice(0, 4));
  let m = Number(start.slice(5, 7));
  let d = Number(start.slice(8, 10));
  const seasons = peaks.map((p) => ({ from: monthDay(p.from), to: monthDay(p.to), rate: p.rate }));
  let total = 0;
  let peakDays = 0;
  let dim = daysInMonth(y, m);
  for (let i = 0; i < days; i++) {
    const md = m * 100 + d;
    let dayRate = rate;
    for (const s of seasons)
      if (s.from <= s.to ? md >= s.from && md <= s.to : md >= s.from || md <= s.to) {
        dayRate = s.rate;
        peakDays++;
        break;
      }
    total += period === 'day' ? dayRate : dayRate / dim;
    if (++d > dim) {
      d = 1;
      if (++m > 12) {
        m = 1;
        y++;
      }
      dim = daysInMonth(y, m);
    }
  }
  return { ratePerVolume: total, peakDays, offPeakDays: days - peakDays };
}
