#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine (run as root), and does nothing that is already done:
# Debian's Chromium for the browser tests (Playwright drives /usr/bin/chromium), and the web app's npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  # Update the package lists only when apt does not know the package yet (a fresh machine has empty lists).
  if ! apt-cache show chromium >/dev/null 2>&1; then
    apt-get update -q
  fi
  # Stale lists can name versions the mirror no longer has: refresh once and retry.
  apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core \
    || { apt-get update -q && apt-get install -y -q --no-install-recommends chromium fonts-dejavu-core; }
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20+ with npm is required (Debian: apt-get install nodejs npm)." >&2
  exit 1
fi

# npm ci only when node_modules is missing or older than the lock file (npm ci always wipes and reinstalls).
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund)
  touch web/node_modules/.package-lock.json
fi
