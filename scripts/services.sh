#!/usr/bin/env bash
# Starts the local Redis and MongoDB-compatible store that the demo and the tests use, unless
# REDIS_URL / MONGODB_URL already point somewhere. Prints `export` lines for both URLs.
#   scripts/services.sh up     start what is missing (idempotent), print the exports
#   scripts/services.sh down   stop what this script started
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
state="$root/.earshot"
redis_port="${EARSHOT_REDIS_PORT:-6479}"
mongo_port="${EARSHOT_MONGO_PORT:-27117}"
pg_port="${EARSHOT_PG_PORT:-27119}"
mkdir -p "$state"

say() { echo "services: $*" >&2; }
die() { say "$*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 100); do port_open "$1" && return 0; sleep 0.2; done
  return 1
}

ensure_redis_binary() {
  command -v redis-server >/dev/null && return 0
  say "redis-server not found; installing the Debian package redis-server"
  command -v apt-get >/dev/null || die "no redis-server and no apt-get: install Redis or set REDIS_URL"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq redis-server >&2 \
    || die "could not install redis-server: install Redis or set REDIS_URL"
}

start_redis() {
  if port_open "$redis_port"; then return 0; fi
  ensure_redis_binary
  # Local dev/test Redis: nothing on disk; BullMQ needs noeviction.
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --maxmemory-policy noeviction --daemonize yes --pidfile "$state/redis.pid" \
    --logfile "$state/redis.log" >&2
  wait_port "$redis_port" || die "redis-server did not start; see $state/redis.log"
  say "redis-server listening on 127.0.0.1:$redis_port"
}

ferretdb_binary() {
  # Rebuilt when the wrapper's sources change.
  if [ -x "$state/bin/ferretdb" ] && [ -z "$(find tools/ferretdb -newer "$state/bin/ferretdb" -type f)" ]; then
    echo "$state/bin/ferretdb"; return 0
  fi
  command -v go >/dev/null || die "no mongod and no Go to build FerretDB: install MongoDB or set MONGODB_URL"
  say "building FerretDB v1.24.2 (once, a minute or two) from tools/ferretdb"
  # Go needs a module cache and build cache; without HOME it has neither.
  if [ -z "$(go env GOMODCACHE 2>/dev/null)" ] || [ -z "$(go env GOCACHE 2>/dev/null)" ]; then
    export GOMODCACHE="$state/go/mod" GOCACHE="$state/go/cache"
  fi
  mkdir -p "$state/bin"
  (cd tools/ferretdb && go build -buildvcs=false -o "$state/bin/ferretdb" .) >&2 \
    || (cd tools/ferretdb && go build -buildvcs=false -ldflags=-checklinkname=0 -o "$state/bin/ferretdb" .) >&2 \
    || die "could not build FerretDB: install MongoDB (mongod on PATH) or set MONGODB_URL"
  echo "$state/bin/ferretdb"
}

pg_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# FerretDB's SQLite backend stalls under concurrent writes (several workers at once), so the local
# store is FerretDB on PostgreSQL, from Debian's package. It runs as the `postgres` user.
start_postgres() {
  if [ -z "$(pg_bin)" ]; then
    say "PostgreSQL not found; installing the Debian package postgresql (for FerretDB)"
    command -v apt-get >/dev/null || die "no mongod and no PostgreSQL: install MongoDB or set MONGODB_URL"
    local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq postgresql >&2 \
      || die "could not install postgresql: install MongoDB or set MONGODB_URL"
  fi
  local bin run_as=()
  bin=$(pg_bin)
  [ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
  local data="$state/pg" sock="$state/pg-run"
  mkdir -p "$data" "$sock"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$data" "$sock" && chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    "${run_as[@]}" "$bin/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >"$state/pg-init.log" 2>&1 \
      || die "initdb failed; see $state/pg-init.log"
  fi
  if ! port_open "$pg_port"; then
    "${run_as[@]}" "$bin/pg_ctl" -D "$data" -l "$state/pg-run/postgres.log" -w -o \
      "-p $pg_port -k $sock -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 -c plan_cache_mode=force_custom_plan" start >&2 \
      || die "PostgreSQL did not start; see $state/pg-run/postgres.log"
  fi
  "${run_as[@]}" "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname='ferretdb'" | grep -q 1 \
    || "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres ferretdb >&2
  "${run_as[@]}" "$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d ferretdb -q -v ON_ERROR_STOP=1 \
    <tools/postgres/gin-twins.sql >/dev/null \
    || die "could not add the GIN index twins (tools/postgres/gin-twins.sql)"
}

stop_postgres() {
  [ -f "$state/pg/postmaster.pid" ] || return 0
  local run_as=(); [ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
  "${run_as[@]}" "$(pg_bin)/pg_ctl" -D "$state/pg" -m fast stop >&2 || true
}

start_mongo() {
  if port_open "$mongo_port"; then return 0; fi
  mkdir -p "$state/db"
  if command -v mongod >/dev/null; then
    mongod --port "$mongo_port" --bind_ip 127.0.0.1 --dbpath "$state/db" --fork \
      --logpath "$state/mongod.log" --pidfilepath "$state/mongod.pid" >&2
  else
    local bin; bin=$(ferretdb_binary)
    start_postgres
    # FerretDB's own pool defaults to 50 PostgreSQL connections; a worker, a scheduler and an API
    # open more client connections than that between them, and FerretDB stalled here with all 50
    # in use. PostgreSQL is started with max_connections=200.
    setsid nohup "$bin" --postgresql-url="postgres://postgres@127.0.0.1:$pg_port/ferretdb?pool_max_conns=150" \
      --listen-addr="127.0.0.1:$mongo_port" >"$state/ferretdb.log" 2>&1 &
    echo $! >"$state/ferretdb.pid"
  fi
  wait_port "$mongo_port" || die "the MongoDB-compatible store did not start; see $state/"
  say "MongoDB-compatible store listening on 127.0.0.1:$mongo_port"
}

stop_pidfile() {
  local file="$state/$1.pid"
  [ -f "$file" ] || return 0
  kill "$(cat "$file")" 2>/dev/null || true
  rm -f "$file"
}

case "${1:-up}" in
  up)
    if [ -z "${REDIS_URL:-}" ]; then start_redis; echo "export REDIS_URL=redis://127.0.0.1:$redis_port"; fi
    if [ -z "${MONGODB_URL:-}" ]; then start_mongo; echo "export MONGODB_URL=mongodb://127.0.0.1:$mongo_port"; fi
    ;;
  down)
    stop_pidfile redis; stop_pidfile mongod; stop_pidfile ferretdb; stop_postgres
    say "stopped"
    ;;
  *) die "usage: scripts/services.sh up|down" ;;
esac
