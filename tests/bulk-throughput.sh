#!/usr/bin/env bash
# End-to-end throughput and peak memory of `tokenschema bulk daily` on N generated JSONL rows, with the native binary.
#   bash tests/bulk-throughput.sh [rows] [tool]     (default 1000000 rows; tool defaults to artifacts/native/TokenSchema.Cli)
# Publishes the native binary when the tool is not there. Prints rows/s and the peak resident set size.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rows="${1:-1000000}"
tool="${2:-$root/artifacts/native/TokenSchema.Cli}"
if [ ! -x "$tool" ]; then
  dotnet publish "$root/runtime/TokenSchema.Cli" -c Release -r linux-x64 -p:PublishAot=true -o "$root/artifacts/native" >/dev/null
fi

work="$root/artifacts/bulk-throughput"
mkdir -p "$work"
input="$work/rows-$rows.jsonl"
if [ ! -f "$input" ]; then
  python3 - "$rows" "$input" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    for i in range(rows):
        f.write('{"room_name":"all-hands","user_id":"participant-%d","user_name":"Participant %d"}\n' % (i, i))
PY
fi

export TOKENSCHEMA_SECRET="a bulk throughput key of thirty-two bytes"
/usr/bin/time -f "peak resident memory: %M KB" "$tool" bulk daily --input "$input" --output "$work/tokens.txt" --force \
  --claims-json '{"domain_id":"25df5057-ef0d-4d97-bde6-0cf287276cbb"}' 2>&1 | tail -2
echo "tokens written: $(wc -l < "$work/tokens.txt")"
