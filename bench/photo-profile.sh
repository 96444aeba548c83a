#!/usr/bin/env bash
# Where the CPU of photo uploads goes: the server JVM, its PostgreSQL and the load tool, profiled together.
#
# Starts `gridwatch demo --no-simulator` (as bench/photos.sh does), warms it up (10/s x 20 s), then runs `ReportLoad`
# (benchmarks jar) at the rate asked and, in the steady middle of the run, records the server, PostgreSQL's processes and the load
# tool with Linux perf (the JVMs with frame pointers and their perf maps), the server with JDK Flight Recorder too, and
# the CPU each process used in that window (/proc). Writes, under OUT (default docs/profiles/NAME):
#   perf.txt / perf.svg   JVM + PostgreSQL + load tool side by side (process share, families of work, flame graph)
#   jfr.txt / jfr.svg     the server's Java threads alone (JFR samples)
#   stages.txt            the 201's time per stage (body read, checks, photo commit, report commit), from JFR
#   cpu.txt               CPU seconds of each process in the recorded window, per photo uploaded
#   load.out              ReportLoad's summary (201 latency percentiles, sanitising throughput)
#
#   bench/photo-profile.sh NAME [--rate 10] [--seconds 30] [--kind 12mp|noise] [--out DIR]
#
# Needs perf (Debian's linux-perf), java. Everything started is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
bench_jar="$here/benchmarks/target/benchmarks.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

[ $# -ge 1 ] || { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
name="$1"; shift
rate=10 seconds=30 kind=12mp dest=""
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --kind) kind="$2"; shift 2 ;;
    --out) dest="$2"; shift 2 ;;
    *) echo "photo-profile.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ "$seconds" -ge 15 ] || { echo "photo-profile.sh: --seconds must be >= 15" >&2; exit 2; }
command -v perf >/dev/null || { echo "photo-profile.sh: perf is needed (apt-get install linux-perf)" >&2; exit 1; }
profile_scratch photo-profile "$name" "$dest"
say() { echo "photo-profile.sh: $*" >&2; }

build_if_stale
[ -f "$bench_jar" ] || { say "no $bench_jar: mvn -B -DskipTests package first"; exit 1; }
export GRIDWATCH_JAVA_OPTS="$("$here/gridwatch" --print-java-opts) -XX:+PreserveFramePointer \
-XX:StartFlightRecording=filename=$out/server.jfr,settings=profile,dumponexit=true"
export GRIDWATCH_REPORT_RATE=1000000
start_demo_server

load() { # RATE SECONDS: ReportLoad in the background, load_pid set
  java -XX:+PreserveFramePointer -cp "$bench_jar" io.gridwatch.bench.ReportLoad "http://127.0.0.1:$http_port" \
    113.9352 22.7489 "$1" "$2" 2 "$kind" >"$out/load-$1-$2.out" 2>&1 &
  load_pid=$!
}
say "warm-up: 10 uploads/s for 20 s (so that the JIT is mostly done before the recording)"
load 10 20
wait "$load_pid"
load "$rate" "$seconds"
# ReportLoad builds its photo first: record from a third of the sending in, for a third of it
for _ in $(seq 600); do grep -q '^photo: ' "$out/load-$rate-$seconds.out" 2>/dev/null && break; sleep 0.1; done
from=$((seconds / 3)) span=$((seconds / 3))
sleep "$from"
pg="$(pgrep -f -- "$work/data/postgres" | head -n1)"
pg_all="$pg $(pgrep -P "$pg" | tr '\n' ' ')"
pids="$server_pid,$load_pid,$(echo $pg_all | tr ' ' ',')"
ticks() { # PID...: utime + stime of the processes, in clock ticks
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo "$t"
}
s0=$(ticks "$server_pid") p0=$(ticks $pg_all) l0=$(ticks "$load_pid")
jfr_from="$(date -u +%H:%M:%S)"
say "perf record of java $server_pid, load tool $load_pid and postgres $pg with its backends, ${span} s ..."
perf record -F 499 -g -p "$pids" -o "$out/perf.data" -- sleep "$span" 2>"$out/perf-record.log"
jfr_to="$(date -u +%H:%M:%S)"
s1=$(ticks "$server_pid") p1=$(ticks $pg_all) l1=$(ticks "$load_pid")
jcmd "$server_pid" Compiler.perfmap >/dev/null
jcmd "$load_pid" Compiler.perfmap >/dev/null 2>&1 || true
hz=$(getconf CLK_TCK)
awk -v s=$((s1 - s0)) -v p=$((p1 - p0)) -v l=$((l1 - l0)) -v hz="$hz" -v span="$span" -v rate="$rate" 'BEGIN {
  n = span * rate
  printf "CPU in the %d s recorded (%d uploads offered at %d/s), seconds and ms per upload\n", span, n, rate
  printf "  server JVM   %6.2f s  %6.1f ms\n", s / hz, 1000 * s / hz / n
  printf "  PostgreSQL   %6.2f s  %6.1f ms\n", p / hz, 1000 * p / hz / n
  printf "  load tool    %6.2f s  %6.1f ms\n", l / hz, 1000 * l / hz / n
  printf "  all          %6.2f s of %d s x 2 cores\n", (s + p + l) / hz, span
}' | tee "$dest/cpu.txt" >&2
procs="$server_pid=gridwatch,$load_pid=ReportLoad"
wait "$load_pid" || true
load_pid=""
cp "$out/load-$rate-$seconds.out" "$dest/load.out"
stop_all 100 "$server_pid"
server_pid=""
cp "$work/server.out" "$out/server.out"
perf script -F comm,pid,ip,sym,dso -i "$out/perf.data" >"$out/perf.script" 2>/dev/null
python3 "$here/bench/flame.py" "$out/perf.script" "$dest/perf" --procs "$procs" \
  --title "$name: server JVM + PostgreSQL + ReportLoad, perf, $kind photo at $rate uploads/s"
python3 "$here/bench/flame.py" "$out/server.jfr" "$dest/jfr" --from "$jfr_from" --to "$jfr_to" \
  --title "$name: server's Java threads, JFR, $kind photo at $rate uploads/s"
python3 "$here/bench/upload_stages.py" "$out/server.jfr" --from "$jfr_from" --to "$jfr_to" >"$dest/stages.txt" \
  || say "no upload stages in the recorded window"
rm -f "$dest/perf.collapsed" "$dest/jfr.collapsed"
say "written: $dest/{perf,jfr}.{txt,svg}, cpu.txt, load.out; raw data in $out"
cat "$dest/load.out" >&2
