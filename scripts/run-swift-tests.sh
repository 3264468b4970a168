#!/usr/bin/env bash
# Runs the XCTest suite (already built by `swift build --build-tests`). On failure it repeats the
# failing assertions at the very end, because a CI log is often read from its tail only.
set -uo pipefail
swift_bin=${SWIFT:-swift}
mkdir -p .test-artifacts
log=.test-artifacts/xctest.log
"$swift_bin" test --skip-build --disable-swift-testing 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
if [ "$status" -ne 0 ]; then
  echo
  echo "XCTest failed (exit $status); the failing assertions, from $log:"
  grep -E ": error: |^Test Case .* failed|Fatal error|signal " "$log" || echo "  (none printed: see the log above)"
fi
exit "$status"
