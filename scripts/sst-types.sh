#!/usr/bin/env bash
# Generate SST's platform types (.sst/platform/, incl. config.d.ts) so that
# `tsc -p tsconfig.infra.json` can type-check sst.config.ts and infra/.
#
# `sst install` shells out to `bun install` (from ~/.config/sst/bin/bun) to fetch
# the Pulumi provider packages into .sst/platform/node_modules. Our machines and
# CI have no bun and no internet except the npm registry, so if no bun is there
# we drop a tiny shim that turns `bun install` into `npm install`. A real bun that
# is already present is never touched. Idempotent; quiet unless something fails.
# Needs no AWS credentials (nothing is deployed).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

SHIM_MARK="# peakplan-sst-bun-shim (created by scripts/sst-types.sh; safe to delete)"
BUN_DIR="${HOME}/.config/sst/bin"
BUN="${BUN_DIR}/bun"

write_shim() {
  mkdir -p "$BUN_DIR"
  local tmp
  tmp="$(mktemp "${BUN_DIR}/.bun-shim.XXXXXX")"
  cat >"$tmp" <<SHIM
#!/bin/sh
${SHIM_MARK}
if [ "\$1" = install ]; then shift; exec npm install --no-audit --no-fund --loglevel=error "\$@"; fi
echo "bun shim: only 'bun install' is supported (got: \$*)" >&2; exit 1
SHIM
  chmod 755 "$tmp"
  mv -f "$tmp" "$BUN"
}

if [ -e "$BUN" ] || [ -L "$BUN" ]; then
  # Ours (marker on line 2)? Refresh it. Anything else is a real bun: leave it alone.
  if [ "$(sed -n 2p "$BUN" 2>/dev/null || true)" = "$SHIM_MARK" ]; then
    write_shim
  fi
else
  write_shim
fi

# .sst/ holds generated types, provider packages and local state: never commit it.
if ! grep -qxE '/?\.sst/?' .gitignore 2>/dev/null; then
  if [ -s .gitignore ] && [ -n "$(tail -c1 .gitignore)" ]; then echo >>.gitignore; fi
  echo ".sst/" >>.gitignore
fi

if [ ! -x node_modules/.bin/sst ]; then
  echo "sst-types: node_modules/.bin/sst not found; run 'npm ci' first" >&2
  exit 1
fi

LOG="$(mktemp)"
trap 'rm -f "$LOG"' EXIT
if ! SST_SKIP_DEPENDENCY_CHECK=1 SST_TELEMETRY_DISABLED=1 \
  npx --no-install sst install --stage typecheck </dev/null >"$LOG" 2>&1; then
  echo "sst-types: 'sst install' failed:" >&2
  cat "$LOG" >&2
  exit 1
fi

# sst writes config.d.ts before it runs `bun install`, so also check that the
# provider packages the types import actually arrived.
if [ ! -f .sst/platform/config.d.ts ] || [ ! -d .sst/platform/node_modules/@pulumi/aws ]; then
  echo "sst-types: .sst/platform is incomplete (config.d.ts or node_modules/@pulumi/aws missing)." >&2
  echo "sst-types: is the bun at ${BUN} working? sst install said:" >&2
  cat "$LOG" >&2
  exit 1
fi
