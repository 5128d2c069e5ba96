#!/usr/bin/env bash
# Render the HTML report of the 5,000-message Twitter sample in headless Chromium to docs/report.png.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-../shared/data/twcs-head5000/twcs.csv}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node bin/rapport.js analyze "$data" -f html -o "$tmp/report.html" --by agent --by week --top 8 -q
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$tmp/profile" \
  --window-size=1200,4200 --screenshot="docs/report.png" "file://$tmp/report.html" 2>/dev/null
cp "$tmp/report.html" docs/report.html
echo "docs/report.png and docs/report.html written from $data"
