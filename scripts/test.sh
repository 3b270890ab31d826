#!/usr/bin/env bash
# Runs every test of Coffer: .NET (crypto, server, CLI end to end, browser end to end) and the web app's own tests.
# Installs what the tests need on a fresh machine (Node packages, Debian's Chromium) before running them.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-test-deps.sh

# The web app's unit tests: crypto vectors, C#/TypeScript interop, download plumbing (Vitest in Node).
(cd web && npm test)

# Builds the server, which builds the web app into its wwwroot (web/Web.targets) for the browser tests.
dotnet build Coffer.slnx -c Release
dotnet test Coffer.slnx -c Release --no-build --logger "console;verbosity=normal"
