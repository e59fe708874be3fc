#!/bin/sh
# Installs everything from the lockfile (pnpm included) and builds. Idempotent: fast when up to date.
set -eu
cd "$(dirname "$0")/.."

# better-sqlite3 compiles from source; pnpm reads nodedir only from the environment.
if [ -z "${npm_config_nodedir:-}" ] && [ -d /usr/include/node ]; then
  export npm_config_nodedir=/usr
fi
export TURBO_TELEMETRY_DISABLED=1

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "12.4.2" ]; then
  npm i -g pnpm@12.4.2
fi
pnpm install --frozen-lockfile
pnpm build
