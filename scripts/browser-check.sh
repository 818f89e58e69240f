#!/usr/bin/env bash
# Real-browser check of the embedding story: a page on one origin calls the local API with a
# publishable key (CORS preflight for the Authorization header included). Expected: from the key's
# allowed origin the calculation answers 200 and /v1/scenarios 403 (publishable keys are
# calculations only); from another origin both answer 403.
# Needs Debian's chromium (apt-get install -y chromium) and python3; not part of npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v chromium >/dev/null || { echo "install chromium first (apt-get install -y chromium)"; exit 2; }
api_port=${PORT:-8795}; allowed_port=$((api_port + 1)); other_port=$((api_port + 2))
tmp=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
PORT=$api_port DATA_DIR=$tmp/db npx tsx functions/local.ts > "$tmp/server.log" 2>&1 & pids+=($!)
for port in $allowed_port $other_port; do python3 -m http.server "$port" --bind 127.0.0.1 --directory scripts/browser > /dev/null 2>&1 & pids+=($!); done
for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$api_port/healthz" >/dev/null && break; sleep 0.5; done
key=$(DATA_DIR=$tmp/db npx tsx scripts/keys.ts create --tenant acme --label "browser check" --publishable --origin "http://127.0.0.1:$allowed_port" | grep -o 'pk_[A-Za-z0-9_-]*')
run() {
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --virtual-time-budget=8000 --dump-dom \
    "http://127.0.0.1:$1/widget-page.html?api=http://127.0.0.1:$api_port&key=$key" 2>/dev/null | sed -n '/<pre/,/<\/pre>/p'
}
failures=0
check() { if grep -q "$2" <<<"$1"; then echo "ok  $3"; else echo "BAD $3"; failures=$((failures + 1)); fi; }
allowed=$(run $allowed_port); other=$(run $other_port)
check "$allowed" 'calc 200 979.79' "allowed origin: EOQ with a publishable key -> 200"
check "$allowed" 'scenarios 403' "allowed origin: /v1/scenarios with a publishable key -> 403"
check "$other" 'calc 403' "other origin: EOQ with the same key -> 403"
check "$other" 'scenarios 403' "other origin: /v1/scenarios -> 403"
echo "$((4 - failures)) passed, $failures failed"
exit $((failures > 0))
