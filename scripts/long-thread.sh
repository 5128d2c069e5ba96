#!/usr/bin/env bash
# One tweet with N replies (default 20,000) through the built binary, bounded in time and memory: the case
# of issue 18 that grew quadratically (5k: 24 s, 10k: 99 s, 20k: over 120 s). Fails when `analyze` takes
# longer than LIMIT seconds (default 60) or its peak RSS passes MAX_MB (default 1024).
# Usage: npm run build && scripts/long-thread.sh [replies] [customer|brand|mixed]
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-20000}
MODE=${2:-mixed}
LIMIT=${LIMIT:-60}
MAX_MB=${MAX_MB:-1024}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node -e '
const [n, mode] = [Number(process.argv[1]), process.argv[2]];
const rows = ["tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id",
  "1,cust,True,Tue Oct 31 10:00:00 +0000 2017,@AcmeHelp my order is late,,"];
for (let i = 0; i < n; i++) {
  const brand = mode === "brand" || (mode === "mixed" && i % 2 === 0);
  const t = new Date(Date.UTC(2017, 9, 31, 10, 0, 1 + i)).toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) (\S+) GMT$/, "$1 $3 $2 $5 +0000 $4");
  const text = brand ? `"@cust${i} Sorry to hear that, please DM us your order number. ^JS"` : `"@AcmeHelp me too, my order ${i} is late again! #fail"`;
  rows.push(`${i + 2},${brand ? "AcmeHelp" : `u${i}`},${brand ? "False" : "True"},${t},${text},,1`);
}
require("fs").writeFileSync(process.argv[3], rows.join("\n") + "\n");
' "$N" "$MODE" "$dir/thread.csv"
start=$(date +%s.%N)
set +e
timeout "$LIMIT" node --max-old-space-size="$MAX_MB" bin/rapport.js analyze "$dir/thread.csv" -f json -q -o "$dir/report.json" &
pid=$!
peak=0
while kill -0 "$pid" 2>/dev/null; do
  rss=$(ps -o rss= --ppid "$pid" -p "$pid" 2>/dev/null | awk '{s += $1} END {print int(s / 1024)}')
  [ "${rss:-0}" -gt "$peak" ] && peak=$rss
  sleep 0.2
done
wait "$pid"
code=$?
set -e
seconds=$(echo "$(date +%s.%N) - $start" | bc)
echo "one tweet, $N $MODE replies: exit $code, ${seconds%???????} s, peak RSS ${peak} MB (limits: ${LIMIT} s, ${MAX_MB} MB)"
[ "$code" -eq 0 ] || { echo "FAIL: exit $code (124: over ${LIMIT} s)" >&2; exit 1; }
[ "$peak" -le "$MAX_MB" ] || { echo "FAIL: peak RSS ${peak} MB over ${MAX_MB} MB" >&2; exit 1; }
node -e 'const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); if (!(r.totals?.exchanges > 0)) { console.error("FAIL: no exchanges in the report"); process.exit(1); }' "$dir/report.json"
