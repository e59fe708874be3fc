#!/bin/sh
# Every test: lint, types, unit and scenario tests, then the browser tests against the real server.
set -eu
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/ensure-chromium.sh
pnpm exec turbo run lint typecheck test e2e
