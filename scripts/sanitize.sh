#!/usr/bin/env bash
# The engine and its test suites built with AddressSanitizer and UndefinedBehaviorSanitizer
# (gcc, build-asan/, no GUI), then the suites that read files and run the engine. LibTorch itself
# is not instrumented; our code is. Any report ends the run with a non-zero status.
# Usage: scripts/sanitize.sh [CTEST_REGEX]   (default: the file, loss, data and CLI suites)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEMO_ASAN_BUILD_DIR:-$root/build-asan}"
suites="${1:-test_untrusted_files|test_losses|test_datasets|test_batch_loader|test_cli}"
flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DNEMO_BUILD_GUI=OFF \
    -DNEMO_BUILD_TESTS=ON -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="$flags" >/dev/null
# Only what the chosen suites need (test_cli runs the sanitized `nemo` too).
ninja -C "$build" nemo $(echo "$suites" | tr '|' ' ')
# Leaks: LibTorch keeps its thread pools and registries until exit; those are not ours to fix.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1:detect_odr_violation=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export OMP_NUM_THREADS=1
ctest --test-dir "$build" --output-on-failure -j "$(nproc)" -R "^($suites)\$" --timeout 1800
