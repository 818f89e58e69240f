/**
 * Finance calculations: published spreadsheet examples (test/fixtures/finance-examples.ts, each with
 * its source), a hand-built cash conversion cycle, validation rules, and fast-check properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CashConversionCycleInput,
  IrrInput,
  NpvInput,
  PmtInput,
  cashConversionCycle,
  internalRateOfReturn,
  netPresentValue,
  payment,
} from '../../core/cash/finance.js';
import { financeCalculations } from '../../core/cash/index.js';
import { cashConversionCycleExamples, irrExamples, npvExamples, pmtExamples, xnpvExamples } from '../fixtures/finance-examples.js';
import { allFinite, expectClose } from '../helpers.js';

interface Example {
  id: string;
  input: unknown;
  exact: number;
  published?: number;
  publishedTolerance?: number;
}

function check(examples: readonly Example[], run: (input: unknown) => number) {
  it.each(examples.map((e) => [e.id, e] as const))('%s', (_, e) => {
    const actual = run(e.input);
    expectClose(actual, e.exact, 1e-12, 1e-12, `${e.id} exact`);
    if (e.published !== undefined) expect(Math.abs(actual - e.published), `${e.id}: ${actual} vs published ${e.published}`).toBeLessThanOrEqual(e.publishedTolerance!);
  });
}

const npvOf = (input: unknown) => netPresentValue(NpvInput.parse(input)).npv;
const irrOf = (input: unknown) => {
  const r = internalRateOfReturn(IrrInput.parse(input));
  expect(r.converged).toBe(true);
  return r.irr;
};
const pmtOf = (input: unknown) => payment(PmtInput.parse(input)).payment;

describe('published examples', () => {
  describe('NPV', () => check(npvExamples as unknown as Example[], npvOf));
  describe('XNPV', () => check(xnpvExamples as unknown as Example[], npvOf));
  describe('IRR and XIRR', () => check(irrExamples as unknown as Example[], irrOf));
  describe('PMT', () => check(pmtExamples as unknown as Example[], pmtOf));
});

describe('NPV details', () => {
  it('start timing is the end timing times (1 + r)', () => {
    const end = npvOf({ rate: 0.1, cashFlows: [-10000, 3000, 4200, 6800], timing: 'end' });
    expectClose(npvOf({ rate: 0.1, cashFlows: [-10000, 3000, 4200, 6800] }), end * 1.1, 1e-14);
  });
  it('XNPV of yearly dates at 365-day spacing equals the start-timed NPV', () => {
    const dates = ['2021-01-01', '2022-01-01', '2023-01-01']; // no 29 February in between: 365 days each
    expectClose(npvOf({ rate: 0.07, cashFlows: [-100, 60, 60], dates }), npvOf({ rate: 0.07, cashFlows: [-100, 60, 60] }), 1e-14);
  });
  it('rejects mismatched, invalid or out-of-order dates, and rates that would overflow', () => {
    expect(NpvInput.safeParse({ rate: 0.1, cashFlows: [1, 2], dates: ['2020-01-01'] }).success).toBe(false);
    expect(NpvInput.safeParse({ rate: 0.1, cashFlows: [1, 2], dates: ['2020-01-01', '2021-02-29'] }).success).toBe(false);
    expect(NpvInput.safeParse({ rate: 0.1, cashFlows: [1, 2], dates: ['2020-01-01', '2019-12-31'] }).success).toBe(false);
    expect(NpvInput.safeParse({ rate: -0.99, cashFlows: [1] }).success).toBe(false);
    const many = Array.from({ length: 1000 }, () => 1e12);
    const bad = NpvInput.safeParse({ rate: -0.9, cashFlows: many });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/discount factor/);
  });
});

describe('IRR details', () => {
  it('flows that never change sign are a validation issue', () => {
    const r = IrrInput.safeParse({ cashFlows: [100, 200, 0, 300] });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/change sign/);
  });
  it('warns about multiple IRRs and returns the one nearest the guess (−100, 230, −132 has IRRs 10 % and 20 %)', () => {
    const near10 = internalRateOfReturn(IrrInput.parse({ cashFlows: [-100, 230, -132], guess: 0.05 }));
    const near20 = internalRateOfReturn(IrrInput.parse({ cashFlows: [-100, 230, -132], guess: 0.3 }));
    expectClose(near10.irr, 0.1, 1e-12);
    expectClose(near20.irr, 0.2, 1e-12);
    expect(near10.signChanges).toBe(2);
    expect(near10.bracketsFound).toBe(2);
    expect(near10.warnings.join(' ')).toMatch(/multiple|up to 2 IRRs/);
  });
  it('reports converged: false when the IRR lies outside −99 %…1000 %', () => {
    const r = internalRateOfReturn(IrrInput.parse({ cashFlows: [-1, 1000] })); // IRR = 99,900 %
    expect(r.converged).toBe(false);
    expect(allFinite(r)).toBe(true);
    expect(r.warnings.join(' ')).toMatch(/outside/);
  });
});

describe('PMT details', () => {
  it('Excel totals: totalPaid = payment × nper; interest of the 10,000 loan', () => {
    const r = payment(PmtInput.parse({ rate: 0.08 / 12, nper: 10, pv: 10000 }));
    expectClose(r.totalPaid, r.payment * 10, 1e-15);
    expectClose(r.totalInterest, 370.320893591522, 1e-10);
  });
  it('rate 0: payment = −(pv + fv)/nper', () => {
    expect(payment(PmtInput.parse({ rate: 0, nper: 4, pv: 1000, fv: 200 })).payment).toBe(-300);
  });
});

describe('cash conversion cycle', () => {
  it.each(cashConversionCycleExamples.map((e) => [e.id, e] as const))('%s (textbook balances)', (_, e) => {
    const r = cashConversionCycle(CashConversionCycleInput.parse(e.input));
    for (const k of ['dio', 'dso', 'dpo', 'operatingCycle', 'ccc'] as const) {
      expectClose(r[k], e.exact[k], 1e-12, 0, `${k} exact`);
      expect(Math.abs(r[k] - e.published[k]), `${k}: ${r[k]} vs published ${e.published[k]}`).toBeLessThanOrEqual(e.publishedTolerance);
    }
  });
  it('hand-built example', () => {
    // A seller with average inventory 50,000, receivables 30,000, payables 40,000, annual revenue
    // 500,000 and COGS 365,000: DIO = 50,000/365,000 × 365 = 50 days, DSO = 30,000/500,000 × 365 =
    // 21.9 days, DPO = 40,000/365,000 × 365 = 40 days, CCC = 50 + 21.9 − 40 = 31.9 days.
    const r = cashConversionCycle(CashConversionCycleInput.parse({ inventory: 50000, receivables: 30000, payables: 40000, revenue: 500000, costOfGoodsSold: 365000 }));
    expectClose(r.dio, 50, 1e-14);
    expectClose(r.dso, 21.9, 1e-14);
    expectClose(r.dpo, 40, 1e-14);
    expectClose(r.ccc, 31.9, 1e-14);
    expect(r.warnings).toEqual([]);
  });
  it('a negative cycle is reported in warnings', () => {
    const r = cashConversionCycle(CashConversionCycleInput.parse({ inventory: 10, receivables: 0, payables: 100, revenue: 1000, costOfGoodsSold: 800, days: 90 }));
    expect(r.ccc).toBeLessThan(0);
    expect(r.warnings.length).toBe(1);
  });
});

describe('calculation objects', () => {
  it('are named as routed, their examples parse, compute to finite results and match the result schema', () => {
    expect(financeCalculations.map((c) => c.name)).toEqual(['cash-flow', 'finance/npv', 'finance/irr', 'finance/pmt', 'finance/cash-conversion-cycle']);
    for (const c of financeCalculations) {
      const calc = c as unknown as { input: { parse(x: unknown): unknown }; result: { parse(x: unknown): unknown }; compute(x: unknown): Record<string, unknown>; example: unknown; primary: string };
      const result = calc.compute(calc.input.parse(calc.example));
      expect(allFinite(result)).toBe(true);
      const primary = calc.primary.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], result);
      expect(typeof primary).toBe('number');
      calc.result.parse(result);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const money = fc.double({ min: 1, max: 1e6, noNaN: true });
const anyAmount = fc.double({ min: -1e12, max: 1e12, noNaN: true });
const anyRate = fc.double({ min: -0.98, max: 10, noNaN: true });
const isoDay = fc.integer({ min: 0, max: 3000 }).map((k) => {
  const d = new Date(Date.UTC(2000, 0, 1) + k * 86400000);
  return d.toISOString().slice(0, 10);
});

describe('properties', () => {
  it('NPV (first flow at t = 0) is decreasing in the rate for conventional flows (one outflow, then inflows)', () => {
    // Only for timing 'start': Excel's end-timed NPV is NPV_start/(1 + r), which rises with r while
    // negative (e.g. −1.0909, 1 gives −0.0909 at both 0 % and 1000 %).
    fc.assert(
      fc.property(money, fc.array(money, { minLength: 1, maxLength: 30 }), anyRate, anyRate, (outflow, inflows, r1, r2) => {
        const [lo, hi] = r1 < r2 ? [r1, r2] : [r2, r1];
        const flows = [-outflow, ...inflows];
        const a = npvOf({ rate: lo, cashFlows: flows });
        const b = npvOf({ rate: hi, cashFlows: flows });
        const gross = flows.reduce((s, c) => s + Math.abs(c), 0);
        expect(b).toBeLessThanOrEqual(a + 1e-13 * gross);
      }),
    );
  });

  it('NPV at the IRR is ~0 (relative to the gross present value), periodic and dated', () => {
    fc.assert(
      fc.property(money, fc.array(money, { minLength: 1, maxLength: 40 }), fc.option(fc.array(isoDay, { minLength: 40, maxLength: 40 }), { nil: undefined }), (outflow, inflows, days) => {
        const flows = [-outflow, ...inflows];
        const dates = days ? ['1999-12-31', ...days.slice(0, inflows.length).sort()] : undefined;
        const r = internalRateOfReturn(IrrInput.parse({ cashFlows: flows, dates }));
        if (!r.converged) return; // IRR outside −99 %…1000 %: documented
        const { npv, presentValueOfInflows } = netPresentValue(NpvInput.parse({ rate: r.irr, cashFlows: flows, dates }));
        expect(Math.abs(npv)).toBeLessThanOrEqual(1e-9 * (presentValueOfInflows + outflow));
      }),
    );
  });

  it('PMT: the payment solves the PMT equation; at rate 0 it is −(pv + fv)/nper', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 1, noNaN: true }), fc.integer({ min: 1, max: 360 }), anyAmount, anyAmount, fc.constantFrom(0, 1), (r, n, pv, fv, type) => {
        const pmt = payment(PmtInput.parse({ rate: r, nper: n, pv, fv, type })).payment;
        const scale = Math.abs(pv) + Math.abs(fv) + Math.abs(pmt) * n;
        if (r === 0) expectClose(pmt, -(pv + fv) / n, 1e-14);
        else {
          // Discounted form (every factor ≤ 1 for r > 0): pv + pmt(1 + r·type)·(1 − (1 + r)^−n)/r + fv(1 + r)^−n = 0
          const d = Math.pow(1 + r, -n);
          const annuity = -Math.expm1(-n * Math.log1p(r)) / r; // (1 − (1 + r)^−n)/r without cancellation at tiny r
          const residual = pv + pmt * (1 + r * type) * annuity + fv * d;
          const weight = r > 0 ? scale : scale * Math.pow(1 + r, -n);
          expect(Math.abs(residual)).toBeLessThanOrEqual(1e-9 * weight + 1e-9);
        }
        const zero = payment(PmtInput.parse({ rate: 0, nper: n, pv, fv, type })).payment;
        expect(zero).toBe(-(pv + fv) / n);
      }),
    );
  });

  it('all outputs are finite for any valid input', () => {
    const flows = fc.array(anyAmount, { minLength: 1, maxLength: 1000 });
    fc.assert(
      fc.property(fc.double({ min: -0.9899999, max: 10, noNaN: true }), flows, fc.constantFrom('start', 'end'), (rate, cashFlows, timing) => {
        const parsed = NpvInput.safeParse({ rate, cashFlows, timing });
        if (parsed.success) expect(allFinite(netPresentValue(parsed.data))).toBe(true);
        const irr = IrrInput.safeParse({ cashFlows });
        if (irr.success) expect(allFinite(internalRateOfReturn(irr.data))).toBe(true);
      }),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(
        fc.double({ min: -0.9899999, max: 10, noNaN: true }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        anyAmount,
        anyAmount,
        fc.constantFrom(0, 1),
        (rate, nper, pv, fv, type) => {
          expect(allFinite(payment(PmtInput.parse({ rate, nper, pv, fv, type })))).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(
        fc.record({
          inventory: fc.double({ min: 0, max: 1e12, noNaN: true }),
          receivables: fc.double({ min: 0, max: 1e12, noNaN: true }),
          payables: fc.double({ min: 0, max: 1e12, noNaN: true }),
          revenue: fc.double({ min: 0.01, max: 1e12, noNaN: true }),
          costOfGoodsSold: fc.double({ min: 0.01, max: 1e12, noNaN: true }),
          days: fc.double({ min: 1e-9, max: 3650, noNaN: true }),
        }),
        (input) => {
          const r = cashConversionCycle(CashConversionCycleInput.parse(input));
          expect(allFinite(r)).toBe(true);
          // CCC = DIO + DSO − DPO exactly (same floating-point operations).
          expect(r.ccc).toBe(r.dio + r.dso - r.dpo);
        },
      ),
    );
  });

  it('dated XIRR finite and schema-valid for small-rate and tiny-rate PMT edge cases', () => {
    for (const rate of [5e-324, 1e-300, -1e-300, 1e-16, -0.9899999999])
      expect(allFinite(payment(PmtInput.parse({ rate, nper: 1000, pv: 1e12, fv: -1e12, type: 1 })))).toBe(true);
  });
});
