/**
 * The contract between forecasting methods and the forecast calculation: every method fits a
 * history and returns point forecasts, one-step fitted values, residuals, the parameters and
 * states it used, and either the variance of the h-step forecast errors (analytical intervals) or
 * a way to simulate sample paths (simulated intervals).
 *
 * Conventions: `y` is the history oldest first, with `null` for missing periods (methods that do
 * not handle gaps receive an interpolated series from the caller); periods are equally spaced;
 * `seasonLength` m ≥ 1 (1 = no seasonality). Everything is float64 and pure: no clock, no
 * global randomness (a `Random` is passed in).
 */

/** A uniform random source on [0, 1), e.g. a seeded PRNG. */
export type Random = () => number;

export interface ModelFit {
  /** Method label, e.g. `ETS(A,Ad,N)`, `croston`, `theta`, `seasonal-naive`. */
  method: string;
  /** One-step-ahead fitted values, same length as the history (NaN where undefined, e.g. the first m points of seasonal naive). */
  fitted: number[];
  /** y − fitted (multiplicative-error models still report additive residuals here), NaN where undefined. */
  residuals: number[];
  /** Point forecasts for h = 1..horizon (the mean of the forecast distribution where it differs from the median). */
  forecast: number[];
  /** Var of the h-step forecast error for h = 1..horizon when known analytically. */
  forecastVariance?: number[];
  /** Sample paths of the future, `count` × horizon, for models without analytical variance. */
  simulate?: (count: number, random: Random) => number[][];
  /** Smoothing and other parameters as used (estimated or given), named as in FPP (alpha, beta, gamma, phi, …). */
  parameters: Record<string, number>;
  /** Final states (level, trend, seasonal oldest first, …) and initial states. */
  states: { initial: Record<string, number | number[]>; final: Record<string, number | number[]> };
  /** Variance of the one-step innovations. */
  sigma2: number;
  /** Log-likelihood and information criteria where the method has a likelihood. */
  logLik?: number;
  aic?: number;
  aicc?: number;
  bic?: number;
  /** Number of estimated parameters (including initial states) when known. */
  parameterCount?: number;
  /**
   * Rolling-origin forecasts for `auto`'s selection: point forecasts for h = 1..horizon made at
   * origin t (the model sees only y[0..t), its states re-run on that prefix), with the parameters
   * fitted on the whole history held fixed unless the method is cheap enough to refit. It must not
   * use any value at or after index t. Absent: the method cannot be evaluated by rolling origin.
   */
  fromOrigin?: (origin: number, horizon: number) => number[];
  /** Earliest origin `fromOrigin` accepts (e.g. m for seasonal naive). */
  minOrigin?: number;
  /** Where σ² came from when it is not the method's own residuals (e.g. seasonal naive on exactly one season). */
  varianceBasis?: 'lagged-differences' | 'first-differences' | 'none';
}
