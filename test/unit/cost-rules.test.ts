/**
 * The dated rule tables of core/cost/rules.ts (every row sourced, dated and non-overlapping), the
 * lookups by date and origin, storage proration and unit conversions.
 */
import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../core/forecast/calendar.js';
import { DESTINATION_RULES, EU_MEMBERS, LOW_VALUE_RULES, VAT_RATES, destinationRule, lowValueRule, sameCustomsTerritory, vatRateRow } from '../../core/cost/rules.js';
import { isMonthDay, storageFactor } from '../../core/cost/storage.js';
import { CM3_PER_IN3, defaultDivisor, metricDivisorToImperial, roundUpTo } from '../../core/cost/units.js';
import { allocateMinor } from '../../core/cost/allocate.js';
import { expectClose } from '../helpers.js';

const rows = [...DESTINATION_RULES, ...VAT_RATES, ...LOW_VALUE_RULES];

describe('rule tables', () => {
  it('every row has an id, a source and valid dates with validFrom ≤ validTo', () => {
    const ids = new Set<string>();
    for (const r of rows) {
      expect(ids.has(r.id), r.id).toBe(false);
      ids.add(r.id);
      expect(r.source.length, r.id).toBeGreaterThan(20);
      expect(isIsoDate(r.validFrom), r.id).toBe(true);
      if (r.validTo !== undefined) {
        expect(isIsoDate(r.validTo), r.id).toBe(true);
        expect(r.validFrom <= r.validTo, r.id).toBe(true);
      }
    }
  });

  it('VAT rates of one country never overlap and leave no gap', () => {
    const byCountry = new Map<string, typeof VAT_RATES[number][]>();
    for (const r of VAT_RATES) byCountry.set(r.country, [...(byCountry.get(r.country) ?? []), r]);
    for (const [country, list] of byCountry) {
      const sorted = [...list].sort((a, b) => a.validFrom.localeCompare(b.validFrom));
      for (let i = 1; i < sorted.length; i++) {
        const prev = sorted[i - 1]!;
        expect(prev.validTo, country).toBeDefined();
        const next = new Date(Date.parse(`${prev.validTo}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        expect(sorted[i]!.validFrom, `${country}: gap or overlap after ${prev.id}`).toBe(next);
      }
      expect(sorted.at(-1)!.validTo, country).toBeUndefined();
    }
  });

  it('covers every EU member and UK, US, CA, AU, JP, SA, AE, MX on 1 January 2026', () => {
    for (const c of [...EU_MEMBERS, 'GB', 'US', 'CA', 'AU', 'JP', 'SA', 'AE', 'MX']) {
      expect(vatRateRow(c, '2026-01-01'), c).toBeDefined();
      expect(destinationRule(c, '2026-01-01'), c).toBeDefined();
    }
    expect(vatRateRow('DE', '2026-01-01')!.rate).toBe(0.19);
    expect(vatRateRow('HU', '2026-01-01')!.rate).toBe(0.27);
    expect(vatRateRow('US', '2026-01-01')!.rate).toBe(0);
    expect(destinationRule('US', '2026-01-01')!.valuationBasis).toBe('FOB');
    expect(destinationRule('AU', '2026-01-01')!.valuationBasis).toBe('FOB');
    expect(destinationRule('FR', '2026-01-01')!.valuationBasis).toBe('CIF');
    expect(destinationRule('BR', '2026-01-01')).toBeUndefined();
  });

  it('validFrom and validTo are inclusive', () => {
    expect(lowValueRule('duty', 'US', '2025-08-28', 'DE', 'bulk', true)!.id).toBe('us-de-minimis-800');
    expect(lowValueRule('duty', 'US', '2025-08-29', 'DE', 'bulk', true)!.id).toBe('us-de-minimis-suspended');
    expect(lowValueRule('duty', 'US', '2016-03-09', 'DE', 'bulk', true)).toBeUndefined();
    expect(lowValueRule('duty', 'DE', '2026-06-30', 'CN', 'parcel-per-order', true)!.id).toBe('eu-duty-relief-150');
    expect(lowValueRule('duty', 'DE', '2026-07-01', 'CN', 'parcel-per-order', true)!.id).toBe('eu-flat-duty-3-per-item-category');
    expect(lowValueRule('duty', 'DE', '2026-07-01', 'CN', 'bulk', true)!.id).toBe('eu-duty-relief-abolished');
    expect(lowValueRule('duty', 'DE', '2026-07-01', 'CN', 'parcel-per-order', false)!.id).toBe('eu-duty-relief-abolished'); // no IOSS: the ordinary tariff
    expect(lowValueRule('import-vat', 'DE', '2021-06-30', 'CN', 'parcel-per-order', true)).toBeUndefined();
    expect(lowValueRule('import-vat', 'DE', '2021-07-01', 'CN', 'parcel-per-order', true)!.id).toBe('eu-ioss-no-import-vat');
    expect(lowValueRule('import-vat', 'DE', '2021-07-01', 'CN', 'parcel-per-order', false)).toBeUndefined(); // no IOSS: import VAT at the border
    expect(lowValueRule('duty', 'US', '2025-06-01', 'HK', 'bulk', true)!.id).toBe('us-de-minimis-suspended-cn-hk');
  });

  it('EU customs union: no import between members; the UK is outside it', () => {
    expect(sameCustomsTerritory('FR', 'DE')).toBe(true);
    expect(sameCustomsTerritory('GB', 'DE')).toBe(false);
    expect(sameCustomsTerritory('US', 'US')).toBe(true);
  });
});

describe('storage', () => {
  it('prorates a monthly rate by the days of each month and applies peak seasons, also across the year end', () => {
    // 16–30 Nov (15 days) at 26/30 and 1–15 Dec (15 days) at 26/31.
    expectClose(storageFactor('2026-11-16', 30, 26, 'month', []).ratePerVolume, 13 + (15 * 26) / 31, 1e-12);
    const wrap = storageFactor('2026-12-30', 4, 1, 'day', [{ from: '12-31', to: '01-01', rate: 5 }]);
    expect(wrap).toEqual({ ratePerVolume: 1 + 5 + 5 + 1, peakDays: 2, offPeakDays: 2 });
    expect(storageFactor('2024-02-28', 2, 29, 'month', []).ratePerVolume).toBeCloseTo(2, 12); // leap February
    expect(isMonthDay('02-29')).toBe(true);
    expect(isMonthDay('02-30')).toBe(false);
    expect(isMonthDay('13-01')).toBe(false);
  });
});

describe('units and allocation', () => {
  it('divisors: IATA 6000 cm³/kg = 166 in³/lb (366 in³/kg); sea 1 CBM = 1,000 kg', () => {
    expectClose(metricDivisorToImperial(6000), 166.07, 1e-4);
    expectClose(6000 / CM3_PER_IN3, 366.14, 1e-4); // per kilogram
    expect(defaultDivisor('air', 'imperial')).toBe(166);
    expect(defaultDivisor('express', 'imperial')).toBe(139);
    expectClose(metricDivisorToImperial(5000), 138.4, 1e-3);
    expect(defaultDivisor('sea-lcl', 'metric')).toBe(1000);
  });

  it('rounds up to the carrier increment without binary noise', () => {
    expect(roundUpTo(14.625, 0.5)).toBe(15);
    expect(roundUpTo(14.5, 0.5)).toBe(14.5);
    expect(roundUpTo(0.1 + 0.2, 0.1)).toBeCloseTo(0.3, 12);
    expect(roundUpTo(13.81, 1)).toBe(14);
    expect(roundUpTo(7.3, 0)).toBe(7.3);
  });

  it('allocateMinor: parts add up to the rounded total; whole-cent parts are kept as they are', () => {
    expect(allocateMinor([1.005, 2.0025, 0.0025], 2, 'x')).toEqual({ total: 301, parts: [101, 200, 0] }); // 100.5 + 200.25 + 0.25 cents
    expect(allocateMinor([360, 540, 270], 2, 'x')).toEqual({ total: 117000, parts: [36000, 54000, 27000] });
    expect(allocateMinor([0, 0], 2, 'x')).toEqual({ total: 0, parts: [0, 0] });
    expect(() => allocateMinor([1e13], 2, 'x')).toThrow(/more than/);
  });
});
