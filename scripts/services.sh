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
  if [ -x "$state/bin/ferretdb" ]; then echo "$state/bin/ferretdb"; return 0; fi
  command -v go >/dev/null || die "no mongod and no Go to build FerretDB: install MongoDB or set MONGODB_URL"
  say "building FerretDB v1.24.2 (once, a minute or two) from tools/ferretdb"
  mkdir -p "$state/bin"
  (cd tools/ferretdb && go build -o "$state/bin/ferretdb" .) >&2 \
    || (cd tools/ferretdb && go build -ldflags=-checklinkname=0 -o "$state/bin/ferretdb" .) >&2 \
    || die "could not build FerretDB: install MongoDB (mongod on PATH) or set MONGODB_URL"
  echo "$state/bin/ferretdb"
}

start_mongo() {
  if port_open "$mongo_port"; then return 0; fi
  mkdir -p "$state/db"
  if command -v mongod >/dev/null; then
    mongod --port "$mongo_port" --bind_ip 127.0.0.1 --dbpath "$state/db" --fork \
      --logpath "$state/mongod.log" --pidfilepath "$state/mongod.pid" >&2
  else
    local bin; bin=$(ferretdb_binary)
    nohup "$bin" --sqlite-url="file:$state/db/" \
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
    stop_pidfile redis; stop_pidfile mongod; stop_pidfile ferretdb
    say "stopped"
    ;;
  *) die "usage: scripts/services.sh up|down" ;;
esac
