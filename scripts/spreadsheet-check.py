#!/usr/bin/python3
"""Real spreadsheet check: LibreOffice Calc evaluates =WEBSERVICE() formulas against a running
Peakplan server and we compare the cells with the API's own answers.

Needs Debian's libreoffice-calc-nogui and python3-uno (run with /usr/bin/python3):
    apt-get install -y libreoffice-calc-nogui python3-uno
    PORT=8790 npm start &      # or any running server
    /usr/bin/python3 scripts/spreadsheet-check.py http://127.0.0.1:8790
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

import uno  # noqa: E402  (Debian python3-uno)
from com.sun.star.beans import PropertyValue  # noqa: E402

base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8787"
pipe = "peakplan_calc_check"
profile = tempfile.mkdtemp(prefix="peakplan-lo-")
office = subprocess.Popen(
    ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
     f"-env:UserInstallation=file://{profile}", f"--accept=pipe,name={pipe};urp;"],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.5)
    else:
        raise SystemExit("LibreOffice did not start")
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    hidden = PropertyValue(); hidden.Name = "Hidden"; hidden.Value = True
    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, (hidden,))
    sheet = doc.Sheets.getByIndex(0)

    cases = [
        ("safety stock", "/v1/safety-stock?demandMean=2500&demandStdDev=500&leadTime=7&leadTimeStdDev=7&serviceLevel=0.9", "safetyStock"),
        ("reorder point", "/v1/safety-stock?demandMean=2500&demandStdDev=500&leadTime=7&leadTimeStdDev=7&serviceLevel=0.9&field=reorderPoint", "reorderPoint"),
        ("EOQ", "/v1/eoq?annualDemand=12000&orderingCost=4000&holdingCost=100", "quantity"),
        ("newsvendor", "/v1/newsvendor?demand.distribution=normal&demand.mean=3192&demand.stdDev=1181&price=190&unitCost=110&salvageValue=90", "quantity"),
        ("base stock", "/v1/base-stock?demand.distribution=poisson&demand.mean=6&leadTime=2&holdingCost=0.5&backorderCost=4", "baseStockLevel"),
        ("air chargeable", "/v1/landed-cost/chargeable-weight?mode=air&length=30&width=45&height=65&weight=14", "chargeableWeight"),
        ("NPV", "/v1/finance/npv?rate=0.1&cashFlows=-10000,3000,4200,6800", "npv"),
    ]
    failures = 0
    for row, (label, path, field) in enumerate(cases):
        url = f"{base}{path}&format=value"
        sheet.getCellByPosition(0, row).setString(label)
        sheet.getCellByPosition(1, row).setFormula(f'=VALUE(WEBSERVICE("{url}"))')
    doc.calculateAll()
    for row, (label, path, field) in enumerate(cases):
        cell = sheet.getCellByPosition(1, row)
        with urllib.request.urlopen(f"{base}{path.split('&field=')[0]}") as res:
            expected = json.load(res)[field]
        ok = abs(cell.getValue() - expected) <= 1e-9 * max(1, abs(expected)) and cell.getError() == 0
        failures += 0 if ok else 1
        print(f"{'ok ' if ok else 'BAD'} {label:14} =WEBSERVICE(...) -> {cell.getValue()!r:24} API {field} = {expected!r}")
    doc.close(True)
    print(f"{len(cases) - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)
finally:
    office.terminate()
    office.wait(timeout=30)
