#!/usr/bin/env bash
# Short GPU check (device-side batches, bf16, trainer and modularize speed) for a GPU machine with
# PyTorch and no network. G holds: src.tar (git archive of the commit), include/ (nlohmann, CLI11,
# zlib headers), pytorch_nemo_step.py, fashion-mnist/. Usage: bench/gpu_quick.sh G OUT_DIR
set -uo pipefail
G="$1"; out="$2"
mkdir -p /tmp/src && tar -xf "$G/src.tar" -C /tmp/src && cd /tmp/src
prefix="$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')"
start=$(date +%s)
cmake -S . -B build-gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEMO_BUILD_GUI=OFF -DNEMO_BUILD_TESTS=OFF \
  -DCMAKE_PREFIX_PATH="$prefix" -DNEMO_EXTRA_INCLUDE="$G/include" -DCMAKE_CUDA_ARCHITECTURES=90 >"$out/configure.log" 2>&1 \
  && ninja -C build-gpu nemo >"$out/build.log" 2>&1 || { tail -40 "$out/build.log"; exit 1; }
echo "built in $(( $(date +%s) - start )) s"
nemo=build-gpu/bin/nemo
$nemo check-device --model tinycnn --mode nemo --steps 3 --json
for p in fp32 bf16; do
  $nemo bench --model vgg16 --mode nemo --device cuda --steps 30 --warmup 10 --precision $p --json
  $nemo bench --model vgg16 --mode nemo --device cuda --steps 30 --warmup 10 --precision $p --cuda-graph --json || echo "{\"graph\":\"failed\",\"precision\":\"$p\"}"
  $nemo bench --model vgg16 --mode standard --device cuda --steps 30 --warmup 10 --precision $p --cuda-graph --json || true
done
python3 "$G/pytorch_nemo_step.py" --model vgg16 --mode nemo --device cuda --steps 30 --warmup 10
export NEMO_DATA_DIR="$G/fashion-mnist"
for p in fp32 bf16; do
  $nemo train --dataset fashion-mnist --model vgg16 --mode nemo --device cuda --epochs 2 --precision $p \
    --out "$out/run-$p" --log-every 200 --json 2>&1 | tail -2
done
$nemo modularize "$out/run-fp32" --json 2>/dev/null | python3 -c "import json,sys; d=json.load(sys.stdin); print({k:d[k] for k in ['seconds','sample_mask_img_per_s','cohesion','coupling','retention']})"
rm -rf "$out"/run-*/checkpoints "$out"/run-*/modular/sample_masks.bin
