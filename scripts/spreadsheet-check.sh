#!/usr/bin/env bash
# Starts the API on a spare port with an in-memory-like temp data dir, lets LibreOffice Calc
# evaluate real =WEBSERVICE() formulas against it (scripts/spreadsheet-check.py), then stops it.
# Needs: apt-get install -y libreoffice-calc-nogui python3-uno
set -euo pipefail
cd "$(dirname "$0")/.."
command -v soffice >/dev/null || { echo "install libreoffice-calc-nogui and python3-uno first (apt-get)"; exit 2; }
port=${PORT:-8791}
data=$(mktemp -d)
PORT=$port DATA_DIR=$data npx tsx functions/local.ts > "$data/server.log" 2>&1 &
server=$!
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
/usr/bin/python3 scripts/spreadsheet-check.py "http://127.0.0.1:$port"
