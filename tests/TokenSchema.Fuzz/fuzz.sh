#!/usr/bin/env bash
# Coverage-guided fuzzing of TokenSchema with AFL++ and SharpFuzz.
#   bash tests/TokenSchema.Fuzz/fuzz.sh <verify|read> [seconds]     (default 60 s; longer runs find more)
# Builds the harness, instruments its copy of TokenSchema.dll, runs afl-fuzz for the given time on the target's
# corpus, and fails when a crash was found; crashes are copied to crashes/<target>/ to become regression inputs
# (tests/TokenSchema.Tests replays corpus/ and crashes/). Needs afl-fuzz (Debian: apt-get install afl++).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${1:?usage: fuzz.sh verify|read [seconds]}"
seconds="${2:-60}"
command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is not installed (Debian: apt-get install afl++)"; exit 1; }

out="$root/artifacts/fuzz/$target"
rm -rf "$out" && mkdir -p "$out"
dotnet build "$here/TokenSchema.Fuzz.csproj" -c Release -o "$out/bin" >/dev/null
(cd "$root" && dotnet tool restore >/dev/null && dotnet sharpfuzz "$out/bin/TokenSchema.dll" >/dev/null)

export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1
afl-fuzz -i "$here/corpus/$target" -o "$out/findings" -x "$here/dictionary.txt" -V "$seconds" -t 5000 -m none \
  -- dotnet "$out/bin/TokenSchema.Fuzz.dll" "$target" > "$out/afl.log" 2>&1 || { tail -20 "$out/afl.log"; exit 1; }

stats="$out/findings/default/fuzzer_stats"
execs=$(sed -n 's/^execs_done *: *//p' "$stats")
paths=$(sed -n 's/^corpus_count *: *//p' "$stats")
crashes=$(find "$out/findings/default/crashes" -type f ! -name README.txt | wc -l)
hangs=$(find "$out/findings/default/hangs" -type f | wc -l)
echo "fuzz $target: ${seconds} s, $execs executions, $paths corpus entries, $crashes crashes, $hangs hangs"
if [ "$crashes" -gt 0 ]; then
  mkdir -p "$here/crashes/$target"
  cp "$out/findings/default/crashes/"id* "$here/crashes/$target/"
  (cd "$here" && git ls-files --others --cached corpus crashes | LC_ALL=C sort | xargs sha256sum > inputs.sha256) # the replay checks every input against this list
  echo "fuzz $target: crashes copied to tests/TokenSchema.Fuzz/crashes/$target; replay: dotnet $out/bin/TokenSchema.Fuzz.dll $target --replay tests/TokenSchema.Fuzz/crashes/$target"
  exit 1
fi
