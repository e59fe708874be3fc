#!/usr/bin/env bash
# Runs the whole suite (scripts/test.sh) while other processes keep CPU cores busy, as on a
# shared CI machine. A test that passes quietly but fails here depends on the machine's speed.
#
#   bash scripts/test-under-load.sh        # one core kept 100 % busy
#   bash scripts/test-under-load.sh 2      # both cores busy
#
# Prints how long the suite took; the figures belong in docs/testing.md.
set -euo pipefail
cd "$(dirname "$0")/.."
hogs=${1:-1}

pids=()
stop_hogs() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap stop_hogs EXIT
for _ in $(seq 1 "$hogs"); do
  # A busy loop in its own process: one full core, whatever the suite does.
  node -e 'for (;;) {}' &
  pids+=("$!")
done

started=$(date +%s)
status=0
bash scripts/test.sh || status=$?
took=$(( $(date +%s) - started ))
echo "suite with $hogs busy core(s): exit $status after $((took / 60)) min $((took % 60)) s"
exit "$status"
