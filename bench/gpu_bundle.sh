#!/usr/bin/env bash
# Gathers what bench/gpu_session.sh needs on a GPU machine that has PyTorch but no network and
# no Debian packages: the nlohmann/CLI11/zlib headers, the published step script and the
# Fashion-MNIST files, in gpu-bundle/ (ignored by git; pass it to the device as a carried path).
# Usage: bench/gpu_bundle.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
b="$root/gpu-bundle"
rm -rf "$b" && mkdir -p "$b/include" "$b/fashion-mnist"
cp -r /usr/include/nlohmann /usr/include/CLI "$b/include/"
cp /usr/include/zlib.h /usr/include/zconf.h "$b/include/" 2>/dev/null \
  || cp /usr/include/zlib.h /usr/include/x86_64-linux-gnu/zconf.h "$b/include/"
cp "$root/../shared/bench/pytorch_nemo_step.py" "$b/"
cp /usr/share/datasets/fashion-mnist/*.gz "$b/fashion-mnist/"
du -sh "$b"
