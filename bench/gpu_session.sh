#!/usr/bin/env bash
# The GPU measurements of issue "Fast modular training" in one call (about 6 minutes on an H100
# including the build), for a device session: run from the repository root with gpu-bundle/
# (bench/gpu_bundle.sh) carried along. Builds `nemo` against PyTorch's bundled LibTorch, then
#  1. check-device: GPU steps against the CPU's, and the trainer's CUDA-graph step against eager;
#  2. nemo bench with a CUDA graph, NeMo and standard, the four CNNs (the >= 50% target), eager
#     NeMo and the Python step for vgg16 and resnet18 (the >= 2x target), kernels per step;
#  3. nemo train vgg16 NeMo 2 epochs on Fashion-MNIST, eager and with --cuda-graph;
#  4. nemo modularize of the graphed run (sample-mask pass) against plain inference speed.
# Usage: bench/gpu_session.sh OUT_DIR   (JSON lines in OUT_DIR/*.jsonl, logs beside them)
set -uo pipefail
out="${1:?usage: bench/gpu_session.sh OUT_DIR}"
B="$PWD/gpu-bundle"
mkdir -p "$out"
python3 -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, torch.cuda.get_device_name(0))'
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
start=$(date +%s)
configure() {
  cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEMO_BUILD_GUI=OFF -DNEMO_BUILD_TESTS=OFF \
    -DCMAKE_PREFIX_PATH="$prefix" -DNEMO_EXTRA_INCLUDE="$B/include" -DCMAKE_CUDA_ARCHITECTURES=90 "$@" \
    >"$out/configure.log" 2>&1 && ninja -C build-gpu nemo >"$out/build.log" 2>&1
}
if ! configure; then  # as bench/gpu_check.sh: some LibTorch builds want C++20
  tail -30 "$out/configure.log" "$out/build.log"; echo "C++17 build failed; trying C++20"
  rm -rf build-gpu
  configure -DCMAKE_CXX_STANDARD=20 || { tail -60 "$out/configure.log" "$out/build.log"; exit 1; }
fi
echo "built in $(( $(date +%s) - start )) s"
nemo=build-gpu/bin/nemo
t=$(date +%s)
for spec in "tinycnn nemo" "vgg16 nemo" "resnet18 nemo" "vgg16 mwt"; do
  set -- $spec
  $nemo check-device --model "$1" --mode "$2" --steps 3 --json | tee -a "$out/check_device.jsonl"
done
echo "check-device: $(( $(date +%s) - t )) s"; t=$(date +%s)
b="--device cuda --batch-size 128 --steps 30 --warmup 10 --json"
for model in vgg16 resnet18 simcnn rescnn; do
  for mode in nemo standard; do
    $nemo bench --model $model --mode $mode $b --cuda-graph || echo "{\"model\":\"$model\",\"mode\":\"$mode\",\"graph\":\"failed\"}"
  done
done | tee "$out/bench_graph.jsonl"
for model in vgg16 resnet18; do
  $nemo bench --model $model --mode nemo $b
  python3 "$B/pytorch_nemo_step.py" --model $model --mode nemo --device cuda --batch-size 128 --steps 30 --warmup 10
  $nemo bench --model $model --mode nemo $b --cuda-graph
done | tee "$out/bench_vs_python.jsonl"
for mode in nemo standard; do
  $nemo bench --model vgg16 --mode $mode --device cuda --batch-size 128 --steps 2 --warmup 1 --count-ops --json
done | tee "$out/ops.jsonl"
echo "bench: $(( $(date +%s) - t )) s"; t=$(date +%s)
export NEMO_DATA_DIR="$B/fashion-mnist"
for graph in "" --cuda-graph; do
  $nemo train --dataset fashion-mnist --model vgg16 --mode nemo --device cuda --epochs 2 $graph \
    --out "$out/run${graph:+-graph}" --log-every 200 --json 2>"$out/train${graph:+-graph}.log" | tail -1 \
    | tee -a "$out/train.jsonl"
  tail -3 "$out/train${graph:+-graph}.log"
done
echo "train: $(( $(date +%s) - t )) s"
$nemo modularize "$out/run-graph" --json 2>/dev/null | tail -1 | tee "$out/modularize.jsonl"
$nemo bench --model vgg16 --mode nemo --device cuda --batch-size 256 --steps 20 --warmup 5 --inference --json \
  | tee -a "$out/modularize.jsonl"
rm -rf "$out"/run*/checkpoints "$out"/run*/modular/sample_masks.bin
