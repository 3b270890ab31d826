#!/usr/bin/env bash
# Runs every test of Coffer: .NET (crypto, server, CLI end to end, browser end to end) and the web app's own tests.
# Installs what the tests need on a fresh machine (Node packages, Debian's Chromium) before running them.
set -euo pipefail
cd "$(dirname "$0")/.."

results=artifacts/test-results
rm -rf "$results" && mkdir -p "$results"

bash scripts/install-test-deps.sh

# The web app's unit tests: crypto vectors, C#/TypeScript interop, download plumbing (Vitest in Node).
web_status=0
(cd web && npx vitest run --reporter=default --reporter=json --outputFile.json="../$results/vitest.json") || web_status=$?

# Builds the server, which builds the web app into its wwwroot (web/Web.targets) for the browser tests.
dotnet build Coffer.slnx -c Release
dotnet_status=0
dotnet test Coffer.slnx -c Release --no-build --logger "console;verbosity=normal" \
  --logger trx --results-directory "$results" || dotnet_status=$?

# One closing line over both runners, counted from their result files.
node scripts/test-summary.mjs "$results" "$web_status" "$dotnet_status"
[ "$web_status" -eq 0 ] && [ "$dotnet_status" -eq 0 ]
