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
npx tsc --noEmit -p web/tsconfig.json
echo "== import rules (.dependency-cruiser.cjs)" >&2
npx depcruise --config .dependency-cruiser.cjs .
echo "== services" >&2
# An assignment keeps services.sh's exit status: when a service cannot start, stop here with its error.
exports=$(bash scripts/services.sh up)
eval "$exports"
# The browser tests drive Debian's chromium; install it when missing (never a downloaded browser).
bash scripts/browser.sh
echo "== tests" >&2
# Tests that run whole worker processes and break services on purpose (kill, restart, cut the store)
# run last, one file at a time: on a 2-core machine, timing under a neighbour's load is not what
# they test. The browser tests (test/e2e/web) and the demo (the README's first command, built and
# run whole) run in that pass too: chromium and the build are heavy. The benchmark
# smoke runs come after them, in their own pass, so that their load does not time the fault tests.
# Then all three passes run again with the clock a year ahead, so that a test that reads the real
# date (and would fail next month) fails today, whichever pass it is in. libfaketime moves the
# clock of the test runner's node processes and of the worker and benchmark processes they start;
# Redis and the store were started before and keep the machine's time, and chromium is started
# without it (scripts/bench/chromium.ts: under libfaketime it takes a minute to open a page; the
# browser tests that depend on the date set the page's clock themselves). Measured on the 2-core
# machine under other sessions' load (2026-12-06): main pass 196 s, process tests 146 s,
# benchmarks 69 s; a year ahead 172 s, 156 s and 96 s.
# With arguments, exactly those tests run, in one pass.
processes=(test/e2e/fault- test/e2e/worker- test/e2e/web/ test/e2e/demo)
benches=(test/e2e/bench-smoke)
reports=()
status=0
clock=()
run() {
  local report=".earshot/vitest-report-$1.json"
  shift
  rm -f "$report"
  reports+=("$report")
  "${clock[@]}" npx vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" ||
    status=$?
}
need_faketime() {
  command -v faketime >/dev/null && return 0
  echo "== installing faketime (Debian) for the clock-ahead pass" >&2
  { apt-get install -y faketime || { apt-get update && apt-get install -y faketime; }; } >/dev/null ||
    { echo "test.sh: cannot install faketime (apt-get install -y faketime)" >&2; exit 1; }
}
if [ $# -gt 0 ]; then
  run args "$@"
else
  main=($(printf -- '--exclude=%s* ' "${processes[@]}" "${benches[@]}"))
  run main "${main[@]}"
  run processes --maxWorkers=1 "${processes[@]}"
  run benches --maxWorkers=1 "${benches[@]}"
  need_faketime
  echo "== tests again, the clock a year ahead" >&2
  clock=(env EARSHOT_CLOCK_AHEAD_DAYS=365 FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f +365d)
  run year-ahead "${main[@]}"
  run year-ahead-processes --maxWorkers=1 "${processes[@]}"
  run year-ahead-benches --maxWorkers=1 "${benches[@]}"
fi
node -e 'const fs = require("fs");
  const rs = process.argv.slice(1).filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, "utf8")));
  const sum = (k) => rs.reduce((n, r) => n + r[k], 0);
  // The failures again, last, so that the tail of a long log names them.
  for (const r of rs)
    for (const file of r.testResults)
      for (const t of file.assertionResults.filter((a) => a.status === "failed"))
        console.log(`FAILED ${file.name}: ${t.fullName}\n  ${(t.failureMessages[0] ?? "").split("\n").slice(0, 6).join("\n  ")}`);
  console.log(`tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests")} skipped`);' "${reports[@]}"
exit $status
