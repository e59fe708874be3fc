#!/usr/bin/env bash
# Every test: lint, types, unit and scenario tests, then the browser tests against the real server.
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/setup.sh
sh scripts/ensure-chromium.sh
sh scripts/ensure-databases.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
pnpm exec turbo run lint typecheck test e2e --continue --concurrency=2 2>&1 | tee "$log" || status=$?

# One closing line over every runner (vitest per package, Playwright): "N passed, N failed".
count() { # count WORD LINE-PATTERN: sums the numbers standing before WORD on the matching lines
  sed 's/\x1b\[[0-9;]*m//g' "$log" | awk -v word="$1" -v pattern="$2" '$0 ~ pattern { for (i = 1; i < NF; i++) if ($(i + 1) == word) s += $i } END { print s + 0 }'
}
passed=$(( $(count passed ':test: +Tests ') + $(count passed ':e2e: +[0-9]+ (passed|failed)') ))
failed=$(( $(count failed ':test: +Tests ') + $(count failed ':e2e: +[0-9]+ (passed|failed)') ))
echo "tests: $passed passed, $failed failed"
exit "$status"
