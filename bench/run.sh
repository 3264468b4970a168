#!/usr/bin/env bash
# make bench: paired benchmark of our full build against Hugo and cmark-gfm's CLI (issues 7
# and 15). See bench/README.md. Tunables (environment):
#   RUNS_1K=5 RUNS_10K=3 RUNS_50K=1 REAL_RUNS=5   timed runs per tool
#   WARM_RUNS=3                         one-edit rebuilds on the 10k corpus (0: skip)
#   CALLGRIND=1                         instructions per page on the 1k corpus (0: skip)
#   SIZES="1k 10k"                      which corpora to run; add 50k for the large one
#   SWIFT=swift                         the Swift driver used to build the tool
set -euo pipefail

cd "$(dirname "$0")/.."
WORK=bench/.work
RUNS_1K=${RUNS_1K:-5}
RUNS_10K=${RUNS_10K:-3}
RUNS_50K=${RUNS_50K:-1}
WARM_RUNS=${WARM_RUNS:-3}
CALLGRIND=${CALLGRIND:-1}
REAL_RUNS=${REAL_RUNS:-5}
SIZES=${SIZES:-"1k 10k"}
SWIFT=${SWIFT:-swift}
started=$(date +%s)

# 1. Tools from Debian, only when missing (sudo when not root).
missing=()
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v cmark-gfm >/dev/null 2>&1 || missing+=(cmark-gfm)
[ -x /usr/bin/time ] || missing+=(time)
if [ "$CALLGRIND" != 0 ]; then
  command -v valgrind >/dev/null 2>&1 || missing+=(valgrind)
  command -v objcopy >/dev/null 2>&1 || missing+=(binutils)
fi
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt/dpkg run to finish instead of failing on its lock.
  $sudo apt-get -o DPkg::Lock::Timeout=300 update -qq
  $sudo apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
fi
scripts/install-deps.sh

# 2. Our tool, release mode.
"$SWIFT" build -c release --product syllabus
BIN=.build/release/syllabus

# 3. Corpora, regenerated only when the generator or its arguments changed.
mkdir -p "$WORK"
gen() { # label questions
  local dir="$WORK/corpus-$1"
  local stamp
  stamp="$(sha256sum bench/gen_corpus.py | cut -d' ' -f1) --questions $2 --seed 7"
  if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
    echo "corpus $1: up to date ($dir)"
  else
    rm -rf "$dir"
    python3 bench/gen_corpus.py --questions "$2" --seed 7 --out "$dir"
    echo "$stamp" >"$dir/.stamp"
  fi
}
size_args=()
for s in $SIZES; do
  case $s in
    1k)
      gen 1k 1000; size_args+=(--size "1k:$WORK/corpus-1k:$RUNS_1K:1")
      if [ "$CALLGRIND" != 0 ]; then size_args+=(--callgrind 1k); fi ;;
    10k)
      gen 10k 10000; size_args+=(--size "10k:$WORK/corpus-10k:$RUNS_10K:0")
      if [ "$WARM_RUNS" != 0 ]; then size_args+=(--warm "10k:$WARM_RUNS"); fi ;;
    # Ours and the one-process cmark-gfm only: no target compares with Hugo at 50k, and Hugo
    # would need minutes and several GiB of this shared machine (about 0.9 GiB at 10k).
    # SIZES=50k alone still times ours at 10k, for the 50k / 10k ratio.
    50k)
      if [[ " $SIZES " != *" 10k "* ]]; then
        gen 10k 10000; size_args+=(--size "10k:$WORK/corpus-10k:$RUNS_10K:0:syllabus")
      fi
      gen 50k 50000; size_args+=(--size "50k:$WORK/corpus-50k:$RUNS_50K:0:syllabus,cmark-gfm") ;;
    *) echo "unknown size $s (use 1k, 10k, 50k)" >&2; exit 2 ;;
  esac
done

# 4. The paired runs and the table.
machine="machine: $(nproc) cores, $(free -m | awk '/^Mem:/ {printf "%.1f GiB RAM, %.1f GiB available", $2/1024, $7/1024}'), load before runs: $(cut -d' ' -f1-3 /proc/loadavg)"
machine+=$'\n'"tools: $(hugo version 2>/dev/null | cut -d' ' -f1-2), cmark-gfm $(cmark-gfm --version | head -1 | awk '{print $2}'), syllabus (release build)"
status=0
python3 bench/bench.py --work "$WORK" --syllabus "$BIN" --templates templates --real-content content \
  --real-runs "$REAL_RUNS" --machine "$machine" "${size_args[@]}" || status=$?
echo "load after runs: $(cut -d' ' -f1-3 /proc/loadavg); bench took $(( $(date +%s) - started )) s; full results in $WORK/results.json"
exit $status
