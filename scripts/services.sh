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
  wait_port "$redis_port" || { tail -n 20 "$state/redis.log" >&2; die "redis-server did not start on port $redis_port (log above); free the port (EARSHOT_REDIS_PORT) or set REDIS_URL"; }
  say "redis-server listening on 127.0.0.1:$redis_port"
}

ensure_java_and_maven() {
  command -v java >/dev/null && command -v mvn >/dev/null && return 0
  say "Java or Maven not found; installing the Debian packages openjdk-17-jre-headless and maven"
  command -v apt-get >/dev/null || die "no mongod, Java or Maven: install MongoDB or set MONGODB_URL"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq openjdk-17-jdk-headless maven >&2 \
    || die "could not install Java and Maven: install MongoDB or set MONGODB_URL"
}

# The local store: mongo-java-server's in-memory backend behind the launcher in tools/local-mongo
# (atomic single-document updates, $slice, unordered bulkWrite). Built once, again when it changes.
local_mongo_jar() {
  local jar="tools/local-mongo/target/local-mongo.jar"
  if [ -f "$jar" ] && [ -z "$(find tools/local-mongo/pom.xml tools/local-mongo/src -newer "$jar" -type f)" ]; then
    echo "$jar"; return 0
  fi
  ensure_java_and_maven
  say "building the local store (tools/local-mongo, once; Maven fetches mongo-java-server)"
  # Maven keeps its downloads in ~/.m2; without HOME, in the state folder.
  local repo=(); [ -n "${HOME:-}" ] || repo=("-Dmaven.repo.local=$state/m2")
  mvn -q -B "${repo[@]}" -f tools/local-mongo/pom.xml package >"$state/local-mongo-build.log" 2>&1 \
    || { tail -n 20 "$state/local-mongo-build.log" >&2; die "could not build tools/local-mongo (log: $state/local-mongo-build.log): install MongoDB or set MONGODB_URL"; }
  echo "$jar"
}

start_mongo() {
  if port_open "$mongo_port"; then return 0; fi
  if command -v mongod >/dev/null; then
    mkdir -p "$state/db"
    mongod --port "$mongo_port" --bind_ip 127.0.0.1 --dbpath "$state/db" --fork \
      --logpath "$state/mongod.log" --pidfilepath "$state/mongod.pid" >&2
  else
    local jar; jar=$(local_mongo_jar)
    # About 2 KB of heap a small document: 100,000 mentions with their authors and alerts fit in 1 GB.
    setsid nohup java "-Xmx${EARSHOT_MONGO_HEAP:-6g}" -jar "$jar" "$mongo_port" \
      >"$state/local-mongo.log" 2>&1 &
    echo $! >"$state/local-mongo.pid"
  fi
  if ! wait_port "$mongo_port"; then
    tail -n 20 "$state/local-mongo.log" "$state/mongod.log" 2>/dev/null >&2
    die "the local MongoDB-wire store did not start on port $mongo_port (log above); free the port (EARSHOT_MONGO_PORT) or set MONGODB_URL"
  fi
  if command -v mongod >/dev/null; then
    say "mongod listening on 127.0.0.1:$mongo_port"
  else
    say "local store (mongo-java-server, in memory: nothing is kept on disk) listening on 127.0.0.1:$mongo_port"
  fi
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
    stop_pidfile redis; stop_pidfile mongod; stop_pidfile local-mongo
    say "stopped"
    ;;
  *) die "usage: scripts/services.sh up|down" ;;
esac
