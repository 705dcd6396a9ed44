#!/usr/bin/env bash
# Builds the embeddable widget (web_client/widget/*.js and the candidate page modules it
# reuses) into one minified file, web_client/static/dist/widget.js, served as /widget.js and
# /widget/<content hash>/widget.js. Needs `npm ci` (esbuild) first; setup.sh runs both.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p web_client/static/dist
node_modules/.bin/esbuild web_client/widget/main.js --bundle --minify --format=iife \
  --target=es2022 --legal-comments=none --log-level=warning \
  --outfile=web_client/static/dist/widget.js
