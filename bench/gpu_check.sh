#!/usr/bin/env bash
# GPU check, run on a machine with an NVIDIA GPU and PyTorch (no Qt needed): builds `nemo` against
# the LibTorch bundled with PyTorch, checks that training steps on the GPU match the CPU's, and
# times `nemo bench` against the published step (pytorch_nemo_step.py) in the same call.
# Usage: bench/gpu_check.sh [OUT_DIR] [PYTORCH_STEP_SCRIPT] [EXTRA_INCLUDE_DIR]
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-/tmp/nemo-gpu}"
step_py="${2:-$root/../shared/bench/pytorch_nemo_step.py}"
extra="${3:-}"
mkdir -p "$out"
build="$root/build-gpu"
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
configure() {
  cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEMO_BUILD_GUI=OFF \
    -DNEMO_BUILD_TESTS=OFF -DCMAKE_PREFIX_PATH="$prefix" -DNEMO_EXTRA_INCLUDE="$extra" \
    -DCMAKE_CUDA_ARCHITECTURES=90 "$@"
}
start=$(date +%s)
if ! { configure >"$out/configure.log" 2>&1 && ninja -C "$build" nemo >"$out/build.log" 2>&1; }; then
  echo "C++17 build failed; trying C++20"; tail -30 "$out/configure.log" "$out/build.log"
  rm -rf "$build"
  configure -DCMAKE_CXX_STANDARD=20 >"$out/configure.log" 2>&1 && ninja -C "$build" nemo >"$out/build.log" 2>&1 \
    || { tail -60 "$out/configure.log" "$out/build.log"; exit 1; }
fi
echo "built in $(( $(date +%s) - start )) s"
nemo="$build/bin/nemo"
"$nemo" info --json | tee "$out/info.json"
for m in tinycnn vgg16 resnet18; do
  "$nemo" check-device --model "$m" --mode nemo --steps 3 --json | tee -a "$out/check_device.jsonl"
done
for m in vgg16 resnet18; do
  "$nemo" check-device --model "$m" --mode mwt --steps 3 --json | tee -a "$out/check_device.jsonl"
done
# vgg16 and resnet18: eager, CUDA graph and Python; simcnn and rescnn: graph and Python.
for model in vgg16 resnet18 simcnn rescnn; do
  impls="cpp graph python"
  case "$model" in simcnn|rescnn) impls="graph python" ;; esac
  for mode in nemo mwt standard; do
    for impl in $impls; do
      if [ "$impl" = cpp ]; then
        "$nemo" bench --model "$model" --mode "$mode" --device cuda --batch-size 128 --steps 30 --warmup 10 --json
      elif [ "$impl" = graph ]; then
        "$nemo" bench --model "$model" --mode "$mode" --device cuda --batch-size 128 --steps 30 --warmup 10 --cuda-graph --json \
          || echo "{\"model\": \"$model\", \"mode\": \"$mode\", \"impl\": \"graph\", \"failed\": true}"
      else
        python3 "$step_py" --model "$model" --mode "$mode" --device cuda --batch-size 128 --steps 30 --warmup 10
      fi
    done
  done
done | tee "$out/bench.jsonl"
# Inference (the sample-mask pass's work) for the modularization speed.
for model in vgg16 resnet18; do
  "$nemo" bench --model "$model" --mode nemo --device cuda --batch-size 256 --steps 20 --warmup 5 --inference --json
done | tee -a "$out/bench.jsonl"
# Real training on the GPU when Fashion-MNIST is at hand (NEMO_DATA_DIR or the Debian package),
# then modularization of that run on the GPU.
if [ -n "${NEMO_DATA_DIR:-}" ] || [ -d /usr/share/datasets/fashion-mnist ]; then
  "$nemo" train --dataset fashion-mnist --model vgg16 --mode nemo --device cuda --epochs 2 \
    --out "$out/run-vgg16" --log-every 200 --json 2>&1 | tail -3
  "$nemo" modularize "$out/run-vgg16" --json 2>&1 | tail -1
  rm -rf "$out/run-vgg16/checkpoints" "$out/run-vgg16/modular/sample_masks.bin"
fi
