#!/usr/bin/env bash
# Where the CPU of durable ingest goes: the server JVM and its PostgreSQL, profiled together under a fixed load.
#
# Starts `gridwatch demo --no-simulator` (as bench/ingest.sh does), runs the load tool (`load --client frames`,
# QoS 1) and, in the steady middle of the run, records both processes with Linux perf (the JVM with frame pointers
# and its perf map, so Java methods have names; PostgreSQL's postmaster and backends), and the JVM with JDK Flight
# Recorder too. Writes, under OUT (default docs/profiles/NAME):
#   perf.txt / perf.svg   hot functions of JVM + PostgreSQL side by side, families of work, flame graph
#   jfr.txt / jfr.svg     the JVM's Java threads alone (JFR samples)
#   load.out              the load tool's summary (rate, PUBACK latency, rows == PUBACKs)
#
#   bench/profile.sh NAME [--shape 10x500] [--rate 200000] [--duration 40] [--mqtt-version 3] [--out DIR]
#
# Needs perf (Debian's linux-perf), jq, java. Everything started is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

[ $# -ge 1 ] || { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2; }
name="$1"; shift
shape=10x500 rate=200000 duration=40 mqtt_version=3 dest=""
while [ $# -gt 0 ]; do
  case "$1" in
    --shape) shape="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --duration) duration="${2%s}"; shift 2 ;;
    --mqtt-version) mqtt_version="$2"; shift 2 ;;
    --out) dest="$2"; shift 2 ;;
    *) echo "profile.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ "$duration" -ge 30 ] || { echo "profile.sh: --duration must be >= 30" >&2; exit 2; }
command -v perf >/dev/null || { echo "profile.sh: perf is needed (apt-get install linux-perf)" >&2; exit 1; }
profile_scratch profile "$name" "$dest"
say() { echo "profile.sh: $*" >&2; }

build_if_stale
export GRIDWATCH_JAVA_OPTS="-XX:+PreserveFramePointer -XX:StartFlightRecording=filename=$out/server.jfr,settings=profile,dumponexit=true"
start_demo_server

java -jar "$sim_jar" load --client frames --devices "${shape%x*}" --inflight "${shape#*x}" --rate "$rate" --qos 1 \
  --duration "${duration}s" --mqtt-version "$mqtt_version" --prefix "prof-$shape-" --mqtt "localhost:$mqtt_port" \
  --http "http://localhost:$http_port" --tokens "$work/tokens.json" --count-db "$db_url" \
  >"$dest/load.out" 2>"$out/load.log" &
load_pid=$!
# record the middle of the run: from a third in, for a third of it
from=$((duration / 3)) span=$((duration / 3))
for _ in $(seq 600); do grep -q "^t=${from}s " "$out/load.log" 2>/dev/null && break; sleep 0.1; done
pg="$(pgrep -f -- "$work/data/postgres" | head -n1)"
pids="$server_pid,$pg$(pgrep -P "$pg" | sed 's/^/,/' | tr -d '\n')"
jfr_from="$(date -u +%H:%M:%S)"
say "perf record of java $server_pid and postgres $pg and its backends, ${span} s ..."
perf record -F 499 -g -p "$pids" -o "$out/perf.data" -- sleep "$span" 2>"$out/perf-record.log"
jfr_to="$(date -u +%H:%M:%S)"
jcmd "$server_pid" Compiler.perfmap >/dev/null   # /tmp/perf-PID.map: names for the JIT-compiled Java frames
wait "$load_pid" || true
load_pid=""
stop_all 100 "$server_pid"
server_pid=""
perf script -i "$out/perf.data" >"$out/perf.script" 2>/dev/null
rm -f "/tmp/perf-$(basename "$out").map"
python3 "$here/bench/flame.py" "$out/perf.script" "$dest/perf" \
  --title "$name: JVM + PostgreSQL, perf, load $shape at $rate/s target (frames client), MQTT $mqtt_version"
python3 "$here/bench/flame.py" "$out/server.jfr" "$dest/jfr" --from "$jfr_from" --to "$jfr_to" \
  --title "$name: JVM Java threads, JFR, load $shape at $rate/s target"
rm -f "$dest/perf.collapsed" "$dest/jfr.collapsed"
say "written: $dest/{perf,jfr}.{txt,svg}, load.out; raw data in $out"
tail -n 8 "$dest/load.out" >&2
