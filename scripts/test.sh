#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing, builds everything and runs
# every test suite (CTest). Exits non-zero when anything fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
build="${NEMO_BUILD_DIR:-$root/build}"
# The file readers' libFuzzer targets, briefly (scripts/fuzz.sh SECONDS runs them longer): a crash,
# sanitizer report or oversized allocation fails the run here, before the suites.
"$root/scripts/fuzz.sh" "${NEMO_FUZZ_SECONDS:-15}"
# Suites run two at a time, each on one LibTorch thread, so two cores are both busy.
export OMP_NUM_THREADS=1
exec ctest --test-dir "$build" --output-on-failure -j "$(nproc)"
