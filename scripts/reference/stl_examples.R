# Generates test/fixtures/stl-examples.ts: R reference numbers for core/forecast/stl.ts.
#
# Run from the repo root (R with the forecast and jsonlite packages, e.g. Debian
# `apt-get install r-cran-forecast`):  Rscript scripts/reference/stl_examples.R
#
# Sources: R `stats::stl` (the Fortran stl.f of Cleveland, Cleveland, McRae & Terpenning 1990),
# R `forecast::mstl`, `forecast::stlf`, `forecast.mstl` (forecast 8.x). Data: `nottem` and `co2`
# from R's datasets package; `weekly` and `daily` are synthetic series generated below
# (seeded, rounded to 2 decimals, so the TypeScript gets exactly the numbers R used).
suppressMessages({ library(forecast); library(jsonlite) })

# The shortest of 15, 16, 17 significant digits that reads back as the same double.
shortest <- function(v) {
  for (digits in 15:17) {
    s <- sprintf(paste0("%.", digits, "g"), v)
    if (as.numeric(s) == v) return(s)
  }
  sprintf("%.17g", v)
}
num <- function(x) paste0("[", paste(vapply(as.numeric(x), shortest, ""), collapse = ", "), "]")
out <- character(0)
emit <- function(...) out <<- c(out, paste0(...))

set.seed(20261208)
t <- 0:119
weekly <- round(200 + 0.4 * t + 40 * sin(2 * pi * t / 52) + ifelse(t %% 52 == 47, 120, 0) +
  ifelse(t %% 52 == 48, 60, 0) + rnorm(120, 0, 8), 2)
t2 <- 0:799
daily <- round(50 + 0.01 * t2 + 6 * sin(2 * pi * t2 / 7) + 3 * cos(4 * pi * t2 / 7) +
  15 * sin(2 * pi * t2 / 365.25) + rnorm(800, 0, 3), 2)

emit("/**")
emit(" * R reference numbers for core/forecast/stl.ts. Generated: do not edit by hand.")
emit(" * Regenerate with: Rscript scripts/reference/stl_examples.R (", R.version.string, ", forecast ", as.character(packageVersion("forecast")), ").")
emit(" * Indices are 1-based, as in R.")
emit(" */")
emit("")
emit("/** nottem, co2: R datasets; weekly, daily: synthetic (set.seed(20261208), see the script). */")
emit("export const stlSeries = {")
emit("  nottem: ", num(nottem), ",")
emit("  co2: ", num(co2), ",")
emit("  weekly: ", num(weekly), ",")
emit("  daily: ", num(daily), ",")
emit("} as const;")
emit("")

stlCase <- function(call, series, period, options, fit, idx) {
  ts_ <- fit$time.series
  emit("  {")
  emit("    call: ", toJSON(call, auto_unbox = TRUE), ",")
  emit("    series: '", series, "',")
  emit("    period: ", period, ",")
  emit("    options: ", options, ",")
  emit("    windows: ", num(fit$win), ",")
  emit("    jumps: ", num(fit$jump), ",")
  emit("    indices: ", num(idx), ",")
  emit("    seasonal: ", num(ts_[idx, "seasonal"]), ",")
  emit("    trend: ", num(ts_[idx, "trend"]), ",")
  emit("    remainder: ", num(ts_[idx, "remainder"]), ",")
  emit("    weights: ", num(fit$weights[idx]), ",")
  emit("  },")
}
i1 <- c(1, 2, 13, 100, 120, 239, 240)
i2 <- c(1, 2, 12, 200, 468)
emit("/** R stats::stl components at the given (1-based) indices. */")
emit("export const stlReference = [")
stlCase("stl(nottem, s.window = 7)", "nottem", 12, "{ sWindow: 7 }", stl(nottem, s.window = 7), i1)
stlCase("stl(co2, s.window = \"periodic\")", "co2", 12, "{ sWindow: 'periodic' }", stl(co2, "periodic"), i2)
stlCase("stl(nottem, s.window = 7, robust = TRUE)", "nottem", 12, "{ sWindow: 7, robust: true }", stl(nottem, s.window = 7, robust = TRUE), i1)
stlCase("stl(co2, s.window = 13, s.degree = 1, t.window = 21)", "co2", 12, "{ sWindow: 13, sDegree: 1, tWindow: 21 }", stl(co2, s.window = 13, s.degree = 1, t.window = 21), i2)
stlCase("stl(co2, s.window = 35, t.window = 101, s.jump = 1, t.jump = 1, l.jump = 1, l.degree = 0)", "co2", 12,
  "{ sWindow: 35, tWindow: 101, sJump: 1, tJump: 1, lJump: 1, lDegree: 0 }",
  stl(co2, s.window = 35, t.window = 101, s.jump = 1, t.jump = 1, l.jump = 1, l.degree = 0), i2)
emit("] as const;")
emit("")

w <- ts(weekly, frequency = 52)
m1 <- mstl(w)
d <- msts(daily, seasonal.periods = c(7, 365.25))
m2 <- mstl(d)
iw <- c(1, 48, 100, 120)
id <- c(1, 100, 400, 800)
emit("/** R forecast::mstl components. */")
emit("export const mstlReference = {")
emit("  weekly: { call: 'mstl(ts(weekly, frequency = 52))', periods: [52], indices: ", num(iw), ",")
emit("    seasonals: [", num(m1[iw, "Seasonal52"]), "], trend: ", num(m1[iw, "Trend"]), ", remainder: ", num(m1[iw, "Remainder"]), " },")
emit("  daily: { call: 'mstl(msts(daily, seasonal.periods = c(7, 365.25)))', periods: [7, 365.25], indices: ", num(id), ",")
emit("    seasonals: [", num(m2[id, "Seasonal7"]), ", ", num(m2[id, "Seasonal365.25"]), "], trend: ", num(m2[id, "Trend"]), ", remainder: ", num(m2[id, "Remainder"]), " },")
emit("} as const;")
emit("")

fcCase <- function(name, call, periods, f, hs, fi) {
  emit("  ", name, ": {")
  emit("    call: ", toJSON(call, auto_unbox = TRUE), ",")
  emit("    periods: ", num(periods), ",")
  emit("    horizon: ", length(f$mean), ",")
  emit("    method: '", f$method, "',")
  emit("    parameters: { ", paste(paste0(names(f$model$par), ": ", vapply(as.numeric(f$model$par), shortest, "")), collapse = ", "), " },")
  emit("    aicc: ", shortest(f$model$aicc), ",")
  emit("    sigma2: ", shortest(f$model$sigma2), ",")
  emit("    horizons: ", num(hs), ",")
  emit("    mean: ", num(f$mean[hs]), ",")
  emit("    lower80: ", num(f$lower[hs, 1]), ",")
  emit("    upper95: ", num(f$upper[hs, 2]), ",")
  emit("    fittedIndices: ", num(fi), ",")
  emit("    fitted: ", num(f$fitted[fi]), ",")
  emit("  },")
}
emit("/** R forecast::stlf / forecast(mstl(.)) with method ets (ets(model = \"ZZN\") on the seasonally adjusted series). */")
emit("export const stlfReference = {")
fcCase("weekly", "stlf(ts(weekly, frequency = 52), h = 20, method = \"ets\")", 52, stlf(w, h = 20, method = "ets"), c(1, 2, 8, 20), c(1, 2, 60, 120))
fcCase("weeklyLog", "stlf(ts(weekly, frequency = 52), h = 20, method = \"ets\", lambda = 0)", 52, stlf(w, h = 20, method = "ets", lambda = 0), c(1, 2, 8, 20), c(1, 2, 60, 120))
fcCase("daily", "forecast(mstl(msts(daily, seasonal.periods = c(7, 365.25))), h = 30)", c(7, 365.25), forecast(m2, h = 30), c(1, 7, 30), c(1, 400, 800))
emit("} as const;")
writeLines(out, "test/fixtures/stl-examples.ts")
