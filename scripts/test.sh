#!/usr/bin/env bash
# Every test: lint, types, unit and scenario tests, then the browser tests against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/ensure-chromium.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
pnpm exec turbo run lint typecheck test e2e --concurrency=2 2>&1 | tee "$log" || status=$?

# One closing line over every runner (vitest per package, Playwright): "N passed, N failed".
plain=$(sed 's/\x1b\[[0-9;]*m//g' "$log")
vitest_passed=$(printf '%s\n' "$plain" | grep -E ':test: +Tests ' | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
vitest_failed=$(printf '%s\n' "$plain" | grep -E ':test: +Tests ' | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
e2e_passed=$(printf '%s\n' "$plain" | grep -E ':e2e: +[0-9]+ passed' | grep -oE '[0-9]+ passed' | awk '{s+=$1} END {print s+0}')
e2e_failed=$(printf '%s\n' "$plain" | grep -E ':e2e: +[0-9]+ failed' | grep -oE '[0-9]+ failed' | awk '{s+=$1} END {print s+0}')
echo "tests: $((vitest_passed + e2e_passed)) passed, $((vitest_failed + e2e_failed)) failed"
exit "$status"
