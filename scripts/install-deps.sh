#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build, run and test NeMo Workbench.
# Safe to run again: apt-get skips what is already there. Needs root (or sudo).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git clang libclang-rt-14-dev
  libtorch-dev libopenblas0-pthread libopenblas-pthread-dev libopenblas0-openmp
  nlohmann-json3-dev libcli11-dev libmatio-dev zlib1g-dev libcairo2-dev fonts-dejavu-core
  qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools qt6-translations-l10n
  libqcustomplot-dev libqcustomplot2.1-qt6 libgl-dev
  dataset-fashion-mnist python3 python3-torch python3-numpy
  xvfb xauth imagemagick fonts-noto-cjk
  universal-ctags clang-format libgloo-dev libstb-dev
)

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
