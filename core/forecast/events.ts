/**
 * Events as input of the forecast: a calendar of named retail events with their dates per year,
 * caller-dated events, their mapping onto history and forecast periods, the uplift each event
 * learns from its own past occurrences (or pooled, or a prior), and the split of a weekly or
 * monthly forecast into days that gives the event days their peak.
 *
 * ## Calendar (dates are inclusive, UTC calendar days)
 * By rule, every year RULE_FIRST_YEAR..RULE_LAST_YEAR (2000–2035):
 * - thanksgiving-us: 4th Thursday of November (36 U.S.C. §6103 / 5 U.S.C. §6103(a)).
 * - black-friday: the day after Thanksgiving; cyber-monday: the Monday after it (Thanksgiving + 4);
 *   bfcm: Black Friday through Cyber Monday (4 days), the "Cyber Weekend" most marketplaces report.
 * - christmas: 25 December; singles-day: 11 November (Alibaba's 11.11 since 2009); double-12: 12 December.
 * - back-to-school: 1 July through US Labor Day (first Monday of September). Chosen from the
 *   National Retail Federation's Back-to-School surveys (nrf.com/insights/holiday-and-seasonal-trends/back-school,
 *   run with Prosper Insights since 2003): shoppers are active from early July (67 % had started by
 *   early July in the 2024 survey), about half of the shopping is done by mid-August and most
 *   families finish one to two weeks before school starts (mid-August to the week after Labor
 *   Day). NPD Checkout data (2016) put the online peak in mid-July, stores in early August. It is
 *   a season, not a day: give `occurrences` for a market whose school year starts otherwise.
 * - white-friday: the Middle East name of Black Friday, introduced by Souq.com (now Amazon.ae /
 *   Amazon.sa) in 2014 (istizada.com, "Comprehensive Marketing Guide to Middle East White Friday
 *   Sale") and run on the Black Friday weekend; it "generally lasts for 4 days"
 *   (WION, 2022-11-22; Khaleej Times 2022-11-25: Friday to Sunday in Dubai malls). Rule: Black
 *   Friday through the following Monday (4 days). Amazon.ae and noon ("Yellow Friday") often
 *   start their sale days earlier: give `occurrences` with the dates you ran.
 * From tables (years TABLE_FIRST_YEAR..TABLE_LAST_YEAR, 2015–2035):
 * - chinese-new-year: the 1st to the 7th day of the first lunar month (the Spring Festival
 *   week). First days from the Hong Kong Observatory's Gregorian–Lunar Calendar Conversion Table
 *   (hko.gov.hk/en/gts/time/conversion.htm, the calendar computed for 120° E as the Purple Mountain
 *   Observatory does). ICU's `chinese` calendar agrees except 2027 and 2030, where the new moon
 *   falls within minutes of midnight Beijing time (2027-02-06 15:56 UTC = 23:56 UTC+8;
 *   2030-02-02 16:07 UTC = 00:07 UTC+8 on the 3rd) and ICU's approximation lands on the other day;
 *   the table follows HKO (2027-02-06, 2030-02-03).
 * - ramadan: 1 Ramadan to the day before 1 Shawwal; eid-al-fitr: 1–3 Shawwal; eid-al-adha:
 *   10–13 Dhu al-Hijjah (the Eid day and the three days of Tashreeq). Dates of the Umm al-Qura
 *   calendar of Saudi Arabia (the official civil calendar; tables by R. H. van Gent,
 *   webspace.science.uu.nl/~gent0113/islam/ummalqura.htm, identical to ICU's `islamic-umalqura`
 *   for these years). Countries that start the month by crescent sighting (and sometimes Saudi
 *   Arabia itself) can be a day later: give `occurrences` for the dates observed.
 *
 * ## Lift model
 * Promotion "lift" = actual ÷ baseline over the event (Cooper, Baron, Levy, Swisher & Gogos
 * 1999, "PromoCast: A New Forecasting Method for Promotion Planning", Marketing Science 18:301–316),
 * written per event day: demand on an event day is the baseline × (1 + (L − 1)·e_j), with e_j the
 * event's day shape (mean 1 over its days; default flat, learned from daily history). A period t
 * touched by the event carries the share s_t = Σ_{event days d ∈ t} w_d·e_j ÷ Σ_{d ∈ t} w_d of its
 * baseline (w_d the weekday profile), so its multiplier is 1 + (L − 1)·s_t: a weekly period that
 * holds one Black Friday is lifted on that day only. An occurrence k with actual A_k, baseline B_k
 * and event baseline E_k = Σ s_t·B_t measures L_k − 1 = (A_k − B_k) ÷ E_k. The event's lift is the
 * ratio estimator L − 1 = Σ(A − B) ÷ ΣE over its occurrences (Σ actual ÷ Σ baseline when every
 * share is 1, as the pooled uplift of promo.ts). With an intensity x_k per occurrence (discount
 * depth, ad budget multiple) the lift is L = 1 + b·x, b by weighted least squares through the
 * origin of (L_k − 1) on x_k with weights E_k: b = Σ x_k(A_k − B_k) ÷ Σ E_k·x_k² (the linear
 * discount-depth term of the SCAN*PRO/PromoCast lift regressions: Wittink, Addona, Hawkes & Porter
 * 1988; Cooper et al. 1999). Pre-event dips and post-event hangovers (Van Heerde, Leeflang &
 * Wittink 2000, "The Estimation of Pre- and Postpromotion Dips with Store-Level Scanner Data",
 * J. Marketing Research 37:383–395; 2004, "Decomposing the Sales Promotion Bump", JMR 41:317–334)
 * are period multipliers over prePeriods / postPeriods, given or learned as Σ actual ÷ Σ baseline
 * over those periods of the event's past occurrences.
 *
 * Sources of a future occurrence's lift, in order: `given` (the event's uplift), `own-history`
 * (past occurrences of the same event), `pooled` (every past occurrence of every event and the
 * promos of pastEvents), `prior` = 1 (no lift, with a warning: no published per-event lift
 * transfers to one seller's SKU, so the service does not invent one). Occurrences whose actual is
 * ≤ 0 (returns exceeding sales, bad data) are dropped with a warning, and a lift is never below 0.
 */
import { addPeriods, type Frequency } from './calendar.js';

export const NAMED_EVENTS = [
  'thanksgiving-us',
  'black-friday',
  'cyber-monday',
  'bfcm',
  'christmas',
  'singles-day',
  'double-12',
  'back-to-school',
  'white-friday',
  'chinese-new-year',
  'ramadan',
  'eid-al-fitr',
  'eid-al-adha',
] as const;
export type NamedEvent = (typeof NAMED_EVENTS)[number];

export const RULE_FIRST_YEAR = 2000;
export const RULE_LAST_YEAR = 2035;
export const TABLE_FIRST_YEAR = 2015;
export const TABLE_LAST_YEAR = 2035;
/** Most days a daily breakdown returns. */
export const MAX_BREAKDOWN_DAYS = 5000;
/** Highest lift an event may learn (the schema's bound on a given uplift). */
export const MAX_LIFT = 1000;

/** Chinese New Year's Day (1st day of the 1st lunar month), Hong Kong Observatory table, 2015–2035. */
const CHINESE_NEW_YEAR: Readonly<Record<number, string>> = {
  2015: '2015-02-19', 2016: '2016-02-08', 2017: '2017-01-28', 2018: '2018-02-16', 2019: '2019-02-05',
  2020: '2020-01-25', 2021: '2021-02-12', 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10',
  2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13',
  2030: '2030-02-03', 2031: '2031-01-23', 2032: '2032-02-11', 2033: '2033-01-31', 2034: '2034-02-19',
  2035: '2035-02-08',
};

/** Umm al-Qura dates of 1 Ramadan, 1 Shawwal (Eid al-Fitr) and 10 Dhu al-Hijjah (Eid al-Adha), 1436–1457 AH. */
const RAMADAN_START = [
  '2015-06-18', '2016-06-06', '2017-05-27', '2018-05-16', '2019-05-06', '2020-04-24', '2021-04-13', '2022-04-02',
  '2023-03-23', '2024-03-11', '2025-03-01', '2026-02-18', '2027-02-08', '2028-01-28', '2029-01-16', '2030-01-05',
  '2030-12-26', '2031-12-16', '2032-12-04', '2033-11-23', '2034-11-12', '2035-11-01',
] as const;
const EID_AL_FITR = [
  '2015-07-17', '2016-07-06', '2017-06-25', '2018-06-15', '2019-06-04', '2020-05-24', '2021-05-13', '2022-05-02',
  '2023-04-21', '2024-04-10', '2025-03-30', '2026-03-20', '2027-03-09', '2028-02-26', '2029-02-14', '2030-02-04',
  '2031-01-24', '2032-01-14', '2033-01-03', '2033-12-23', '2034-12-12', '2035-12-01',
] as const;
const EID_AL_ADHA = [
  '2015-09-23', '2016-09-11', '2017-09-01', '2018-08-21', '2019-08-11', '2020-07-31', '2021-07-20', '2022-07-09',
  '2023-06-28', '2024-06-16', '2025-06-06', '2026-05-27', '2027-05-16', '2028-05-05', '2029-04-24', '2030-04-13',
  '2031-04-02', '2032-03-22', '2033-03-12', '2034-03-01', '2035-02-19',
] as const;

/** Days since 1970-01-01 of an ISO date YYYY-MM-DD (Hinnant's days_from_civil, see dateOfDay). */
export function dayIndex(date: string): number {
  const y0 = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * ISO date of a day index, by integer arithmetic (H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms", civil_from_days): a daily breakdown labels thousands of days and Date#toISOString
 * was most of its cost.
 */
export function dateOfDay(day: number): string {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** Weekday of a day index, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export const weekday = (day: number) => (((day + 3) % 7) + 7) % 7;

/** A dated occurrence of an event, inclusive, with an optional intensity (> 0). */
export interface Occurrence {
  start: string;
  end: string;
  intensity?: number;
}

/** Day index of the n-th `dow` (0 = Monday) of a month (1-based month). */
function nthWeekday(year: number, month: number, dow: number, n: number): number {
  const first = dayIndex(`${year}-${String(month).padStart(2, '0')}-01`);
  return first + ((dow - weekday(first) + 7) % 7) + 7 * (n - 1);
}

const span = (start: number, days: number): Occurrence => ({ start: dateOfDay(start), end: dateOfDay(start + days - 1) });
const fixed = (year: number, md: string): Occurrence => ({ start: `${year}-${md}`, end: `${year}-${md}` });

/** Thanksgiving (US) of a year: the 4th Thursday of November. @example thanksgiving(2025) // '2025-11-27' */
export function thanksgiving(year: number): string {
  return dateOfDay(nthWeekday(year, 11, 3, 4));
}

/** Occurrences of a named event in one year (empty outside the covered years). */
export function occurrencesInYear(name: NamedEvent, year: number): Occurrence[] {
  const ruleYear = year >= RULE_FIRST_YEAR && year <= RULE_LAST_YEAR;
  const tableYear = year >= TABLE_FIRST_YEAR && year <= TABLE_LAST_YEAR;
  const tg = () => nthWeekday(year, 11, 3, 4);
  const lunar = (starts: readonly string[], days: number, ends?: readonly string[]) =>
    starts.flatMap((s, i) => {
      if (Number(s.slice(0, 4)) !== year) return [];
      return [ends ? { start: s, end: dateOfDay(dayIndex(ends[i]!) - 1) } : span(dayIndex(s), days)];
    });
  switch (name) {
    case 'thanksgiving-us':
      return ruleYear ? [span(tg(), 1)] : [];
    case 'black-friday':
      return ruleYear ? [span(tg() + 1, 1)] : [];
    case 'cyber-monday':
      return ruleYear ? [span(tg() + 4, 1)] : [];
    case 'bfcm':
    case 'white-friday':
      return ruleYear ? [span(tg() + 1, 4)] : [];
    case 'christmas':
      return ruleYear ? [fixed(year, '12-25')] : [];
    case 'singles-day':
      return ruleYear ? [fixed(year, '11-11')] : [];
    case 'double-12':
      return ruleYear ? [fixed(year, '12-12')] : [];
    case 'back-to-school':
      return ruleYear ? [{ start: `${year}-07-01`, end: dateOfDay(nthWeekday(year, 9, 0, 1)) }] : [];
    case 'chinese-new-year':
      return tableYear && CHINESE_NEW_YEAR[year] ? [span(dayIndex(CHINESE_NEW_YEAR[year]), 7)] : [];
    case 'ramadan':
      // Ramadan 1457 AH (from 2035-11-01) ends on the day before 1 Shawwal 1457 = 2035-12-01.
      return tableYear ? lunar(RAMADAN_START, 0, EID_AL_FITR) : [];
    case 'eid-al-fitr':
      return tableYear ? lunar(EID_AL_FITR, 3) : [];
    case 'eid-al-adha':
      return tableYear ? lunar(EID_AL_ADHA, 4) : [];
  }
}

/** Every occurrence of each named event over the covered years, with its day indexes (computed once: the calendar is fixed). */
const calendarCache = new Map<NamedEvent, Array<{ occurrence: Occurrence; a: number; b: number }>>();

/** Occurrences of a named event that touch the day range [fromDay, toDay] (inclusive). */
export function namedOccurrences(name: NamedEvent, fromDay: number, toDay: number): Occurrence[] {
  let all = calendarCache.get(name);
  if (!all) {
    all = [];
    for (let y = RULE_FIRST_YEAR; y <= RULE_LAST_YEAR; y++) for (const o of occurrencesInYear(name, y)) all.push({ occurrence: o, a: dayIndex(o.start), b: dayIndex(o.end) });
    calendarCache.set(name, all);
  }
  return all.filter((x) => x.b >= fromDay && x.a <= toDay).map((x) => ({ ...x.occurrence }));
}

/** Whether the calendar covers year `year` for a named event. */
export function yearCovered(name: NamedEvent, year: number): boolean {
  const table = name === 'chinese-new-year' || name === 'ramadan' || name === 'eid-al-fitr' || name === 'eid-al-adha';
  return table ? year >= TABLE_FIRST_YEAR && year <= TABLE_LAST_YEAR : year >= RULE_FIRST_YEAR && year <= RULE_LAST_YEAR;
}

// ---------------------------------------------------------------------------------------------
// Periods and day profiles

/** Day spans [start, end) of periods 0..count−1 from `start` (period i dated addPeriods(start, frequency, i)). */
export function periodDaySpans(start: string, frequency: Frequency, count: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let a = dayIndex(start);
  const step = frequency === 'day' ? 1 : frequency === 'week' ? 7 : 0;
  if (step > 0) {
    for (let i = 0; i < count; i++) out.push([a + i * step, a + (i + 1) * step]);
    return out;
  }
  for (let i = 1; i <= count; i++) {
    const b = dayIndex(addPeriods(start, frequency, i));
    out.push([a, b]);
    a = b;
  }
  return out;
}

/** The flat weekday profile (Mon..Sun), the documented default: every day of a period weighs the same. */
export const FLAT_PROFILE: readonly number[] = [1, 1, 1, 1, 1, 1, 1];

/**
 * Weekday profile (Mon..Sun, mean 1) of a daily series: for each day with a full centred 7-day
 * window of known values, the ratio of the day to the window mean (the ratio-to-moving-average
 * seasonal index of classical decomposition, e.g. Hyndman & Athanasopoulos, FPP 3rd ed. §3.4),
 * skipping `excluded` days (event days), summarised by the median per weekday so that promo
 * days that slipped through do not move it. Undefined when a weekday has fewer than 2 ratios or
 * the series has no positive level.
 */
export function learnDayProfile(values: ReadonlyArray<number | null>, firstDay: number, excluded: ReadonlySet<number> = new Set()): number[] | undefined {
  const ratios: number[][] = [[], [], [], [], [], [], []];
  for (let t = 3; t + 3 < values.length; t++) {
    if (excluded.has(firstDay + t) || values[t] === null) continue;
    let sum = 0;
    let ok = true;
    for (let k = -3; k <= 3; k++) {
      const v = values[t + k];
      if (v === null || v === undefined) ok = false;
      else sum += v;
    }
    if (!ok || sum <= 0) continue;
    ratios[weekday(firstDay + t)]!.push(Math.max(0, values[t]!) / (sum / 7));
  }
  if (ratios.some((r) => r.length < 2)) return undefined;
  const medians = ratios.map((r) => {
    const s = [...r].sort((a, b) => a - b);
    const h = s.length >> 1;
    return s.length % 2 ? s[h]! : (s[h - 1]! + s[h]!) / 2;
  });
  const mean = medians.reduce((a, b) => a + b, 0) / 7;
  return mean > 0 ? medians.map((v) => v / mean) : undefined;
}

export interface DayRow {
  date: string;
  forecast: number;
  baseline: number;
}

/**
 * Dated daily values of a period forecast: each period's forecast is split over its days in
 * proportion to w_d·lift_d (weekday profile × the event lift of the day, 1 on ordinary days), its
 * baseline in proportion to w_d; the last day of each period takes the remainder so the days sum
 * to the period value. A period whose weights are all 0 is split evenly. Daily periods are
 * returned as they are. At most `maxDays` days (a RangeError beyond: callers bound it first).
 * @example splitIntoDays({ start: '2025-11-24', frequency: 'week', forecast: [70] })[0] // { date: '2025-11-24', forecast: 10, baseline: 10 }
 */
export function splitIntoDays(input: {
  start: string;
  frequency: Frequency;
  forecast: readonly number[];
  baseline?: readonly number[];
  dayProfile?: readonly number[];
  dayLifts?: ReadonlyMap<number, number>;
  maxDays?: number;
}): DayRow[] {
  const profile = input.dayProfile ?? FLAT_PROFILE;
  const spans = periodDaySpans(input.start, input.frequency, input.forecast.length);
  const total = spans.length ? spans[spans.length - 1]![1] - spans[0]![0] : 0;
  if (total > (input.maxDays ?? MAX_BREAKDOWN_DAYS)) throw new RangeError(`a daily breakdown of ${total} days exceeds ${input.maxDays ?? MAX_BREAKDOWN_DAYS}`);
  const out: DayRow[] = [];
  const share = (value: number, weights: number[]) => {
    const sum = weights.reduce((a, b) => a + b, 0);
    const parts = weights.map((w) => (sum > 0 ? (value * w) / sum : value / weights.length));
    let acc = 0;
    for (let k = 0; k < parts.length - 1; k++) acc += parts[k]!;
    parts[parts.length - 1] = value - acc;
    if (value >= 0) parts[parts.length - 1] = Math.max(0, parts[parts.length - 1]!);
    return parts;
  };
  spans.forEach(([a, b], i) => {
    const base = new Array<number>(b - a);
    const lifted = new Array<number>(b - a);
    for (let d = a; d < b; d++) {
      const w = Math.max(0, profile[weekday(d)]!);
      base[d - a] = w;
      lifted[d - a] = w * Math.max(0, input.dayLifts?.get(d) ?? 1);
    }
    const f = share(input.forecast[i]!, lifted);
    const bl = share(input.baseline?.[i] ?? input.forecast[i]!, input.baseline ? base : lifted);
    for (let d = a; d < b; d++) out.push({ date: dateOfDay(d), forecast: f[d - a]!, baseline: bl[d - a]! });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Learning and applying event lifts

export interface EventSpec {
  name: NamedEvent | 'custom';
  label?: string;
  /** Required for custom events; replaces the calendar's dates for a named one. */
  occurrences?: Occurrence[];
  /** Fixed lift on the event days of future occurrences (source `given`). */
  uplift?: number;
  /** Periods before / after each occurrence with a dip; factors learned from history when absent. */
  prePeriods?: number;
  preFactor?: number;
  postPeriods?: number;
  postFactor?: number;
  /** Relative lift over the days of an occurrence (scaled to mean 1); default flat or learned from daily history. */
  dayShape?: number[];
}

export type UpliftSource = 'own-history' | 'pooled' | 'prior' | 'given';

export interface PastOccurrence {
  name: string;
  label?: string;
  start: string;
  end: string;
  intensity?: number;
  firstPeriod: number;
  lastPeriod: number;
  actual: number;
  baseline: number;
  /** Σ share × baseline over the touched periods: the part of the baseline the lift applies to. */
  eventBaseline: number;
  /** 1 + (actual − baseline) ÷ eventBaseline. */
  uplift: number;
  used: boolean;
  /** Event share of each touched history period (0-based index). */
  shares: Array<{ period: number; share: number }>;
}

export interface FutureUplift {
  name: string;
  label?: string;
  start: string;
  end: string;
  /** 1-based forecast periods the occurrence touches. */
  firstPeriod: number;
  lastPeriod: number;
  /** Event share of each touched forecast period (1-based), the weekday-weighted share of its days. */
  shares: Array<{ period: number; share: number }>;
  intensity?: number;
  /** Lift on the event days (1 = none); the periods' multipliers are 1 + (uplift − 1)·share. */
  uplift: number;
  source: UpliftSource;
  model: 'ratio' | 'intensity';
  /** b of lift = 1 + b·intensity, for the intensity model. */
  slope?: number;
  occurrencesUsed: number;
  preFactor?: number;
  postFactor?: number;
}

interface Touch {
  occurrence: Occurrence;
  /** Period index on the grid (0 = first history period; ≥ n future). */
  periods: Array<{ index: number; share: number }>;
}

/** Resolved dated occurrences of each event that touch the grid [firstDay, lastDay]. */
export function resolveOccurrences(events: readonly EventSpec[], firstDay: number, lastDay: number): Occurrence[][] {
  return events.map((e) => {
    if (e.occurrences) return e.occurrences.filter((o) => dayIndex(o.end) >= firstDay && dayIndex(o.start) <= lastDay);
    return e.name === 'custom' ? [] : namedOccurrences(e.name, firstDay, lastDay);
  });
}

/** Day shape of an occurrence of `days` days, mean 1 (flat by default). */
function shapeOf(shape: readonly number[] | undefined, days: number): number[] {
  if (!shape || shape.length !== days) return new Array<number>(days).fill(1);
  const clean = shape.map((v) => Math.max(0, v));
  const mean = clean.reduce((a, b) => a + b, 0) / days;
  return mean > 0 ? clean.map((v) => v / mean) : new Array<number>(days).fill(1);
}

/**
 * Day shape of an event from its past days: e_j ∝ max(0, Σ_k (y_kj − b_kj) ÷ Σ_k b_kj), the excess
 * over baseline on day j of the occurrences, scaled to mean 1; undefined when no day sold above
 * its baseline.
 */
export function shapeFromExcess(excess: readonly number[], base: readonly number[]): number[] | undefined {
  const raw = excess.map((x, j) => (base[j]! > 0 ? Math.max(0, x / base[j]!) : 0));
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return mean > 0 ? raw.map((v) => v / mean) : undefined;
}

/**
 * What a daily history teaches a weekly or monthly forecast: the weekday profile (learnDayProfile,
 * event days excluded) and, for each event without a dayShape, its day shape from its
 * occurrences of equal length (> 1 day) inside the daily history. The baseline of an event day
 * is the local level × the weekday profile, the level being the mean of y ÷ profile over the
 * known non-event days within 28 days either side of the occurrence.
 */
export function learnFromDailyHistory(
  daily: { start: string; values: ReadonlyArray<number | null> },
  events: readonly EventSpec[],
): { dayProfile?: number[]; shapes: Array<number[] | undefined> } {
  const first = dayIndex(daily.start);
  const last = first + daily.values.length - 1;
  const occs = resolveOccurrences(events, first, last);
  const excluded = new Set<number>();
  for (const list of occs) for (const o of list) for (let d = dayIndex(o.start); d <= dayIndex(o.end); d++) excluded.add(d);
  const dayProfile = learnDayProfile(daily.values, first, excluded);
  const profile = dayProfile ?? FLAT_PROFILE;
  const y = (d: number) => (d >= first && d <= last ? daily.values[d - first] ?? null : null);
  const shapes = events.map((e, ei) => {
    if (e.dayShape) return undefined;
    const inside = occs[ei]!.filter((o) => dayIndex(o.start) >= first && dayIndex(o.end) <= last);
    const len = inside.length ? dayIndex(inside[0]!.end) - dayIndex(inside[0]!.start) + 1 : 0;
    if (len < 2 || inside.some((o) => dayIndex(o.end) - dayIndex(o.start) + 1 !== len)) return undefined;
    const excess = new Array<number>(len).fill(0);
    const base = new Array<number>(len).fill(0);
    for (const o of inside) {
      const a = dayIndex(o.start);
      const b = dayIndex(o.end);
      let sum = 0;
      let count = 0;
      for (let d = a - 28; d <= b + 28; d++) {
        const v = y(d);
        const p = profile[weekday(d)]!;
        if ((d >= a && d <= b) || excluded.has(d) || v === null || p <= 0) continue;
        sum += v / p;
        count++;
      }
      if (count === 0) continue;
      const level = sum / count;
      for (let d = a; d <= b; d++) {
        const v = y(d);
        if (v === null) continue;
        const bd = level * profile[weekday(d)]!;
        excess[d - a]! += v - bd;
        base[d - a]! += bd;
      }
    }
    return shapeFromExcess(excess, base);
  });
  return { ...(dayProfile ? { dayProfile } : {}), shapes };
}

export interface EventsInput {
  history: ReadonlyArray<number | null>;
  horizon: number;
  start: string;
  frequency: Frequency;
  events: readonly EventSpec[];
  /** Weekday profile Mon..Sun (default flat). */
  dayProfile?: readonly number[];
}

export interface EventsContext {
  spans: Array<[number, number]>;
  occurrences: Occurrence[][];
  /** Per event, per occurrence: the touched periods with the event share of each. */
  touches: Touch[][];
  /** Day shapes per event and occurrence (mean 1 over its days). */
  shapes: number[][][];
  /** History indexes to treat as missing before filling. */
  masked: Set<number>;
  /** Pre/post windows (grid period indexes) per event and occurrence. */
  pre: number[][][];
  post: number[][][];
  warnings: string[];
}

/**
 * Maps the events onto the periods of history and forecast: each occurrence's touched periods
 * with their event share s_t (see the module comment), and the history periods to mask. With a
 * daily history, an event without a dayShape learns one from its past occurrences of equal
 * length: e_j ∝ Σ_k (y_kj − b_kj) ÷ Σ_k b_kj needs the baseline, so it is learned in learnEvents.
 */
export function mapEvents(input: EventsInput): EventsContext {
  const n = input.history.length;
  const total = n + input.horizon;
  const spans = periodDaySpans(input.start, input.frequency, total);
  const firstDay = spans[0]![0];
  const lastDay = spans[total - 1]![1] - 1;
  const profile = input.dayProfile ?? FLAT_PROFILE;
  const warnings: string[] = [];
  const occurrences = resolveOccurrences(input.events, firstDay, lastDay);
  input.events.forEach((e, i) => {
    if (e.name === 'custom' || e.occurrences) return;
    const years: number[] = [];
    for (let y = Number(dateOfDay(firstDay).slice(0, 4)); y <= Number(dateOfDay(lastDay).slice(0, 4)); y++) if (!yearCovered(e.name, y)) years.push(y);
    if (years.length) warnings.push(`Event ${i} (${e.name}): the calendar has no dates for ${years.join(', ')}; give occurrences for those years.`);
  });
  const periodOf = (day: number) => {
    let lo = 0;
    let hi = spans.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (spans[mid]![0] <= day) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const weightOf = (d: number) => Math.max(0, profile[weekday(d)]!);
  const periodWeight = spans.map(([a, b]) => {
    let s = 0;
    for (let d = a; d < b; d++) s += weightOf(d);
    return s;
  });
  const masked = new Set<number>();
  const shapes: number[][][] = [];
  const pre: number[][][] = [];
  const post: number[][][] = [];
  const touches = occurrences.map((occs, ei) => {
    const e = input.events[ei]!;
    shapes[ei] = [];
    pre[ei] = [];
    post[ei] = [];
    return occs.map((o, oi) => {
      const a = dayIndex(o.start);
      const b = dayIndex(o.end);
      const shape = shapeOf(e.dayShape, b - a + 1);
      shapes[ei]![oi] = shape;
      const byPeriod = new Map<number, number>();
      for (let d = Math.max(a, firstDay); d <= Math.min(b, lastDay); d++) {
        const p = periodOf(d);
        byPeriod.set(p, (byPeriod.get(p) ?? 0) + weightOf(d) * shape[d - a]!);
      }
      const periods = [...byPeriod.entries()].sort((x, y) => x[0] - y[0]).map(([index, w]) => ({ index, share: periodWeight[index]! > 0 ? w / periodWeight[index]! : 0 }));
      for (const p of periods) if (p.index < n) masked.add(p.index);
      const first = periods[0]?.index;
      const last = periods[periods.length - 1]?.index;
      const preIdx: number[] = [];
      const postIdx: number[] = [];
      if (first !== undefined && last !== undefined) {
        for (let k = 1; k <= (e.prePeriods ?? 0); k++) if (first - k >= 0) preIdx.push(first - k);
        for (let k = 1; k <= (e.postPeriods ?? 0); k++) if (last + k < total) postIdx.push(last + k);
      }
      for (const t of [...preIdx, ...postIdx]) if (t < n) masked.add(t);
      pre[ei]![oi] = preIdx;
      post[ei]![oi] = postIdx;
      return { occurrence: o, periods };
    });
  });
  return { spans, occurrences, touches, shapes, masked, pre, post, warnings };
}

/** A measured (A, B, E, x) of one past occurrence, or a pastEvents promo (E = B, no intensity). */
export interface LiftObservation {
  actual: number;
  baseline: number;
  eventBaseline: number;
  intensity?: number;
}

/** Ratio estimator of the lift: 1 + Σ(A − B) ÷ ΣE (undefined without observations). */
export function ratioLift(obs: readonly LiftObservation[]): number | undefined {
  const e = obs.reduce((s, o) => s + o.eventBaseline, 0);
  return e > 0 ? 1 + obs.reduce((s, o) => s + o.actual - o.baseline, 0) / e : undefined;
}

/** Slope b of lift = 1 + b·x by weighted least squares through the origin: Σ x(A − B) ÷ Σ E·x² (undefined without intensities). */
export function intensitySlope(obs: readonly LiftObservation[]): number | undefined {
  const withX = obs.filter((o) => o.intensity !== undefined);
  const den = withX.reduce((s, o) => s + o.eventBaseline * o.intensity! ** 2, 0);
  return den > 0 ? withX.reduce((s, o) => s + o.intensity! * (o.actual - o.baseline), 0) / den : undefined;
}

export interface EventsOutcome {
  /** Multiplier per forecast period (index 0 = period 1). */
  multipliers: number[];
  /** Lift per future day (day index → lift) for the daily split. */
  dayLifts: Map<number, number>;
  past: PastOccurrence[];
  future: FutureUplift[];
  warnings: string[];
}

/**
 * Learns every event's lift from its past occurrences on the filled baseline and applies it to
 * the forecast periods. `pooledExtra` are the pastEvents promos measured by promo.ts (share 1).
 */
export function learnEvents(input: EventsInput, ctx: EventsContext, baseline: readonly number[], pooledExtra: readonly LiftObservation[] = []): EventsOutcome {
  const n = input.history.length;
  const warnings: string[] = [];
  const label = (ei: number) => `${input.events[ei]!.label ?? input.events[ei]!.name}`;
  // Learned day shapes (daily history, equal-length past occurrences, no shape given).
  if (input.frequency === 'day')
    input.events.forEach((e, ei) => {
      if (e.dayShape) return;
      const occs = ctx.touches[ei]!.filter((t) => t.periods.length > 1 && t.periods.every((p) => p.index < n && input.history[p.index] !== null));
      const len = occs[0]?.periods.length;
      if (!len || occs.some((t) => t.periods.length !== len || dayIndex(t.occurrence.end) - dayIndex(t.occurrence.start) + 1 !== len)) return;
      const excess = new Array<number>(len).fill(0);
      const base = new Array<number>(len).fill(0);
      for (const t of occs)
        t.periods.forEach((p, j) => {
          excess[j]! += (input.history[p.index] as number) - baseline[p.index]!;
          base[j]! += baseline[p.index]!;
        });
      const shape = shapeFromExcess(excess, base);
      if (!shape) return;
      ctx.touches[ei]!.forEach((t, oi) => {
        if (dayIndex(t.occurrence.end) - dayIndex(t.occurrence.start) + 1 !== len) return;
        ctx.shapes[ei]![oi] = shape;
        const a = dayIndex(t.occurrence.start);
        t.periods = t.periods.map((p) => ({ index: p.index, share: shape[ctx.spans[p.index]![0] - a] ?? p.share }));
      });
    });

  const past: PastOccurrence[] = [];
  const own: LiftObservation[][] = input.events.map(() => []);
  ctx.touches.forEach((occs, ei) =>
    occs.forEach((t) => {
      const hist = t.periods.filter((p) => p.index < n && input.history[p.index] !== null);
      if (hist.length === 0) return;
      let actual = 0;
      let base = 0;
      let eventBase = 0;
      for (const p of hist) {
        actual += input.history[p.index] as number;
        base += baseline[p.index]!;
        eventBase += p.share * baseline[p.index]!;
      }
      const used = actual > 0 && base > 0 && eventBase > 0;
      if (!used) warnings.push(`${label(ei)} ${t.occurrence.start}: actual ${actual} and baseline ${base} over its periods cannot measure a lift (returns exceeding sales or no demand?): occurrence left out.`);
      const o = t.occurrence;
      past.push({
        name: input.events[ei]!.name,
        ...(input.events[ei]!.label ? { label: input.events[ei]!.label } : {}),
        start: o.start,
        end: o.end,
        ...(o.intensity !== undefined ? { intensity: o.intensity } : {}),
        firstPeriod: hist[0]!.index,
        lastPeriod: hist[hist.length - 1]!.index,
        actual,
        baseline: base,
        eventBaseline: eventBase,
        uplift: eventBase > 0 ? 1 + (actual - base) / eventBase : 1,
        used,
        shares: hist.map((p) => ({ period: p.index, share: p.share })),
      });
      if (used) own[ei]!.push({ actual, baseline: base, eventBaseline: eventBase, ...(o.intensity !== undefined ? { intensity: o.intensity } : {}) });
    }),
  );
  const pooled = [...own.flat(), ...pooledExtra];

  const ratioOf = (windows: number[][]) => {
    let a = 0;
    let b = 0;
    for (const w of windows)
      for (const t of w) {
        if (t >= n || input.history[t] === null) continue;
        a += input.history[t] as number;
        b += baseline[t]!;
      }
    return a > 0 && b > 0 ? a / b : undefined;
  };

  const dayLifts = new Map<number, number>();
  const periodFactor = new Array<number | undefined>(input.horizon).fill(undefined);
  const future: FutureUplift[] = [];
  const clampLift = (lift: number, what: string) => {
    if (lift < 0) {
      warnings.push(`${what}: the learned lift ${lift.toFixed(3)} is below 0 (the event sold less than nothing against its baseline): taken as 0.`);
      return 0;
    }
    if (lift > MAX_LIFT) {
      warnings.push(`${what}: the learned lift ${lift.toFixed(1)} exceeds ${MAX_LIFT}: capped.`);
      return MAX_LIFT;
    }
    return lift;
  };
  input.events.forEach((e, ei) => {
    let preFactor = e.preFactor;
    let postFactor = e.postFactor;
    if ((e.prePeriods ?? 0) > 0 && preFactor === undefined) preFactor = ratioOf(ctx.pre[ei]!);
    if ((e.postPeriods ?? 0) > 0 && postFactor === undefined) postFactor = ratioOf(ctx.post[ei]!);
    if ((e.prePeriods ?? 0) > 0 && preFactor === undefined) warnings.push(`${label(ei)}: no past pre-event periods to learn preFactor from: taken as 1.`);
    if ((e.postPeriods ?? 0) > 0 && postFactor === undefined) warnings.push(`${label(ei)}: no past post-event periods to learn postFactor from: taken as 1.`);
    ctx.touches[ei]!.forEach((t, oi) => {
      const fut = t.periods.filter((p) => p.index >= n);
      if (fut.length === 0) return;
      const x = t.occurrence.intensity;
      const what = `${label(ei)} ${t.occurrence.start}`;
      let lift: number;
      let source: UpliftSource;
      let model: 'ratio' | 'intensity' = 'ratio';
      let slope: number | undefined;
      let used = 0;
      const fit = (obs: LiftObservation[]) => {
        const withX = obs.filter((o) => o.intensity !== undefined);
        if (x !== undefined && withX.length > 0) {
          slope = intensitySlope(withX)!;
          model = 'intensity';
          used = withX.length;
          return 1 + slope * x;
        }
        used = obs.length;
        return ratioLift(obs)!;
      };
      if (e.uplift !== undefined) {
        lift = e.uplift;
        source = 'given';
      } else if (own[ei]!.length > 0) {
        lift = clampLift(fit(own[ei]!), what);
        source = 'own-history';
      } else if (pooled.length > 0) {
        lift = clampLift(fit(pooled), what);
        source = 'pooled';
      } else {
        lift = 1;
        source = 'prior';
        warnings.push(`${what}: no past occurrence of this or any event to learn a lift from: prior lift 1 (no lift). Give uplift, or history covering a past occurrence.`);
      }
      if (x !== undefined && model === 'ratio' && source !== 'given') warnings.push(`${what}: intensity ${x} ignored, the past occurrences have no intensity to fit the lift model on.`);
      const a = dayIndex(t.occurrence.start);
      const b = Math.min(dayIndex(t.occurrence.end), ctx.spans[ctx.spans.length - 1]![1] - 1);
      const shape = ctx.shapes[ei]![oi]!;
      for (let d = Math.max(a, ctx.spans[n]![0]); d <= b; d++) dayLifts.set(d, Math.max(0, 1 + (lift - 1) * shape[d - a]!));
      const setFactor = (idx: number[], f: number | undefined) => {
        if (f === undefined) return;
        for (const i of idx) if (i >= n) periodFactor[i - n] = f;
      };
      setFactor(ctx.pre[ei]![oi]!, preFactor);
      setFactor(ctx.post[ei]![oi]!, postFactor);
      future.push({
        name: e.name,
        ...(e.label ? { label: e.label } : {}),
        start: t.occurrence.start,
        end: t.occurrence.end,
        firstPeriod: fut[0]!.index - n + 1,
        lastPeriod: fut[fut.length - 1]!.index - n + 1,
        shares: fut.map((p) => ({ period: p.index - n + 1, share: p.share })),
        ...(x !== undefined ? { intensity: x } : {}),
        uplift: lift,
        source,
        model,
        ...(slope !== undefined ? { slope } : {}),
        occurrencesUsed: source === 'given' || source === 'prior' ? 0 : used,
        ...(preFactor !== undefined && (e.prePeriods ?? 0) > 0 ? { preFactor } : {}),
        ...(postFactor !== undefined && (e.postPeriods ?? 0) > 0 ? { postFactor } : {}),
        ...(shape.some((v) => v !== 1) ? { dayShape: shape } : {}),
      });
    });
  });

  const profile = input.dayProfile ?? FLAT_PROFILE;
  const multipliers = new Array<number>(input.horizon).fill(1);
  for (let h = 0; h < input.horizon; h++) {
    const [a, b] = ctx.spans[n + h]!;
    let w = 0;
    let wl = 0;
    let event = false;
    for (let d = a; d < b; d++) {
      const wd = Math.max(0, profile[weekday(d)]!);
      const l = dayLifts.get(d);
      if (l !== undefined) event = true;
      w += wd;
      wl += wd * (l ?? 1);
    }
    if (event) multipliers[h] = w > 0 ? wl / w : 1;
    else if (periodFactor[h] !== undefined) multipliers[h] = periodFactor[h]!;
  }
  return { multipliers, dayLifts, past, future, warnings: [...ctx.warnings, ...warnings] };
}
