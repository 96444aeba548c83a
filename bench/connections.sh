#!/usr/bin/env bash
# 100,000 idle MQTT connections on one node, in one command, on this machine (issue 18, target 5).
#
# Raises the file limits of this shell (ulimit -n; root may raise the hard limit: the defaults of gridwatch stay as
# they are), starts `gridwatch demo --no-simulator` (embedded PostgreSQL, temporary data directory, any free ports,
# Native Memory Tracking on), registers the devices through the bulk devices API (arrays of 5,000), restarts the
# server (so that the figure is the connections' cost, not the registration's garbage), then runs
# `gridwatch-sim connect-storm`: one MQTT 3.1.1 connection per device, keep-alive 60 s, arriving at the given rate
# from 8 loopback source addresses (127.0.0.2–9: one address has ~28,000 ephemeral ports), held idle for a while.
# During the hold it takes the server's RSS, `jcmd VM.native_memory summary` and `GC.class_histogram`.
# Everything it starts is stopped on exit.
#
#   bench/connections.sh [--devices 100000] [--rate 5000] [--hold 60] [--warm-up 15000] [--load-cpus 1 --server-cpus 0]
#
# --warm-up N: the storm first makes N connections at half the rate, held until all are answered, then closed (the
# fleet's devices from the first: with 18,000 devices the storm's first 15,000 then log in again, through the log-in
# cache; a warm-up larger than the fleet closes each at its CONNACK and goes round again), so that
# the server's and the tool's connection code is compiled by C2 (which wants ~10,000 calls of a method) before the
# measured storm; the storm starts once both processes are quiet (the server's RSS "before" is taken after it).
# --load-cpus / --server-cpus: pin the load tool / the server (with its embedded PostgreSQL) to these CPUs with taskset,
# the proxy for a load tool on another machine (on loopback each side is charged the kernel's TCP work it causes).
# Runs may follow each other at once: the tool binds its source ports with SO_REUSEADDR (TIME_WAIT of the last run).
#
# The server's JVM flags: GRIDWATCH_JAVA_OPTS (default: the launcher's, see ./gridwatch), plus NMT.
# Results (the storm's summary and JSON line, NMT, histogram, logs) stay in $BENCH_OUT (default: a new /tmp directory).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

devices="${DEVICES:-100000}"
warm_up="${WARM_UP:-15000}"
rate="${RATE:-5000}"
hold="${HOLD:-60}"
load_cpus="${LOAD_CPUS:-}"
server_cpus="${SERVER_CPUS:-}"
usage() { sed -n '2,/^set /{/^#/p}' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --devices) devices="$2"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --hold) hold="${2%s}"; shift 2 ;;
    --warm-up) warm_up="$2"; shift 2 ;;
    --load-cpus) load_cpus="$2"; shift 2 ;;
    --server-cpus) server_cpus="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "connections.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

pin_load=() pin_server=()
[ -z "$load_cpus" ] || pin_load=(taskset -c "$load_cpus")
[ -z "$server_cpus" ] || pin_server=(taskset -c "$server_cpus")

out="${BENCH_OUT:-$(mktemp -d /tmp/gridwatch-conn.XXXXXX)}"
mkdir -p "$out"
work="$(mktemp -d /tmp/gridwatch-conn-run.XXXXXX)"
server_pid=""
storm_pid=""
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all 100 "$storm_pid" "$server_pid"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "connections.sh: $*" >&2; }

# --- limits: the bench's shell and what it starts, not the system's defaults ----------------------------------------
# Each connection is a file descriptor in the server and one in the load tool; raising the hard limit needs
# CAP_SYS_RESOURCE. Where it cannot be raised (a container without it), the run is capped below the hard limit and
# the summary says so: the per-connection figures then scale to the asked count.
asked="$devices"
need=$((devices + 2000))
if [ "$(ulimit -n)" -lt "$need" ]; then
  ulimit -Hn "$need" 2>/dev/null || true
  ulimit -n "$need" 2>/dev/null || ulimit -n "$(ulimit -Hn)"
fi
if [ "$(ulimit -n)" -lt "$need" ]; then
  devices=$(( $(ulimit -n) - 2000 ))
  say "the open-files limit cannot go above $(ulimit -Hn) here (no CAP_SYS_RESOURCE): $devices connections instead of $asked"
fi
say "open-files limit: $(ulimit -n)"

build_if_stale
export GRIDWATCH_JAVA_OPTS="$("$here/gridwatch" --print-java-opts) -XX:NativeMemoryTracking=summary"
# pinned to one CPU the JVM would pick the serial collector (one CPU is no "server-class machine"): keep G1 comparable
[ -z "$server_cpus" ] || GRIDWATCH_JAVA_OPTS="$GRIDWATCH_JAVA_OPTS -XX:+UseG1GC"
say "server JVM flags: $GRIDWATCH_JAVA_OPTS"

# --- register the fleet, then restart on the same data ---------------------------------------------------------------
start_demo_server
java -Xmx1g -jar "$sim_jar" connect-storm --register-only --devices "$devices" --tokens "$work/tokens.json" \
  --http "http://127.0.0.1:$http_port" --mqtt "127.0.0.1:$mqtt_port" >"$out/register.log" 2>&1
say "registered $devices devices; restarting the server"
stop_all 150 "$server_pid"; server_pid=""
: >"$work/server.out"
start_demo_server
sleep 5
# --- the storm ---------------------------------------------------------------------------------------------------------
# the tool's JIT: C1 only (-XX:TieredStopAtLevel=1): its C2 compiles took 33-82 % of its CPU during the storm, and its
# work is mostly the kernel's TCP (1.73 s against 2.92 s of tool CPU for 12,000 connections, one run each, busy machine)
${pin_load[@]+"${pin_load[@]}"} java -Xmx1g -XX:TieredStopAtLevel=1 -jar "$sim_jar" connect-storm --no-register --devices "$devices" --rate "$rate" --hold "${hold}s" \
  --warm-up "$warm_up" \
  --tokens "$work/tokens.json" --mqtt "127.0.0.1:$mqtt_port" --watch-pid "$server_pid" \
  >"$out/storm.txt" 2>"$out/storm.log" &
storm_pid=$!
# "before": after the warm-up's connections are closed, in the 3 s before the storm
if [ "$warm_up" -gt 0 ]; then
  until grep -q 'warm-up done' "$out/storm.log" 2>/dev/null; do
    kill -0 "$storm_pid" 2>/dev/null || { say "the storm ended early:"; tail -n 5 "$out/storm.log" >&2; exit 1; }
    sleep 0.2
  done
fi
sleep 2 # the warm-up's connections were just closed: let the server see them go
rss_before="$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")"
say "server RSS before the storm: $((rss_before / 1024)) MB"
jcmd "$server_pid" VM.native_memory summary >"$out/nmt-before.txt" 2>&1 || true
jcmd "$server_pid" GC.class_histogram >"$out/histogram-before.txt" 2>&1 || true   # a full GC of ~30 MB: 0.2 s
# the warm-up says "all answered" too: wait for the storm's
answered=$([ "$warm_up" -gt 0 ] && echo 2 || echo 1)
until [ "$(grep -c 'all answered' "$out/storm.log" 2>/dev/null)" -ge "$answered" ]; do
  kill -0 "$storm_pid" 2>/dev/null || { say "the storm ended early:"; tail -n 5 "$out/storm.log" >&2; exit 1; }
  sleep 1
done
sleep $((hold / 2))
jcmd "$server_pid" VM.native_memory summary >"$out/nmt-held.txt" 2>&1 || true
jcmd "$server_pid" GC.class_histogram >"$out/histogram-held.txt" 2>&1 || true
rss_held="$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")"
wait "$storm_pid" || true
storm_pid=""
cat "$out/storm.txt"
connected="$(tail -n 1 "$out/storm.txt" | jq -r .connected)"
echo "server RSS: $((rss_before / 1024)) MB before the storm (after the warm-up), $((rss_held / 1024)) MB with" \
  "$connected connections held" | tee "$out/rss.txt"
# The RSS difference undercounts after a big warm-up (G1 has already committed heap for its garbage): the live heap of
# the two class histograms (each after a full GC) is the per-connection figure; heap cap + non-heap bounds the RSS.
live_before="$(awk '/^Total/ {print $3}' "$out/histogram-before.txt" 2>/dev/null)"
live_held="$(awk '/^Total/ {print $3}' "$out/histogram-held.txt" 2>/dev/null)"
# divided by the MQTT endpoints the held histogram counts (the connections alive at that moment)
endpoints="$(awk '$4 == "io.vertx.mqtt.impl.MqttEndpointImpl" {print $2}' "$out/histogram-held.txt" 2>/dev/null)"
endpoints_before="$(awk '$4 == "io.vertx.mqtt.impl.MqttEndpointImpl" {print $2}' "$out/histogram-before.txt" 2>/dev/null)"
endpoints=$(( ${endpoints:-0} - ${endpoints_before:-0} ))
if [ -n "$live_before" ] && [ -n "$live_held" ] && [ "$endpoints" -gt 0 ]; then
  live_per=$(( (live_held - live_before) / endpoints ))
  non_heap_kb="$(awk '/^Total:/ {gsub("committed=|KB","",$3); total=$3} /Java Heap/ {gsub("committed=|KB\\)","",$5); heap=$5}
    END {print total - heap}' "$out/nmt-held.txt" 2>/dev/null)"
  echo "server live heap: $((live_before / 1048576)) MB before, $((live_held / 1048576)) MB with $endpoints MQTT" \
    "endpoints: $live_per bytes per connection; at $asked connections: $(( (live_before + live_per * asked) / 1048576 )) MB live;" \
    "non-heap committed (NMT) $(( ${non_heap_kb:-0} / 1024 )) MB" | tee -a "$out/rss.txt"
fi
say "results in $out"
