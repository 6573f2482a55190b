#!/usr/bin/env bash
# Runs the whole pipeline (API, workers, scheduler) on the demo data set and prints what the API
# serves once the first alerts are in. Leaves the API up until Ctrl-C (DEMO_EXIT=1: exit instead).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
# An assignment keeps services.sh's exit status: when a service cannot start, stop here with its error.
exports=$(bash scripts/services.sh up)
eval "$exports"
npm run --silent build
export WATCHES_FILE=demo/watches.json MONGODB_DB="${MONGODB_DB:-earshot_demo}" QUEUE_PREFIX="${QUEUE_PREFIX:-earshot-demo}"
export SCHEDULER_TICK="${SCHEDULER_TICK:-*/5 * * * * *}" PORT="${PORT:-3000}" LOG_LEVEL="${LOG_LEVEL:-warn}"
base="http://127.0.0.1:$PORT"
# Every API call needs a key: the demo makes an admin key unless one is given.
export ADMIN_API_KEY="${ADMIN_API_KEY:-esk_demo_$(node -e 'process.stdout.write(require("crypto").randomBytes(24).toString("base64url"))')}"
# And a person to sign in to the web app: an admin user unless ADMIN_EMAIL/ADMIN_PASSWORD are given.
export ADMIN_EMAIL="${ADMIN_EMAIL:-admin@example.com}"
export ADMIN_PASSWORD="${ADMIN_PASSWORD:-$(node -e 'process.stdout.write(require("crypto").randomBytes(12).toString("base64url"))')}"
node dist/scripts/demo-reset.js

started=$(date +%s%N)
node --enable-source-maps dist/main.js all &
app=$!
trap 'kill -TERM $app 2>/dev/null; wait $app 2>/dev/null' EXIT INT TERM

first_alert() { curl -sf -H "Authorization: Bearer $ADMIN_API_KEY" "$base/alerts?limit=1" 2>/dev/null | grep -q '"type"'; }
for _ in $(seq 1 120); do
  first_alert && break
  kill -0 $app 2>/dev/null || { echo "demo: earshot exited; see the messages above" >&2; exit 1; }
  sleep 0.5
done
first_alert || { echo "demo: no alert within a minute" >&2; exit 1; }
echo "demo: first alert served $(( ($(date +%s%N) - started) / 1000000 )) ms after start"
node dist/scripts/demo-summary.js "$base"
echo
echo "demo: web app at $base/app/ — sign in as $ADMIN_EMAIL with the password $ADMIN_PASSWORD"
echo "demo: API at $base with the admin key: export KEY=$ADMIN_API_KEY"
echo "demo: try: curl -H \"Authorization: Bearer \$KEY\" '$base/alerts?type=disgruntled_customer&severity=high'"
if [ "${DEMO_EXIT:-0}" = "1" ]; then exit 0; fi
echo "demo: Ctrl-C to stop"
wait $app
