#!/usr/bin/env bash
# Photo uploads, in one command, on this machine (issue 18, target 4).
#
# Starts `gridwatch demo --no-simulator` (the launcher's JVM flags, embedded PostgreSQL, temporary data directory, any
# free ports, no upload rate limit) and runs `ReportLoad` (benchmarks jar) in each shape: the resident's `201` latency
# at a steady rate, then the sanitising throughput at a rate above it. Two photos of about 2 MB: `noise` (the worst
# case for a JPEG decoder) and `12mp` (a phone's 4,000 x 3,000). Everything it starts is stopped on exit.
#
#   bench/photos.sh [--rate 10] [--seconds 30] [--flood-rate 30] [--flood-seconds 20] [--repeat 3]
#
# Results (ReportLoad's output per run, the server's log) stay in $BENCH_OUT (default: a new /tmp directory).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
bench_jar="$here/benchmarks/target/benchmarks.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

rate=10; seconds=30; flood_rate=30; flood_seconds=20; repeat=3
usage() { sed -n '2,11p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --flood-rate) flood_rate="$2"; shift 2 ;;
    --flood-seconds) flood_seconds="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "photos.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

out="${BENCH_OUT:-$(mktemp -d /tmp/gridwatch-photos.XXXXXX)}"
mkdir -p "$out"
work="$(mktemp -d /tmp/gridwatch-photos-run.XXXXXX)"
server_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all 100 "$server_pid"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "photos.sh: $*" >&2; }

build_if_stale
if [ ! -f "$bench_jar" ] || stale "$bench_jar" "$here/benchmarks/src/main"; then
  say "building the benchmarks jar ..."
  (cd "$here" && mvn -B -q -ntp -DskipTests -pl benchmarks -am package) >"$out/build-bench.log" 2>&1 \
    || { say "build failed, see $out/build-bench.log"; exit 1; }
fi
export GRIDWATCH_JAVA_OPTS="$("$here/gridwatch" --print-java-opts)"
export GRIDWATCH_REPORT_RATE=1000000
start_demo_server

# run NAME RATE SECONDS KIND: one ReportLoad run, its output kept and its two result lines shown
run() {
  say "$1: $2 uploads/s for $3 s, $4 photo"
  java -cp "$bench_jar" io.gridwatch.bench.ReportLoad "http://127.0.0.1:$http_port" 113.9352 22.7489 "$2" "$3" 2 "$4" \
    >"$out/$1.txt" 2>&1
  grep -E '^(photo|sent|latency|sanitised)' "$out/$1.txt" | sed "s/^/  $1: /"
}

run warm-up 5 10 12mp
for kind in 12mp noise; do
  for i in $(seq "$repeat"); do run "steady-$kind-$i" "$rate" "$seconds" "$kind"; done
  run "flood-$kind" "$flood_rate" "$flood_seconds" "$kind"
done
say "results in $out"
