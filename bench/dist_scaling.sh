#!/usr/bin/env bash
# Data-parallel scaling on this machine (docs/distributed.md): the same training (same global
# batch, same images) as 1 rank and as N ranks of `nemo train --nproc`, each rank on `--threads`
# threads. Reports training throughput (images per second over the logged steps, first epoch's
# first steps left out) and the scaling efficiency: throughput(N) / (N * throughput(1)).
# Usage: bench/dist_scaling.sh [--ranks "1 2"] [--threads 1] [--model minivgg] [--mode nemo]
#                              [--batch-size 128] [--images 6400] [--epochs 2]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nemo="${NEMO_BIN:-$root/build/bin/nemo}"
ranks="1 2" threads=1 model=minivgg mode=nemo batch=128 images=6400 epochs=2
while [ $# -gt 0 ]; do
  case "$1" in
    --ranks) ranks="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --batch-size) batch="$2"; shift 2 ;;
    --images) images="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -x "$nemo" ] || { echo "build nemo first (scripts/build.sh)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "date: $(date -u +%F)  cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)" \
     " cores: $(nproc)  model: $model  mode: $mode  global batch: $batch  threads/rank: $threads"
printf '%-6s %12s %12s %11s\n' ranks "img/s" "test acc" efficiency
base=""
for n in $ranks; do
  OMP_NUM_THREADS=$threads "$nemo" train --nproc "$n" --model "$model" --mode "$mode" \
    --batch-size "$batch" --limit-train "$images" --limit-test 1000 --epochs "$epochs" \
    --threads "$threads" --log-every 5 --out "$work/r$n" --json >"$work/r$n.json" 2>"$work/r$n.log" \
    || { cat "$work/r$n.log" >&2; exit 1; }
  read -r rate acc < <(python3 - "$work/r$n" <<'EOF'
import json, sys
run = sys.argv[1]
steps = [json.loads(l) for l in open(run + "/metrics.jsonl") if '"type":"step"' in l]
steps = steps[1:] if len(steps) > 1 else steps  # the first window includes start-up
tests = [json.loads(l) for l in open(run + "/metrics.jsonl")
         if '"type":"epoch"' in l and '"phase":"test"' in l]
print(sum(s["images_per_s"] for s in steps) / len(steps), tests[-1]["accuracy"])
EOF
)
  [ -z "$base" ] && base="$rate"
  eff=$(python3 -c "print(f'{$rate / ($n * $base / ${ranks%% *}):.2f}')")
  printf '%-6s %12.1f %12.4f %11s\n' "$n" "$rate" "$acc" "$eff"
done
