#!/usr/bin/env bash
# The whole check, as CI runs it: dependencies, lint and format, type check, import rules, local
# services, every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
echo "== lint and format" >&2
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
echo "== type check" >&2
npx tsc --noEmit -p .
echo "== import rules (.dependency-cruiser.cjs)" >&2
npx depcruise --config .dependency-cruiser.cjs .
echo "== services" >&2
# An assignment keeps services.sh's exit status: when a service cannot start, stop here with its error.
exports=$(bash scripts/services.sh up)
eval "$exports"
echo "== tests" >&2
# Tests that run whole worker processes and break services on purpose (kill, restart, cut the store)
# run last, one file at a time: on a 2-core machine, timing under a neighbour's load is not what
# they test. The benchmark smoke runs come after them, in their own pass (heavy runs before the
# store-down test made its worker's driver fail to reconnect at times; see the README's Limits).
# With arguments, exactly those tests run, in one pass.
processes=(test/e2e/fault- test/e2e/worker-)
benches=(test/e2e/bench-smoke)
reports=()
status=0
run() {
  local report=".earshot/vitest-report-$1.json"
  shift
  rm -f "$report"
  reports+=("$report")
  npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=$?
}
if [ $# -gt 0 ]; then
  run args "$@"
else
  run main $(printf -- '--exclude=%s* ' "${processes[@]}" "${benches[@]}")
  run processes --maxWorkers=1 "${processes[@]}"
  run benches --maxWorkers=1 "${benches[@]}"
fi
node -e 'const fs = require("fs");
  const rs = process.argv.slice(1).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (k) => rs.reduce((n, r) => n + r[k], 0);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);' "${reports[@]}"
exit $status
