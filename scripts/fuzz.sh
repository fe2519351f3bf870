#!/usr/bin/env bash
# Builds the file readers' libFuzzer targets (fuzz/) with clang into build-fuzz/ and runs each for
# SECONDS (default 30), then prints per target how many inputs it ran and whether one crashed (or
# leaked, hung, or asked for more memory than -malloc_limit_mb): the input that did is kept under
# build-fuzz/fuzz-runs/TARGET/ and can be replayed with `build-fuzz/bin/TARGET FILE`.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${NEMO_FUZZ_BUILD_DIR:-$root/build-fuzz}"
seconds="${1:-30}"
shift $(($# > 0 ? 1 : 0))
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_idx_images fuzz_idx_labels fuzz_cifar fuzz_svhn_mat fuzz_sample_masks
        fuzz_module_files)
fi

# The largest input worth trying: a few records or images, a little above the seeds.
max_len() {
    case "$1" in
        fuzz_cifar | fuzz_svhn_mat) echo 16384 ;;
        *) echo 4096 ;;
    esac
}

# The engine and the tests are not needed: only the readers' own sources are compiled.
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DCMAKE_CXX_COMPILER=clang++ -DNEMO_FUZZ=ON -DNEMO_BUILD_GUI=OFF -DNEMO_BUILD_TESTS=OFF \
    >/dev/null
ninja -C "$build" "${targets[@]}" >/dev/null

printf '%-18s %12s  %s\n' target execs crashes
status=0
for target in "${targets[@]}"; do
    work="$build/fuzz-runs/$target"
    mkdir -p "$work/corpus"
    rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* "$work"/slow-unit-*
    # New inputs go to the run's own corpus; the seeds in fuzz/corpus are only read. No input
    # of max_len bytes justifies 256 MB in one allocation: more means a size was trusted.
    "$build/bin/$target" -max_total_time="$seconds" -max_len="$(max_len "$target")" \
        -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=256 -print_final_stats=1 -artifact_prefix="$work/" \
        "$work/corpus" "$root/fuzz/corpus/$target" >"$work/log" 2>&1 || true
    execs="$(awk '/stat::number_of_executed_units/ {print $2}' "$work/log" | tail -n 1)"
    found="$(find "$work" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o \
        -name 'timeout-*' -o -name 'oom-*' \) | head -n 1)"
    if [ -n "$found" ]; then
        status=1
    else
        found=0
    fi
    printf '%-18s %12s  %s\n' "$target" "${execs:-?}" "$found"
done
echo "logs: $build/fuzz-runs/TARGET/log"
exit $status
