#!/usr/bin/env bash
# Configures and builds NeMo Workbench into build/ (Release, Ninja, ccache when present).
# Usage: scripts/build.sh [extra cmake -D options]
# NEMO_WERROR=ON (set by .ci/run) turns compiler warnings into errors.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEMO_BUILD_DIR:-$root/build}"
jobs="${NEMO_JOBS:-$(nproc)}"
# Explicit defaults first, so a headless build does not leave GUI=OFF in the cache for later.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEMO_BUILD_GUI=ON \
    -DNEMO_BUILD_TESTS=ON -DNEMO_WERROR="${NEMO_WERROR:-OFF}" "$@" >/dev/null
ninja -C "$build" -j "$jobs"
