#!/usr/bin/env bash
# Times `pdslab check-history` against Porcupine (Go) on the same history files, whole process
# (start-up included), and prints the ratio. Not a test: run it by hand on a quiet machine.
#
#   benchmarks/scripts/check-history-vs-porcupine.sh [--porcupine DIR] [--runs N] [--seeds N]
#
# Files: the shared Jepsen histories (../shared/data/histories: etcd and kv), N generated 50-client
# 2000-operation kv histories with a planted violation and N without, and Porcupine's own
# 50-client kv logs when its checkout has them; all converted to the pdslab JSON format, which
# both sides read. Porcupine's side needs Go and a checkout of its public source (--porcupine DIR
# or $PORCUPINE_DIR); without them only pdslab is timed. Both sides must agree with the expected
# verdicts, or the script says which file differs and exits 1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PORCUPINE="${PORCUPINE_DIR:-}"
RUNS=5
SEEDS=2
while [ $# -gt 0 ]; do
  case "$1" in
    --porcupine) PORCUPINE="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --seeds) SEEDS="$2"; shift 2 ;;
    *) echo "usage: $0 [--porcupine DIR] [--runs N] [--seeds N]" >&2; exit 2 ;;
  esac
done
HISTORIES="$ROOT/../shared/data/histories"
[ -d "$HISTORIES" ] || { echo "no shared histories at $HISTORIES" >&2; exit 2; }
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

"$ROOT/pdslab" --version >/dev/null # builds the CLI and its start-up cache if needed
JAR="$ROOT/grader/target/pdslab.jar"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Expected verdicts: FILE.json VERDICT, one a line.
expected="$WORK/expected"
: >"$expected"
for dir in etcd kv; do
  while read -r file verdict; do
    [ -n "$file" ] && echo "$WORK/$dir/$file.json $verdict" >>"$expected"
  done <"$HISTORIES/$dir/VERDICTS"
done
extra=()
if [ -n "$PORCUPINE" ]; then
  for f in "$PORCUPINE"/test_data/kv/c50-ok.txt "$PORCUPINE"/test_data/kv/c50-bad.txt; do
    if [ -f "$f" ]; then
      extra+=("$f")
      v=linearizable; case "$f" in *bad*) v=violation ;; esac
      echo "$WORK/kv/$(basename "$f").json $v" >>"$expected"
    fi
  done
fi
"$JAVA" -cp "$JAR" "$ROOT/benchmarks/scripts/WriteHistories.java" "$WORK/etcd" 0 "$HISTORIES"/etcd/*.log >/dev/null
"$JAVA" -cp "$JAR" "$ROOT/benchmarks/scripts/WriteHistories.java" "$WORK/kv" "$SEEDS" \
  "$HISTORIES"/kv/*.txt "${extra[@]}" >>"$expected"
files_etcd=("$WORK"/etcd/*.json)
files_kv=("$WORK"/kv/*.json)
echo "files: ${#files_etcd[@]} etcd register histories, ${#files_kv[@]} kv histories" \
  "($(ls "$WORK"/kv | grep -c gen-) generated, ${#extra[@]} from Porcupine's checkout)"

porcupine_bin=""
if [ -z "$PORCUPINE" ]; then
  echo "Porcupine: skipped (give --porcupine DIR, a checkout of its public source)"
elif ! command -v go >/dev/null 2>&1; then
  echo "Porcupine: skipped (no 'go' on PATH)"
elif [ ! -f "$PORCUPINE/checker.go" ]; then
  echo "Porcupine: skipped ($PORCUPINE is not a Porcupine checkout)"
else
  mod="$WORK/porcupine-check"
  mkdir -p "$mod"
  cp "$ROOT/benchmarks/scripts/porcupine-check/main.go" "$mod/"
  cat >"$mod/go.mod" <<MOD
module pdslab.io/porcupine-check

go 1.16

require github.com/anishathalye/porcupine v0.0.0

replace github.com/anishathalye/porcupine => $(cd "$PORCUPINE" && pwd)
MOD
  (cd "$mod" && GOFLAGS=-mod=mod GOPROXY=off go build -o porcupine-check .) >"$WORK/go-build.log" 2>&1 \
    || { cat "$WORK/go-build.log" >&2; echo "Porcupine: build failed" >&2; exit 2; }
  porcupine_bin="$mod/porcupine-check"
fi

# One run of a side: one process over every file (each file's model follows from its content);
# output kept for the verdicts.
run_pdslab() {
  "$ROOT/pdslab" check-history "${files_etcd[@]}" "${files_kv[@]}" >"$WORK/pdslab.out" 2>&1 || true
}
run_porcupine() {
  "$porcupine_bin" "${files_etcd[@]}" "${files_kv[@]}" >"$WORK/porcupine.out" 2>&1 || true
}
# Prints "WALL_MS CPU_MS" of one run (CPU: user + system of the whole process tree).
timed() {
  local TIMEFORMAT='%R %U %S'
  { time "$1"; } 2>&1 | awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

check_verdicts() { # side output-file
  local bad=0
  while read -r file verdict; do
    got=$(grep -F "$file: " "$2" | head -1 | sed 's/^[^:]*: \([a-z]*\).*/\1/')
    if [ "$got" != "$verdict" ]; then
      echo "$1: $(basename "$file"): expected $verdict, got ${got:-nothing}" >&2
      bad=1
    fi
  done <"$expected"
  return $bad
}

echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1)," \
  "$("$JAVA" -version 2>&1 | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_pdslab # warm the file cache and the start-up cache
[ -z "$porcupine_bin" ] || run_porcupine
p_times=() p_cpu=() g_times=() g_cpu=()
for ((r = 1; r <= RUNS; r++)); do # alternate the sides, so load changes hit both alike
  read -r wall cpu < <(timed run_pdslab)
  p_times+=("$wall") p_cpu+=("$cpu")
  if [ -n "$porcupine_bin" ]; then
    read -r wall cpu < <(timed run_porcupine)
    g_times+=("$wall") g_cpu+=("$cpu")
  fi
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
status=0
check_verdicts pdslab "$WORK/pdslab.out" || status=1
p_median=$(printf '%s\n' "${p_times[@]}" | median)
p_cpu_median=$(printf '%s\n' "${p_cpu[@]}" | median)
echo "pdslab check-history (1 process): median wall ${p_median} ms (${p_times[*]}), CPU ${p_cpu_median} ms"
echo "  slowest files: $(sed -n 's/^.*\/\([^/]*\.json\): \([a-z]*\) (\([0-9]*\) ops, \([0-9]*\) ms).*/\4 \1:\2/p' \
  "$WORK/pdslab.out" | sort -rn | head -3 | awk '{printf "%s (%s ms) ", $2, $1}')"
if [ -n "$porcupine_bin" ]; then
  check_verdicts porcupine "$WORK/porcupine.out" || status=1
  g_median=$(printf '%s\n' "${g_times[@]}" | median)
  g_cpu_median=$(printf '%s\n' "${g_cpu[@]}" | median)
  echo "Porcupine (1 process): median wall ${g_median} ms (${g_times[*]}), CPU ${g_cpu_median} ms"
  echo "  slowest files: $(sed -n 's/^.*\/\([^/]*\.json\): \([a-z]*\) (\([0-9]*\) ops, \([0-9]*\) ms).*/\4 \1:\2/p' \
    "$WORK/porcupine.out" | sort -rn | head -3 | awk '{printf "%s (%s ms) ", $2, $1}')"
  awk -v p="$p_median" -v g="$g_median" -v pc="$p_cpu_median" -v gc="$g_cpu_median" \
    'BEGIN {printf "ratio pdslab / Porcupine, whole process, medians over %d runs: wall %.2fx, CPU %.2fx\n", '"$RUNS"', p / g, pc / gc}'
fi
exit $status
