#!/bin/sh
# The sql node's tests use the real PostgreSQL (127.0.0.1:5432, user postgres, trust auth) and
# MariaDB (127.0.0.1:3306, root without a password). Starts them when installed but stopped.
set -eu
listening() { # listening PORT: whether something accepts connections on 127.0.0.1:PORT
  node -e "require('node:net').connect($1, '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"
}
ensure() { # ensure PORT SERVICE...: start the first service that exists when nothing listens on PORT
  port=$1
  shift
  listening "$port" && return 0
  for service in "$@"; do
    if command -v service >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && service "$service" start >/dev/null 2>&1; then
      i=0
      while [ $i -lt 30 ]; do
        listening "$port" && return 0
        i=$((i + 1))
        sleep 1
      done
    fi
  done
  echo "The sql tests need a database on 127.0.0.1:$port ($*): install and start it (see docs/testing.md)." >&2
  exit 1
}
ensure 5432 postgresql
ensure 3306 mariadb mysql
