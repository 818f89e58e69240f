"""Independent reference for the landed-cost request example (core/cost/landed-cost.ts `example`).

Recomputes every per-unit cost line, the break-even price and the shipment contribution of the
3-SKU China -> Germany sea LCL example from the definitions in the issue and in core/cost (chargeable
weight W/M 1 CBM = 1,000 kg, CIF customs value, import VAT on CIF + duty + on-carriage, monthly storage
prorated by days of the month, ...), with exact rational arithmetic (fractions.Fraction), and prints
the TypeScript fixture test/fixtures/cost-reference.ts.

    python3 scripts/reference/cost_examples.py > test/fixtures/cost-reference.ts

This is a separate implementation written from the formulas, not a port of the TypeScript code; it
shares only the inputs.
"""
from datetime import date, timedelta
from fractions import Fraction as F
import calendar
import math

D = lambda s: F(str(s))

FX = {"EUR": F(1), "CNY": D("0.128"), "USD": D("0.92")}
FX_BUFFER = D("0.02")
VAT = D("0.19")  # Germany, 2026 (Umsatzsteuergesetz s12(1))
K = 1 / (1 + VAT)

ITEMS = [
    dict(sku="LAMP-01", q=400, cost=D(58), ccy="CNY", price=D("34.99"), per="carton", upc=8, w=D("9.6"), dims=(40, 30, 35), duty=D("0.047"), content=F(0)),
    dict(sku="MUG-SET", q=600, cost=D(22), ccy="CNY", price=D("19.99"), per="carton", upc=12, w=D("11.5"), dims=(45, 35, 30), duty=D("0.12"), content=F(0)),
    dict(sku="YOGA-MAT", q=300, cost=D("7.5"), ccy="USD", price=D("29.99"), per="unit", upc=10, w=D("1.1"), dims=(61, 12, 12), duty=D("0.065"), content=F(600)),
]
# Freight (USD): sea LCL per revenue ton, minimum 1 RT-rate, fuel 8 %, fees by stage; insurance 0.3 % of 110 % (C + F).
RATE, MINIMUM, FUEL = F(85), F(85), D("0.08")
FEES = {"pre": F(180), "main": F(160), "on": F(240), "clearance": F(110)}
INS_RATE, INS_FACTOR = D("0.003"), D("1.1")
# Warehouse (EUR)
ARRIVAL, DAYS = date(2026, 9, 22), 60
INBOUND_PER_CARTON, OUTBOUND = D("0.6"), D("0.9")
STORAGE, PEAK = F(26), F(39)  # per m3 per month; peak 1 Oct - 31 Dec
# Selling (EUR)
LAST_MILE, COMMISSION, COMMISSION_MIN = D("3.9"), D("0.15"), D("0.3")
ACOS, ADS_SHARE, CLICKS = D("0.12"), D("0.5"), 10
RET_RATE, UNSELLABLE, RET_SHIP, RET_HANDLING = D("0.05"), D("0.3"), F(4), F(1)


def half_up(x, digits=2):
    scaled = x * 10**digits
    return math.floor(scaled + F(1, 2)) if scaled >= 0 else -math.floor(-scaled + F(1, 2))


def storage_factor():
    total, day = F(0), ARRIVAL
    for _ in range(DAYS):
        rate = PEAK if day.month >= 10 else STORAGE
        total += rate / calendar.monthrange(day.year, day.month)[1]
        day += timedelta(days=1)
    return total


def main():
    usd = FX["USD"]
    # Physical: pieces (cartons or units), weight kg, volume m3; SKU chargeable kg = max(actual, 1000 kg per m3).
    sku_w, sku_v, sku_ch = [], [], []
    for it in ITEMS:
        pieces = math.ceil(F(it["q"], it["upc"])) if it["per"] == "carton" else it["q"]
        vol = F(it["dims"][0] * it["dims"][1] * it["dims"][2], 10**6)
        sku_w.append(pieces * it["w"])
        sku_v.append(pieces * vol)
        sku_ch.append(max(pieces * it["w"], pieces * vol * 1000))
    rt = max(sum(sku_w) / 1000, sum(sku_v))  # revenue tons W/M
    base = max(RATE * rt, MINIMUM) * usd
    main_total = base * (1 + FUEL) + FEES["main"] * usd
    share = [c / sum(sku_ch) for c in sku_ch]
    factor = storage_factor()
    out, exact_totals, net_total = [], {}, F(0)
    for it, sh in zip(ITEMS, share):
        q = it["q"]
        fx = FX[it["ccy"]]
        product = it["cost"] * fx
        pre = FEES["pre"] * usd * sh / q
        mainp = main_total * sh / q
        on = FEES["on"] * usd * sh / q
        clearance = FEES["clearance"] * usd * sh / q
        insurance = INS_RATE * INS_FACTOR * (product + pre + mainp)
        cv = product + pre + mainp + insurance  # CIF
        duty = it["duty"] * cv
        import_vat = VAT * (cv + duty + on)  # reclaimed: shown, not a cost
        cartons = math.ceil(F(q, it["upc"]))
        inbound = INBOUND_PER_CARTON * cartons / q
        unit_vol = F(it["dims"][0] * it["dims"][1] * it["dims"][2], 10**6) / (it["upc"] if it["per"] == "carton" else 1)
        storage = unit_vol * factor
        price = it["price"]
        commission = max(COMMISSION * price, COMMISSION_MIN)
        ads = ADS_SHARE * ACOS * K * price
        content = it["content"] / q
        landed = product + (pre + mainp + on) + insurance + duty + clearance + inbound
        returns = RET_RATE * (RET_SHIP + RET_HANDLING + UNSELLABLE * landed)
        fx_buffer = FX_BUFFER * (product + (pre + mainp + on) + insurance + clearance)
        lines = dict(product=product, freight=pre + mainp + on, insurance=insurance, duty=duty, importVat=import_vat, clearance=clearance,
                     warehouseInbound=inbound, warehouseStorage=storage, warehouseOutbound=OUTBOUND, lastMile=LAST_MILE, commission=commission,
                     payment=F(0), ads=ads, content=content, returns=returns, fxBuffer=fx_buffer)
        for name, v in lines.items():
            exact_totals[name] = exact_totals.get(name, F(0)) + q * v
        net_total += q * K * price
        # Break-even: every cost but commission and ads is fixed in the price; returns hold no price term (bulk).
        fixed = sum(v for n, v in lines.items() if n not in ("commission", "ads", "importVat"))
        slope_ads = ADS_SHARE * ACOS * K
        p_star = fixed / (K - slope_ads - COMMISSION)
        assert COMMISSION * p_star >= COMMISSION_MIN
        out.append(dict(sku=it["sku"], lines=lines, be=p_star))
    cost_lines = [n for n in exact_totals if n != "importVat"]
    contribution_cents = half_up(net_total) - sum(half_up(exact_totals[n]) for n in cost_lines)

    print("/**")
    print(" * Generated by scripts/reference/cost_examples.py (exact rational arithmetic, an independent")
    print(" * implementation of the formulas): the per-unit lines of the landed-cost request example, rounded")
    print(" * half-up to the cent, its break-even prices and the shipment contribution. Do not edit by hand.")
    print(" */")
    print("export const exampleExpected = {")
    print(f"  revenueTons: {float(rt)!r},")
    print(f"  totalContribution: {contribution_cents / 100!r},")
    print("  skus: [")
    for o in out:
        per = ", ".join(f"{n}: {half_up(v) / 100!r}" for n, v in o["lines"].items())
        print(f"    {{ sku: '{o['sku']}', breakEvenPrice: {half_up(o['be']) / 100!r}, perUnit: {{ {per} }} }},")
    print("  ],")
    print("} as const;")


if __name__ == "__main__":
    main()
