#!/usr/bin/env bash
# Checks the engine against LibTorch 2.x on a machine without a GPU: Debian 12 ships LibTorch
# 1.13, GPU servers run PyTorch 2.x, and the code paths that differ between them (the SGD state
# key, the CUDA-graph capture, the op counter's dispatcher hooks) would otherwise first compile on
# scarce GPU time. It builds a Debian 13 (trixie) chroot with Debian's LibTorch 2.6 and
#   default:  builds the engine, `nemo` and the engine's test suites there and runs them, plus
#             `nemo check-golden` and `nemo bench --count-ops` (CPU, LibTorch 2.6);
#   --cuda:   builds `nemo` against Debian's CUDA LibTorch 2.6 (libtorch-cuda-dev, CUDA 12.4) with
#             NEMO_WITH_CUDA on, so the graph paths compile and link, and trains a few batches
#             with that build on the CPU (no GPU here: the graph paths themselves do not run);
#   --bench:  also runs bench/run_bench.sh there (against python3-torch 2.6 on the same machine).
# Needs root (debootstrap, chroot) and Debian's package mirror; about 4 GB of disk for the CPU
# chroot, 11 GB for the CUDA one. Chroots are kept in $NEMO_CHROOT_DIR (default /var/tmp) and
# reused; the working tree (tracked and untracked files, not ignored ones) is copied in each run,
# beside the chroot's build folder from the run before.
# Usage: sudo scripts/check-libtorch2.sh [--cuda] [--bench]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cuda=0 bench=0
while [ $# -gt 0 ]; do
  case "$1" in
    --cuda) cuda=1; shift ;;
    --bench) bench=1; shift ;;
    *) echo "unknown option $1 (use --cuda, --bench)" >&2; exit 2 ;;
  esac
done
[ "$(id -u)" -eq 0 ] || { echo "needs root: debootstrap and chroot" >&2; exit 1; }
mirror=http://deb.debian.org/debian
if [ "$cuda" = 1 ]; then chroot_dir="${NEMO_CHROOT_DIR:-/var/tmp}/nemo-trixie-cuda"
else chroot_dir="${NEMO_CHROOT_DIR:-/var/tmp}/nemo-trixie"; fi

in_chroot() { chroot "$chroot_dir" env DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 bash -euo pipefail -c "$1"; }

if [ ! -x "$chroot_dir/usr/bin/apt-get" ]; then
  command -v debootstrap >/dev/null || apt-get install -y -q debootstrap
  echo "== debootstrap trixie into $chroot_dir" >&2
  debootstrap --variant=minbase trixie "$chroot_dir" "$mirror" >/dev/null
  [ "$cuda" = 1 ] && echo "deb $mirror trixie main contrib non-free" > "$chroot_dir/etc/apt/sources.list"
fi
cp /etc/resolv.conf "$chroot_dir/etc/resolv.conf"
trap 'umount "$chroot_dir/proc" "$chroot_dir/dev" 2>/dev/null || true' EXIT
mount --bind /proc "$chroot_dir/proc"
mount --bind /dev "$chroot_dir/dev"

common="build-essential cmake ninja-build pkg-config libopenblas0-openmp nlohmann-json3-dev"
common+=" libcli11-dev libmatio-dev zlib1g-dev"
if [ "$cuda" = 1 ]; then
  # Debian's nvidia-cudnn package downloads cuDNN from NVIDIA when it is configured; that host is
  # not reachable from here, so its install step is skipped and nemo links without cuDNN (below).
  in_chroot "apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends $common libtorch-cuda-dev nvidia-cuda-toolkit \
      dataset-fashion-mnist >/dev/null ||
    { printf '#!/bin/sh\nexit 0\n' > /var/lib/dpkg/info/nvidia-cudnn.postinst; dpkg --configure -a >/dev/null; }
    dpkg-query -W libtorch-cuda-dev"
else
  in_chroot "apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends $common libtorch-dev qt6-base-dev \
      dataset-fashion-mnist python3-torch >/dev/null
    dpkg-query -W libtorch-dev"
fi

echo "== copying the working tree" >&2
# Everything but build/ is replaced; the copy keeps modification times, so a second run rebuilds
# only what changed since the first.
mkdir -p "$chroot_dir/work/main"
find "$chroot_dir/work/main" -mindepth 1 -maxdepth 1 ! -name build -exec rm -rf {} +
rm -rf "$chroot_dir/work/shared"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | tar --null -T - -cf -) |
  tar -xf - -C "$chroot_dir/work/main"
mkdir -p "$chroot_dir/work/shared"  # ../shared: the golden losses and the Python step
[ -d "$root/../shared" ] && cp -a "$root/../shared/." "$chroot_dir/work/shared/"

if [ "$cuda" = 1 ]; then
  echo "== building nemo against CUDA LibTorch 2.6 (NEMO_WITH_CUDA)" >&2
  in_chroot "cd /work/main
    cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEMO_BUILD_GUI=OFF \
      -DNEMO_BUILD_TESTS=OFF -DCMAKE_EXE_LINKER_FLAGS=-Wl,--allow-shlib-undefined >/dev/null
    grep -q NEMO_WITH_CUDA=1 build/build.ninja || { echo 'CUDA LibTorch not detected' >&2; exit 1; }
    ninja -C build nemo
    echo 'CUDA-graph calls linked into nemo:'
    nm -C build/bin/nemo | grep -E ' U at::cuda::CUDAGraph::(capture_begin|capture_end|replay)'
    # To load at all, nemo needs a libcudnn.so.9: a stand-in whose functions only fail (cuDNN is
    # never called on the CPU) lets the CUDA build train a few batches on the CPU.
    mkdir -p /opt/cudnn-stand-in && cd /opt/cudnn-stand-in
    nm -D --undefined-only /usr/lib/x86_64-linux-gnu/libtorch_cuda.so | sed -nE 's/.* U (.*)@libcudnn.so.9$/\1/p' |
      sort -u | sed 's/.*/int &(void) { return 1; }/' > cudnn.c
    echo 'libcudnn.so.9 { global: *; };' > cudnn.map
    gcc -shared -fPIC -o libcudnn.so.9 cudnn.c -Wl,--version-script=cudnn.map -Wl,-soname,libcudnn.so.9
    cd /work/main && rm -rf /tmp/nemo-cuda-build-run
    LD_LIBRARY_PATH=/opt/cudnn-stand-in build/bin/nemo train --dataset fashion-mnist --model tinycnn \
      --mode nemo --epochs 1 --limit-train 2000 --limit-test 500 --cuda-graph --out /tmp/nemo-cuda-build-run"
  echo "check-libtorch2 --cuda: nemo compiled and linked with NEMO_WITH_CUDA against LibTorch 2.6"
  exit 0
fi

echo "== building and testing against LibTorch 2.6 (CPU)" >&2
in_chroot "cd /work/main
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DNEMO_BUILD_GUI=OFF >/dev/null
  ninja -C build
  build/bin/nemo check-golden tests/golden/nemo_losses.json
  for model in vgg16 resnet18; do for mode in nemo standard; do
    printf '%s %s kernel-launching ops per step: ' \$model \$mode
    build/bin/nemo bench --model \$model --mode \$mode --threads 2 --steps 1 --warmup 1 \
      --batch-size 16 --count-ops --conv direct --json |
      python3 -c 'import json, sys; print(json.load(sys.stdin)[\"ops_per_step\"])'
  done; done
  cd build && QT_QPA_PLATFORM=offscreen ctest -j2 --output-on-failure"
if [ "$bench" = 1 ]; then
  in_chroot "cd /work/main && bench/run_bench.sh --models 'simcnn rescnn vgg16 resnet18' \
    --modes 'nemo standard' --repeats 2"
fi
