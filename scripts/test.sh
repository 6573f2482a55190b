#!/usr/bin/env bash
# The whole check, as CI runs it: dependencies, lint and format, type check, local services, every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
echo "== lint and format" >&2
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== type check" >&2
npx tsc --noEmit -p .
echo "== services" >&2
eval "$(bash scripts/services.sh up)"
echo "== tests" >&2
report=.earshot/vitest-report.json
rm -f "$report"
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
if [ -f "$report" ]; then
  node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);' "$report"
fi
exit $status
