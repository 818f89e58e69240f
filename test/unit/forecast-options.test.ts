/**
 * Forecast request options from the textbook comparison (issue 11 point 6): separate smoothing
 * constants and R's initialisation for the intermittent methods, the rolling-origin choice of
 * `auto` on intermittent demand, ETS parameters anywhere in the documented range with errors
 * naming the parameter, the point forecast next to the mean for multiplicative models, and
 * `auto-ets` (R `ets()` by default).
 *
 * Reference numbers: R forecast 8.20 `croston` and `ets` (test/fixtures/intermittent-r-reference.ts),
 * the ETS fixtures of test/fixtures/ets-examples.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoIntermittent, fitIntermittent, MIN_ORIGIN, ROLLING_WINDOW, SWITCH_MARGIN } from '../../core/forecast/auto-intermittent.js';
import { ForecastInput, forecast } from '../../core/forecast/forecast.js';
import { crostonForecast, tsbForecast } from '../../core/forecast/intermittent.js';
import { DomainError } from '../../core/errors.js';
import { etsSeries } from '../fixtures/ets-examples.js';
import { airPassengers, pointAirPassengers, rCrostonCarparts, rEtsDefault } from '../fixtures/intermittent-r-reference.js';
import { allFinite, expectClose } from '../helpers.js';

const run = (body: Record<string, unknown>) => forecast(ForecastInput.parse(body));
const issuePaths = (body: Record<string, unknown>) => {
  const parsed = ForecastInput.safeParse(body);
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};
const lumpy = [0, 3, 0, 0, 5, 0, 0, 4, 0, 0, 0, 2, 0, 6, 0, 0, 3, 0, 0, 0, 5, 0, 1, 0];

describe("R's initialisation and separate constants", () => {
  for (const ref of rCrostonCarparts) {
    it(`R forecast::croston(car part ${ref.id}, alpha = ${ref.alpha}) = ${ref.forecast}, through the API with initialization 'r'`, () => {
      const result = run({ history: [...ref.y], horizon: 3, method: 'croston', initialization: 'r', parameters: { alpha: ref.alpha } });
      result.periods.forEach((p) => expectClose(p.forecast, ref.forecast, 1e-13));
      // fitted values from the first period after the first demand (R has 0 before it, Peakplan none)
      result.fitted.forEach((f, i) => expectClose(f, ref.fitted[result.fittedStart + i]!, 1e-13, 0, `fitted ${result.fittedStart + i}`));
      // SBA and SBJ: the same ratio times the bias factor (R 8.20 has no type argument)
      const sba = run({ history: [...ref.y], horizon: 1, method: 'sba', initialization: 'r', parameters: { alpha: ref.alpha } });
      expectClose(sba.periods[0]!.forecast, (1 - ref.alpha / 2) * ref.forecast, 1e-13);
      const sbj = run({ history: [...ref.y], horizon: 1, method: 'sbj', initialization: 'r', parameters: { alpha: ref.alpha } });
      expectClose(sbj.periods[0]!.forecast, (1 - ref.alpha / (2 - ref.alpha)) * ref.forecast, 1e-13);
    });
  }

  it("the default initialisation stays 'mean' (first size, mean interval)", () => {
    const y = [0, 2, 0, 0, 4, 0];
    expect(run({ history: y, horizon: 1, method: 'croston', parameters: { alpha: 0.1 } }).states.final.interval).toBe(2.55);
    expect(run({ history: y, horizon: 1, method: 'croston', initialization: 'r', parameters: { alpha: 0.1 } }).states.final.interval).toBe(2.1);
    // TSB 'r': p̂₀ = o₁ = 0 (hand example of forecast-intermittent.test.ts: 0.24192 · 3)
    expectClose(run({ history: y, horizon: 1, method: 'tsb', initialization: 'r', parameters: { sizeAlpha: 0.5, probabilityAlpha: 0.2 } }).periods[0]!.forecast, 0.24192 * 3, 1e-14);
  });

  it('sizeAlpha / intervalAlpha / probabilityAlpha reach the methods as separate constants (hand example)', () => {
    const y = [0, 2, 0, 0, 4, 0];
    // ẑ = 2 + 0.5·(4 − 2) = 3, x̂ = 2 + 0.2·(3 − 2) = 2.2 (R start); SBA factor 1 − 0.2/2 uses the interval constant
    const sba = run({ history: y, horizon: 1, method: 'sba', initialization: 'r', parameters: { sizeAlpha: 0.5, intervalAlpha: 0.2 } });
    expectClose(sba.periods[0]!.forecast, (0.9 * 3) / 2.2, 1e-14);
    expect(sba.parameters).toMatchObject({ alpha: 0.5, alphaInterval: 0.2, biasFactor: 0.9 });
    // alpha gives the constant that is not named separately
    const half = run({ history: y, horizon: 1, method: 'croston', initialization: 'r', parameters: { alpha: 0.1, sizeAlpha: 0.5 } });
    expect(half.parameters).toMatchObject({ alpha: 0.5, alphaInterval: 0.1 });
    const tsb = run({ history: lumpy, horizon: 1, method: 'tsb', parameters: { sizeAlpha: 0.3, probabilityAlpha: 0.1 } });
    expect(tsb.periods[0]!.forecast).toBe(tsbForecast(lumpy, { horizon: 1, alpha: { size: 0.3, probability: 0.1 } }).forecast[0]);
    // a constant of 1 is allowed for the intermittent methods (tsintermittent bounds [0, 1])
    expect(run({ history: y, horizon: 1, method: 'croston', parameters: { alpha: 1 } }).periods[0]!.forecast).toBe(4 / 3);
  });

  it('property: fixed separate constants equal the core call for every method and initialisation', () => {
    const demand = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 })), { minLength: 4, maxLength: 40 }).filter((y) => y.some((v) => v > 0));
    const constant = fc.double({ min: 0.01, max: 1, noNaN: true });
    fc.assert(
      fc.property(demand, constant, constant, fc.constantFrom('croston', 'sba', 'sbj' as const), fc.constantFrom('mean', 'r' as const), (y, size, interval, variant, initialization) => {
        const api = run({ history: y, horizon: 2, method: variant, initialization, parameters: { sizeAlpha: size, intervalAlpha: interval } });
        const core = crostonForecast(y, { horizon: 2, variant, alpha: { size, interval }, initial: initialization === 'r' ? 'naive' : 'mean' });
        expect(api.periods.map((p) => p.forecast)).toEqual(core.forecast.map((v) => Math.max(0, v)));
      }),
      { numRuns: 100 },
    );
  });
});

describe('parameters a method does not use, and the usual ETS constraints, are refused naming the field', () => {
  it.each([
    [{ method: 'croston', parameters: { probabilityAlpha: 0.1, alpha: 0.2 } }, 'parameters.probabilityAlpha'],
    [{ method: 'tsb', parameters: { intervalAlpha: 0.1, alpha: 0.2 } }, 'parameters.intervalAlpha'],
    [{ method: 'holt', parameters: { phi: 0.9 } }, 'parameters.phi'],
    [{ method: 'ses', parameters: { beta: 0.1 } }, 'parameters.beta'],
    [{ method: 'naive', parameters: { alpha: 0.1 } }, 'parameters.alpha'],
    [{ method: 'auto-ets', parameters: { alpha: 0.1 } }, 'parameters.alpha'],
    [{ method: 'sba', parameters: { sizeAlpha: 0.1 } }, 'parameters.sizeAlpha'],
    [{ method: 'tsb', parameters: { probabilityAlpha: 0.1 } }, 'parameters.probabilityAlpha'],
    [{ method: 'tsb', parameters: { sizeAlpha: 0.1, probabilityAlpha: 0.3 } }, 'parameters.probabilityAlpha'],
    [{ method: 'holt', parameters: { alpha: 0.2, beta: 0.3 } }, 'parameters.beta'],
    [{ method: 'holt-winters-additive', parameters: { alpha: 0.6, gamma: 0.5 } }, 'parameters.gamma'],
    [{ method: 'holt-winters-additive', parameters: { beta: 0.6, gamma: 0.5 } }, 'parameters.gamma'],
    [{ method: 'ses', parameters: { alpha: 1 } }, 'parameters.alpha'],
    [{ method: 'ses', initialization: 'r' }, 'initialization'],
    [{ method: 'auto', parameters: { sizeAlpha: 0.2, intervalAlpha: 0.1 } }, 'parameters.sizeAlpha'],
    [{ method: 'auto', parameters: { probabilityAlpha: 0.1 } }, 'parameters.probabilityAlpha'],
  ])('%j → 400 at %s', (fields, path) => {
    expect(issuePaths({ history: lumpy, horizon: 2, seasonLength: 4, ...fields })).toContain(path);
  });

  it('accepts what each method uses', () => {
    for (const fields of [
      { method: 'auto', parameters: { alpha: 0.2, sizeAlpha: 0.3 }, initialization: 'r' },
      { method: 'damped-holt', parameters: { alpha: 0.3, beta: 0.1, phi: 0.5 } },
      { method: 'ets', ets: { error: 'A', trend: 'A', damped: true, season: 'N' }, parameters: { phi: 1 } },
      { method: 'tsb', parameters: { sizeAlpha: 0.3, probabilityAlpha: 0.3 } },
      { method: 'auto', parameters: { sizeAlpha: 0.3, intervalAlpha: 0.1, probabilityAlpha: 0.1 } },
    ])
      expect(issuePaths({ history: lumpy, horizon: 2, seasonLength: 4, ...fields }), JSON.stringify(fields)).toEqual([]);
  });
});

describe('ETS parameters anywhere in the documented range', () => {
  const oil = [...etsSeries.oil.values];
  const livestock = [...etsSeries.livestock.values];

  it('honours φ below and above R\'s [0.8, 0.98] search range, α beyond [1e-4, 0.9999], and estimates the rest', () => {
    for (const phi of [0.3, 0.99, 1]) {
      const r = run({ history: livestock, horizon: 3, method: 'damped-holt', parameters: { phi } });
      expect(r.parameters.phi).toBe(phi);
      expect(allFinite(r.periods)).toBe(true);
    }
    for (const alpha of [5e-5, 0.99995]) {
      const r = run({ history: oil, horizon: 2, method: 'ses', parameters: { alpha } });
      expect(r.parameters.alpha).toBe(alpha);
    }
    // β given above the search range of α's lower limit: α estimated in [β, 0.9999]
    const holt = run({ history: livestock, horizon: 2, method: 'holt', parameters: { beta: 0.5 } });
    expect(holt.parameters.beta).toBe(0.5);
    expect(holt.parameters.alpha!).toBeGreaterThanOrEqual(0.5);
    // α below R's lower limit for β: β estimated below α
    const tiny = run({ history: livestock, horizon: 2, method: 'holt', parameters: { alpha: 5e-5 } });
    expect(tiny.parameters.beta!).toBeLessThanOrEqual(5e-5);
    expect(allFinite(tiny.periods)).toBe(true);
  });

  it('a combination outside the admissible region of a seasonal model is a 422 naming the parameters', () => {
    const y = [...etsSeries.austourists.values];
    // inside the usual region (β < α, γ < 1 − α) but outside the admissible one: a characteristic root
    // leaves the unit circle with strong damping and β close to α (found by sampling, HKOS ch. 10)
    let error: unknown;
    try {
      run({ history: y, horizon: 4, method: 'ets', seasonLength: 4, ets: { error: 'A', trend: 'A', damped: true, season: 'A' }, parameters: { alpha: 0.9256, beta: 0.8788, gamma: 0.0347, phi: 0.2822 } });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('forecast.model-not-applicable');
    expect((error as DomainError).path).toEqual(['parameters']);
    expect((error as DomainError).message).toMatch(/alpha, beta, gamma, phi/);
  });
});

describe("auto-ets: R ets() with its defaults", () => {
  const data: Record<string, { values: readonly number[]; m: number }> = {
    AirPassengers: { values: airPassengers, m: 12 },
    austourists: { values: etsSeries.austourists.values, m: 4 },
    ausair: { values: etsSeries.ausair.values, m: 1 },
    oil: { values: etsSeries.oil.values, m: 1 },
    livestock: { values: etsSeries.livestock.values, m: 1 },
  };
  for (const ref of rEtsDefault) {
    const series = data[ref.name];
    if (!series) continue;
    it(`${ref.name}: ${ref.model}, AICc ${ref.aicc.toFixed(3)}, forecast mean as R`, () => {
      const r = run({ history: [...series.values], horizon: ref.mean.length, method: 'auto-ets', seasonLength: series.m });
      expect(r.model).toBe(ref.model);
      expect(r.method).toBe('auto-ets');
      expect(r.selection!.criterion).toBe('AICc');
      expect(r.selection!.candidates.map((c) => c.method)).toContain(ref.model);
      expectClose(r.informationCriteria!.aicc, ref.aicc, 1e-7);
      r.periods.forEach((p, i) => expectClose(p.forecast, ref.mean[i]!, 1e-7, 0, `h = ${i + 1}`));
      // auto-ets is the ETS member alone: no combination
      expect(r.model.startsWith('combination')).toBe(false);
    });
  }
});

describe('multiplicative models: point forecast next to the mean', () => {
  it('AirPassengers ETS(M,Ad,M): forecast = R class-3 mean, pointForecast = the recursion from R\'s final states', () => {
    const r = run({ history: [...airPassengers], horizon: 26, method: 'auto-ets', seasonLength: 12 });
    pointAirPassengers.h.forEach((h, i) => expectClose(r.periods[h - 1]!.pointForecast!, pointAirPassengers.point[i]!, 1e-7, 0, `h = ${h}`));
    expect(r.periods.every((p) => p.pointForecast !== undefined)).toBe(true);
    // the class-3 mean lies above the point forecast for h > m (HKOS §6.3)
    expect(r.periods[24]!.forecast).toBeGreaterThan(r.periods[24]!.pointForecast!);
  });

  it('additive models and the intermittent methods have no pointForecast; promo multipliers apply to both', () => {
    expect(run({ history: [...etsSeries.oil.values], horizon: 2, method: 'ses' }).periods[0]!.pointForecast).toBeUndefined();
    expect(run({ history: lumpy, horizon: 2, method: 'sba' }).periods[0]!.pointForecast).toBeUndefined();
    const livestock = [...etsSeries.livestock.values];
    const body = { history: livestock, horizon: 3, method: 'ets', ets: { error: 'M', trend: 'A', damped: false, season: 'N' } };
    const plain = run(body);
    const lifted = run({ ...body, futureEvents: [{ start: 2, end: 2, uplift: 1.5 }] });
    expect(plain.periods[1]!.pointForecast).toBe(plain.periods[1]!.forecast); // class 2: mean = point
    expectClose(lifted.periods[1]!.pointForecast!, 1.5 * plain.periods[1]!.pointForecast!, 1e-14);
  });
});

describe('auto on intermittent demand: rolling-origin choice among the Croston family and TSB', () => {
  it('reports the 8 candidates (both initialisations, R-initialised SBA included) and a truthful reason', () => {
    const r = run({ history: lumpy, horizon: 3 });
    expect(r.method).toBe('auto');
    const names = r.selection!.candidates.map((c) => c.method);
    expect(names).toEqual(expect.arrayContaining(['croston (r init)', 'sba (r init)', 'sbj (r init)', 'tsb (r init)', 'croston (mean init)', 'sba (mean init)', 'sbj (mean init)', 'tsb (mean init)']));
    const chosen = autoIntermittent(lumpy, { horizon: 3, parameters: {}, initialStates: {} });
    const base = chosen.candidates.find((c) => c.method === 'sbj (r init)')!;
    const winner = chosen.candidates.find((c) => c.method === `${chosen.method} (${chosen.initialization} init)`)!;
    if (winner !== base) expect(winner.score).toBeLessThan(base.score * (1 - SWITCH_MARGIN));
    else expect(chosen.candidates.every((c) => !(c.score < base.score * (1 - SWITCH_MARGIN)))).toBe(true);
    expect(r.periods[0]!.forecast).toBe(chosen.fit.forecast[0]);
  });

  it('the rolling-origin score is the MSE of each origin\'s flat forecast over the next periods (hand check)', () => {
    const chosen = autoIntermittent(lumpy, { horizon: 1, parameters: { alpha: 0.2 }, initialStates: {} });
    const sba = chosen.candidates.find((c) => c.method === 'sba (r init)')!;
    let squares = 0;
    let count = 0;
    for (let o = 0; o < ROLLING_WINDOW; o++) {
      const origin = lumpy.length - ROLLING_WINDOW - o;
      if (origin < MIN_ORIGIN) break;
      const f = crostonForecast(lumpy.slice(0, origin), { horizon: 1, variant: 'sba', alpha: 0.2, initial: 'naive' }).forecast[0]!;
      for (let t = origin; t < origin + ROLLING_WINDOW; t++) {
        squares += (lumpy[t]! - f) ** 2;
        count++;
      }
    }
    expect(sba.score).toBe(squares / count);
  });

  it('a given initialization limits the candidates; a short history gets the default', () => {
    const r = autoIntermittent(lumpy, { horizon: 2, parameters: {}, initialStates: {}, initialization: 'mean' });
    expect(r.candidates.every((c) => c.method.endsWith('(mean init)'))).toBe(true);
    const short = autoIntermittent([0, 2, 0, 0, 3, 0, 0, 1, 0, 4], { horizon: 2, parameters: {}, initialStates: {} });
    expect(short.method).toBe('sbj');
    expect(short.initialization).toBe('r');
    expect(short.reason).toMatch(/too short/);
    expect(short.fit.forecast).toEqual(fitIntermittent('sbj', [0, 2, 0, 0, 3, 0, 0, 1, 0, 4], { horizon: 2, parameters: {}, initialStates: {} }, 2, 'r').forecast);
  });

  it('property: finite, non-negative, flat forecasts and finite candidate scores in the answer', () => {
    const demand = fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }) }), { minLength: 8, maxLength: 60 }).filter((y) => y.some((v) => v > 0));
    fc.assert(
      fc.property(demand, fc.integer({ min: 1, max: 6 }), (y, horizon) => {
        const r = run({ history: y, horizon });
        expect(allFinite(r.periods.map((p) => p.forecast))).toBe(true);
        expect(r.periods.every((p) => p.forecast >= 0)).toBe(true);
        expect(r.selection!.candidates.every((c) => Number.isFinite(c.score))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
