#!/usr/bin/env bash
# Cluster benchmark, in one command, on this machine (docs/benchmarks.md, "Cluster").
#
# Runs ClusterBench (server/src/test/.../app/ClusterBench.java) through Maven's Failsafe: embedded PostgreSQL, the
# packaged jar as node processes behind HAProxy on deploy/haproxy.cfg, real MQTT 5 (HiveMQ) and websocket clients in
# the test's JVM. First one plain node, then three clustered nodes, on the same load: PUBACK latency and the nodes'
# CPU per reading, alarm → websocket latency, fan-out of an alert to SOCKETS websockets; on the three nodes one is then
# killed with -9 under the load (devices back, websockets back, how late its due escalations fire, readings lost).
# Needs haproxy (apt-get install haproxy). Everything it starts is stopped at the end, also on failure.
#
#   bench/cluster.sh [--devices 6000] [--period-ms 6000] [--sockets 1000] [--window 30]
#
# Prints the CLUSTER-BENCH lines (also kept in server/target/cluster-bench.txt); the Maven log goes to $BENCH_OUT.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
devices=6000
period_ms=6000
sockets=1000
window=30
out="${BENCH_OUT:-$(mktemp -d /tmp/gridwatch-cluster-bench.XXXXXX)}"

usage() { sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
say() { echo "cluster-bench: $*" >&2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --devices) devices="$2"; shift 2 ;;
    --period-ms) period_ms="$2"; shift 2 ;;
    --sockets) sockets="$2"; shift 2 ;;
    --window) window="${2%s}"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) say "unknown option $1"; usage >&2; exit 2 ;;
  esac
done

command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] || { say "haproxy is not installed (apt-get install haproxy)"; exit 1; }
say "devices $devices, one reading each every $period_ms ms, $sockets websockets, ${window} s window; log in $out/maven.log"
(cd "$here" && mvn -B -ntp verify -pl server -am -Dtest=none -Dit.test=ClusterBench \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
    -Dbench.devices="$devices" -Dbench.periodMs="$period_ms" -Dbench.sockets="$sockets" -Dbench.windowS="$window") \
  >"$out/maven.log" 2>&1 || { say "the benchmark failed, see $out/maven.log"; grep -h '^CLUSTER-BENCH' "$out/maven.log" >&2 || true; exit 1; }
grep -h '^CLUSTER-BENCH' "$out/maven.log"
