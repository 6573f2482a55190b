#!/usr/bin/env bash
# Dev helper: run all roles on the demo data for N seconds against a fresh database, then print counts.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash scripts/services.sh up 2>/dev/null)"
db="smoke$(date +%s)"
WATCHES_FILE=demo/watches.json MONGODB_DB=$db QUEUE_PREFIX=$db PORT=3999 LOG_LEVEL=warn SCHEDULER_TICK='*/2 * * * * *' \
  timeout -s TERM "${1:-25}" npx tsx main.ts all >"/tmp/$db.log" 2>&1 </dev/null || true
echo "log: /tmp/$db.log"
cp /tmp/q.ts ./.smoke-q.ts; timeout 20 npx tsx ./.smoke-q.ts "$db" 2>&1 | grep -v nodedir; rm -f ./.smoke-q.ts
