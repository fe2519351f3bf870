#!/usr/bin/env bash
# Side-by-side throughput: `nemo bench` against the published step in plain PyTorch
# (../shared/bench/pytorch_nemo_step.py, run with Debian's python3-torch), same batch, same
# threads, same machine, runs alternating. Prints one table row per model and mode.
# Usage: bench/run_bench.sh [--threads N] [--batch-size B] [--steps S] [--models "a b"] [--modes "x y"]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nemo="${NEMO_BIN:-$root/build/bin/nemo}"
step_py="${NEMO_STEP_PY:-$root/../shared/bench/pytorch_nemo_step.py}"
threads=1 batch=128 steps=3 warmup=1 repeats=2
models="simcnn rescnn vgg16 resnet18" modes="nemo mwt standard"
while [ $# -gt 0 ]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --batch-size) batch="$2"; shift 2 ;;
    --steps) steps="$2"; shift 2 ;;
    --repeats) repeats="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --modes) modes="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$nemo" ] || { echo "build nemo first (scripts/build.sh)" >&2; exit 1; }
img_per_s() { sed -E 's/.*"img_per_s": ?([0-9.]+).*/\1/'; }
echo "date: $(date -u +%F)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)  threads: $threads  batch: $batch"
printf '%-9s %-9s %12s %12s %7s\n' model mode "nemo img/s" "python img/s" ratio
for model in $models; do
  for mode in $modes; do
    best_c=0 best_p=0
    for _ in $(seq "$repeats"); do  # alternate the two, keep each one's best
      c=$(OMP_NUM_THREADS=$threads "$nemo" bench --model "$model" --mode "$mode" --batch-size "$batch" \
            --steps "$steps" --warmup "$warmup" --threads "$threads" --json | tail -1 | img_per_s)
      p=$(OMP_NUM_THREADS=$threads /usr/bin/python3 "$step_py" --model "$model" --mode "$mode" \
            --batch-size "$batch" --steps "$steps" --warmup "$warmup" --threads "$threads" | img_per_s)
      best_c=$(python3 -c "print(max($best_c, $c))")
      best_p=$(python3 -c "print(max($best_p, $p))")
    done
    printf '%-9s %-9s %12.1f %12.1f %6.2fx\n' "$model" "$mode" "$best_c" "$best_p" \
      "$(python3 -c "print($best_c / $best_p)")"
  done
done
