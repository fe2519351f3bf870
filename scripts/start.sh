#!/usr/bin/env bash
# One command for a fresh Debian 12 machine: installs what is missing, builds, and starts the
# workbench on the Fashion-MNIST demo. With --headless it runs the whole pipeline on the command
# line instead: modular training of minivgg on Fashion-MNIST (runs/demo), modularization, and a
# module for T-shirt/top, Trouser and Pullover (runs/demo/modules/classes_0_1_2).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
headless=0
for arg in "$@"; do
  case "$arg" in
    --headless) headless=1 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "start.sh: unknown option $arg (use --headless or nothing)" >&2; exit 2 ;;
  esac
done
"$root/scripts/install-deps.sh"
build="${NEMO_BUILD_DIR:-$root/build}"
if [ "$headless" = 1 ]; then
  "$root/scripts/build.sh" -DNEMO_BUILD_GUI=OFF -DNEMO_BUILD_TESTS=OFF
  run="${NEMO_DEMO_RUN:-$root/runs/demo}"
  resume=()
  [ -f "$run/config.json" ] && resume=(--resume)
  "$build/bin/nemo" train --dataset fashion-mnist --model minivgg --mode nemo --epochs 3 \
      --out "$run" "${resume[@]}" --json
  "$build/bin/nemo" modularize "$run" --json
  "$build/bin/nemo" extract "$run" --classes 0,1,2 --json
  "$build/bin/nemo" eval "$run/modules/classes_0_1_2" --json
else
  "$root/scripts/build.sh"
  exec "$build/bin/nemo-workbench" --demo
fi
