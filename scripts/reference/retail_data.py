#!/usr/bin/env python3
"""Convert public weekly retail sales into the JSON the peak-window benchmark reads (scripts/bench-peak.ts).

Data set: "Walmart store sales", 45 Walmart stores x weekly sales, weeks labelled 2010-02-05 ... 2012-10-26.
  Original publisher: Walmart, through the Kaggle competition "Walmart Recruiting - Store Sales Forecasting"
  (2014, https://www.kaggle.com/c/walmart-recruiting-store-sales-forecasting/data: train.csv is per store x
  department; the store totals and the Holiday_Flag column come from it). The store-level file with the columns
  Store, Date, Weekly_Sales, Holiday_Flag, Temperature, Fuel_Price, CPI, Unemployment is re-shared on Kaggle
  as "Walmart Dataset" (yasserh/walmart-dataset, also "Mikhail1681") and copied into many public GitHub
  repositories as Walmart.csv (6,435 rows = 45 stores x 143 weeks).
  Copy read for this conversion: GitHub Shree-77/Sales-Forecasting-using-SARIMA, path Walmart.csv, commit
  4c0ce3036f7f113f5f07122ea574e103fb059066 (date-major order, dates DD/MM/YY), all 143 weeks
  (2010-02-05 ... 2012-10-26; 6,435 rows). Checked value by value against two other copies in other
  repositories and layouts: stores 25 and 26 (kashinathkonade/Walmart_Project Walmart.csv, commit
  5cbc8335e70df52b2e7d205158d02edbf537515a, store-major, DD-MM-YYYY) and store 1
  (WestEric/Springboard-Capstone-Driver-Analysis walmart_sales_weekly.csv, commit
  2b922759c026079f612937d39047ee0fda8a2a76, ISO dates): 359 values, no difference; and against the
  published description of the file (6,435 records, 450 holiday-flagged, maximum 3,818,686.45 = store 14
  in the week labelled 2010-12-24, minimum 209,986.25 = store 33 in 2010-12-03): all four agree.
  Licence: the Kaggle competition data are under the competition's rules (use for the competition; no
  redistribution granted), and the re-shares state no licence we could verify. So the data are NOT committed to
  this repository: the converted file lives outside it (PEAKPLAN_RETAIL_DIR, default /work/data/retail) and
  this script documents how to rebuild it from any copy of Walmart.csv.

Date convention: the Date column is the Friday that ENDS the (Saturday-Friday) week, which is what the
  competition's holiday flags imply (Super Bowl Sunday 2010-02-07 is flagged in the week labelled 2010-02-12,
  Christmas 2010-12-25 in 2010-12-31, Thanksgiving 2010-11-25 in 2010-11-26).

What the conversion changes: nothing in the values (dollars, as published); rows are grouped by store in date
  order; the dates are checked to be consecutive weeks with no gap or duplicate and every store must have the
  same weeks; Holiday_Flag becomes holidayWeeks (0-based indices into values); the other columns are dropped.

Usage:
  python3 scripts/reference/retail_data.py walmart RAW_CSV [OUT_JSON]      (default OUT_JSON
      $PEAKPLAN_RETAIL_DIR/walmart-stores.json, else /work/data/retail/walmart-stores.json)
Dates may be written DD-MM-YYYY, DD/MM/YY, DD/MM/YYYY or YYYY-MM-DD. Standard library only.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import sys

SOURCE = (
    'Walmart store sales (45 stores, weekly), Walmart via the Kaggle competition "Walmart Recruiting - Store Sales '
    'Forecasting" (2014); store-level re-share "Walmart Dataset" (Kaggle yasserh/walmart-dataset), copy read from '
    'GitHub Shree-77/Sales-Forecasting-using-SARIMA Walmart.csv @ 4c0ce3036f7f113f5f07122ea574e103fb059066'
)
LICENCE = (
    'Kaggle competition data (competition rules; redistribution not granted) - not committed to the repository, '
    'kept outside it'
)


def parse_date(text: str) -> dt.date:
    text = text.strip()
    if len(text) == 10 and text[4] == '-':
        return dt.date.fromisoformat(text)
    sep = '-' if '-' in text else '/'
    day, month, year = (int(p) for p in text.split(sep))
    if year < 100:
        year += 2000
    return dt.date(year, month, day)


def convert_walmart(raw_csv: str) -> dict:
    by_store: dict[int, list[tuple[dt.date, float, int]]] = {}
    with open(raw_csv, newline='', encoding='utf-8-sig') as f:
        for row in csv.DictReader(f):
            store = int(row['Store'])
            by_store.setdefault(store, []).append(
                (parse_date(row['Date']), float(row['Weekly_Sales']), int(float(row.get('Holiday_Flag') or 0)))
            )
    if not by_store:
        raise SystemExit(f'{raw_csv}: no rows')
    weeks: list[dt.date] | None = None
    series = []
    for store in sorted(by_store):
        rows = sorted(by_store[store])
        dates = [r[0] for r in rows]
        for a, b in zip(dates, dates[1:]):
            if (b - a).days != 7:
                raise SystemExit(f'store {store}: {a} -> {b} is not one week')
        if weeks is None:
            weeks = dates
        elif dates != weeks:
            raise SystemExit(f'store {store}: weeks differ from store {min(by_store)}')
        values = [r[1] for r in rows]
        if any(v < 0 for v in values):
            raise SystemExit(f'store {store}: negative sales')
        series.append(
            {
                'id': f'walmart-store-{store:02d}',
                'start': dates[0].isoformat(),
                'values': values,
                'holidayWeeks': [i for i, r in enumerate(rows) if r[2]],
            }
        )
    assert weeks is not None
    with open(raw_csv, 'rb') as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    return {
        'source': SOURCE,
        'licence': LICENCE,
        'frequency': 'week',
        'dateConvention': 'start = the Friday ending the first (Saturday-Friday) week; week i ends start + 7i days',
        'changes': 'values unchanged (dollars); Holiday_Flag -> holidayWeeks (0-based); other columns dropped',
        'raw': {'file': os.path.basename(raw_csv), 'sha256': digest, 'rows': sum(len(v) for v in by_store.values())},
        'firstWeek': weeks[0].isoformat(),
        'lastWeek': weeks[-1].isoformat(),
        'series': series,
    }


def main(argv: list[str]) -> None:
    if len(argv) < 3 or argv[1] != 'walmart':
        raise SystemExit(__doc__)
    out_dir = os.environ.get('PEAKPLAN_RETAIL_DIR', '/work/data/retail')
    out = argv[3] if len(argv) > 3 else os.path.join(out_dir, 'walmart-stores.json')
    data = convert_walmart(argv[2])
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(data, f, separators=(',', ':'))
        f.write('\n')
    n = len(data['series'])
    length = len(data['series'][0]['values'])
    print(f'{out}: {n} series x {length} weeks ({data["firstWeek"]} .. {data["lastWeek"]}), raw sha256 {data["raw"]["sha256"]}')


if __name__ == '__main__':
    main(sys.argv)
