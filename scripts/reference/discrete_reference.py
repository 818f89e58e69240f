"""Generate test/fixtures/discrete-reference.ts: Poisson pmf/cdf/quantiles/loss and lognormal
(parameterised by mean and standard deviation) quantiles and expected shortage.

Poisson values are mpmath at 50 digits (pmf = e^-m m^k / k!, cdf via the regularized upper incomplete
gamma function, loss E[(D-k)+] = (m - k)(1 - F(k)) + m f(k), checked against direct summation) rounded
once to the nearest double; scipy.stats.poisson is evaluated as a check. Lognormal values are mpmath
closed forms; the expected shortage is re-computed independently with scipy.integrate.quad.

Run: python3 scripts/reference/discrete_reference.py
"""
import math

import mpmath
import numpy as np
from scipy import integrate
from scipy.stats import lognorm, poisson

from tsfmt import to_double, write_fixture

mp = mpmath.mp
mp.dps = 60


def rel(a, b):
    if a == b:
        return 0.0
    return abs(a - b) / max(abs(a), abs(b), 1e-300)


def p_pmf(m, k):
    m = mpmath.mpf(m)
    return mpmath.exp(-m + k * mpmath.log(m) - mpmath.loggamma(k + 1)) if k > 0 else mpmath.exp(-m)


def p_cdf(m, k):
    # P(D <= k) = Q(k + 1, m), regularized upper incomplete gamma
    return mpmath.gammainc(k + 1, mpmath.mpf(m), mpmath.inf, regularized=True)


def p_sf(m, k):
    return mpmath.gammainc(k + 1, 0, mpmath.mpf(m), regularized=True)


def p_loss(m, k):
    m = mpmath.mpf(m)
    return (m - k) * p_sf(m, k) + m * p_pmf(m, k)


def p_loss_direct(m, k):
    # E[(D-k)+] = sum_{j>k} (j-k) f(j), summed until terms are negligible
    m = mpmath.mpf(m)
    total = mpmath.mpf(0)
    j = k + 1
    f = p_pmf(m, j)
    while True:
        term = (j - k) * f
        total += term
        j += 1
        f = f * m / j
        if j > m and term < total * mpmath.mpf(10) ** -55:
            break
    return total


means = [0.5, 3.0, 6.0, 20.0, 100.0, 1000.0, 50000.0]
rows = []
worst = {'pmf': 0.0, 'cdf': 0.0, 'loss': 0.0}
notes = []
for m in means:
    s = math.sqrt(m)
    ks = {0, 1, 2} if m < 10 else set()
    for c in (-6, -4, -2, -1, -0.5, 0, 0.5, 1, 2, 4, 6, 8):
        k = int(math.floor(m + c * s))
        if k >= 0:
            ks.add(k)
    ks.add(int(m))
    ks.add(int(m) + 1)
    for k in sorted(ks):
        pmf = to_double(p_pmf(m, k))
        cdf = to_double(p_cdf(m, k))
        sf = to_double(p_sf(m, k))
        loss_m = p_loss(m, k)
        if m <= 1000:
            d = p_loss_direct(m, k)
            assert abs(d - loss_m) <= abs(loss_m) * mpmath.mpf(10) ** -40 + mpmath.mpf(10) ** -300, (m, k)
        loss = to_double(loss_m)
        row = {'kind': 'point', 'mean': m, 'k': k, 'pmf': pmf, 'cdf': cdf, 'sf': sf, 'expectedShortage': loss}
        sp, sc = float(poisson.pmf(k, m)), float(poisson.cdf(k, m))
        worst['pmf'] = max(worst['pmf'], rel(pmf, sp))
        worst['cdf'] = max(worst['cdf'], rel(cdf, sc))
        sl = (m - k) * float(poisson.sf(k, m)) + m * sp
        worst['loss'] = max(worst['loss'], rel(loss, sl))
        rows.append(row)

quant_rows = []
ps = [0.05, 0.5, 0.7778, 0.95, 0.999]
for m in means:
    for p in ps:
        # smallest k with F(k) >= p (p compared exactly as the double it is)
        k = int(max(0, math.floor(m - 10 * math.sqrt(m) - 5)))
        while p_cdf(m, k) < mpmath.mpf(p):
            k += 1
        fk = p_cdf(m, k)
        fk1 = p_cdf(m, k - 1) if k > 0 else mpmath.mpf(0)
        assert fk >= mpmath.mpf(p) > fk1
        sq = int(poisson.ppf(p, m))
        row = {'kind': 'quantile', 'mean': m, 'p': p, 'quantile': k}
        margin = min(abs(fk - mpmath.mpf(p)), abs(mpmath.mpf(p) - fk1))
        if margin < mpmath.mpf(10) ** -12:
            row['note'] = f'F(k) is within {float(margin):.1e} of p: double-precision cdf may land on the other side'
        if sq != k:
            row['scipyQuantile'] = sq
        quant_rows.append(row)
print('poisson scipy rel diffs', worst)

# ---------------- lognormal ----------------
ln_rows = []
pairs = [(100.0, 30.0), (1000.0, 800.0), (5.0, 10.0), (20.0, 2.0)]
qd_worst = 0.0
for mean, sd in pairs:
    m, s = mpmath.mpf(mean), mpmath.mpf(sd)
    sig2 = mpmath.log(1 + (s / m) ** 2)
    sig = mpmath.sqrt(sig2)
    mu = mpmath.log(m) - sig2 / 2
    quants = []
    for p in [0.2, 0.5, 0.7778, 0.95]:
        z = mpmath.findroot(lambda t: mpmath.ncdf(t) - mpmath.mpf(p), 0)
        quants.append({'p': p, 'quantile': to_double(mpmath.exp(mu + sig * z))})
    shorts = []
    dist = lognorm(s=float(sig), scale=float(mpmath.exp(mu)))
    for q in [0.5 * mean, mean, 2.0 * mean]:
        lq = mpmath.log(q)
        es = m * mpmath.ncdf((mu + sig2 - lq) / sig) - q * mpmath.ncdf((mu - lq) / sig)
        cdf = mpmath.ncdf((lq - mu) / sig)
        quad, err = integrate.quad(lambda x: (x - q) * dist.pdf(x), q, np.inf, epsabs=0, epsrel=1e-13, limit=500)
        qd_worst = max(qd_worst, rel(to_double(es), quad))
        shorts.append({'q': q, 'cdf': to_double(cdf), 'expectedShortage': to_double(es),
                       'expectedLeftover': to_double(q - m + es), 'quadCheck': quad})
    ln_rows.append({'mean': mean, 'stdDev': sd, 'mu': to_double(mu), 'sigma': to_double(sig),
                    'quantiles': quants, 'expectedShortage': shorts})
print('lognormal quad vs closed form worst rel diff', qd_worst)

header = f'''/**
 * Discrete (Poisson) and lognormal demand reference values (generated; do not edit by hand).
 *
 * Regenerate with: python3 scripts/reference/discrete_reference.py
 *
 * poissonReference is one flat list of tagged rows:
 *  - kind 'point': pmf P(D = k), cdf P(D <= k), sf P(D > k) and expectedShortage E[(D - k)+] for D ~ Poisson(mean).
 *    mpmath at 60 digits (loss also verified by direct summation for mean <= 1000), rounded once to the
 *    nearest double. scipy.stats.poisson ({__import__('scipy').__version__}) agrees to a relative {worst['pmf']:.1e} (pmf),
 *    {worst['cdf']:.1e} (cdf) and {worst['loss']:.1e} (loss evaluated in doubles as (m - k)·sf + m·pmf); the worst
 *    differences are at large means (pmf/loss at mean 50000 are sums of terms ~1e5 in log space, and the loss
 *    formula cancels above the mean), so a double-precision implementation should be compared with a
 *    relative tolerance of ~1e-8 at mean 50000, ~1e-10 at mean 1000 and ~1e-12 for means <= 100.
 *    Values that underflow (pmf far in the tail) are stored as the correctly rounded double, which may be 0.
 *  - kind 'quantile': the smallest integer k with P(D <= k) >= p, where p is compared exactly as the double
 *    written. scipy.stats.poisson.ppf gives the same k unless the row has `scipyQuantile`.
 *
 * lognormalReference: demand with mean m and standard deviation s, i.e. ln D ~ N(mu, sigma²) with
 * sigma² = ln(1 + s²/m²) and mu = ln m − sigma²/2. quantile = exp(mu + sigma·Φ⁻¹(p)); expectedShortage
 * E[(D − q)+] = m·Φ((mu + sigma² − ln q)/sigma) − q·Φ((mu − ln q)/sigma) (mpmath); expectedLeftover
 * E[(q − D)+] = q − m + E[(D − q)+]. quadCheck is the same shortage by scipy.integrate.quad of
 * (x − q)·f(x) over [q, ∞) (agrees to a relative {qd_worst:.1e}).
 */'''

write_fixture('discrete-reference.ts', header, [
    ('poissonReference', rows + quant_rows,
     "Poisson(mean): kind 'point' rows {mean, k, pmf, cdf, sf, expectedShortage}; kind 'quantile' rows {mean, p, quantile}."),
    ('lognormalReference', ln_rows,
     'Lognormal demand given by its mean and standard deviation: quantiles and E[(D − q)⁺] at q = m/2, m, 2m.'),
])
