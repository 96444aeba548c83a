#!/usr/bin/env bash
# Durable MQTT ingest benchmark, in one command, on this machine.
#
# Starts `gridwatch demo --no-simulator` (embedded PostgreSQL, temporary data directory, any free ports), runs the load tool
# (`gridwatch-sim load`, QoS 1) at each target rate, counts the rows each run left in the database against the
# PUBACKs received, then measures Mosquitto (installed with apt-get when missing and root, else skipped) with the
# same load and prints both, with their ratio and the CPU share of server / PostgreSQL / load tool. It also measures
# the alert latency (`gridwatch-sim alert-latency`: smoke alarm PUBLISH → the worker's websocket frame) on the idle
# server and in the middle of every gridwatch load run. Everything it starts is stopped on exit.
#
#   bench/ingest.sh [--rates "5000 10000 20000 40000"] [--duration 60] [--shapes "500x32"] [--client frames]
#                   [--load-cpus LIST] [--server-cpus LIST] [--repeat 1] [--warmup 0] [--mqtt-version 5] [--alert-samples 200]
#                   [--no-mosquitto] [--no-install]
#
# --shapes: connections x in-flight window per connection, one or more ("10x500 50x100 500x32"); every shape runs at
# every rate, gridwatch and then Mosquitto back to back, --repeat times. --client frames (default): the load tool's
# hand-written MQTT client on one thread (cheap per message); hivemq: the HiveMQ client (dearer). --load-cpus /
# --server-cpus: pin the load tool / the brokers (gridwatch with its PostgreSQL, and Mosquitto) with taskset.
# The same settings as environment variables: RATES, DURATION (seconds), SHAPES, CLIENT, LOAD_CPUS, SERVER_CPUS,
# REPEAT, WARMUP, MQTT_VERSION, ALERT_SAMPLES (0: no alert latency); --devices N / --inflight N still give one shape.
# --warmup S: first S seconds of the first shape against gridwatch, not measured (the JIT compiles the hot paths).
# Results (one JSON line per run, logs) stay in $BENCH_OUT (default: a new directory under /tmp), printed at the end.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

rates="${RATES:-5000 10000 20000 40000}"
duration="${DURATION:-60}"
devices="${DEVICES:-500}"
inflight="${INFLIGHT:-32}"
shapes="${SHAPES:-}"
client="${CLIENT:-frames}"
load_cpus="${LOAD_CPUS:-}"
server_cpus="${SERVER_CPUS:-}"
repeat="${REPEAT:-1}"
warmup="${WARMUP:-0}"
mqtt_version="${MQTT_VERSION:-5}"
alert_samples="${ALERT_SAMPLES:-200}"
with_mosquitto=1
install_mosquitto=1

usage() { sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rates) rates="$2"; shift 2 ;;
    --duration) duration="${2%s}"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    --inflight) inflight="$2"; shift 2 ;;
    --shapes) shapes="$2"; shift 2 ;;
    --client) client="$2"; shift 2 ;;
    --load-cpus) load_cpus="$2"; shift 2 ;;
    --server-cpus) server_cpus="$2"; shift 2 ;;
    --repeat) repeat="$2"; shift 2 ;;
    --warmup) warmup="${2%s}"; shift 2 ;;
    --mqtt-version) mqtt_version="$2"; shift 2 ;;
    --alert-samples) alert_samples="$2"; shift 2 ;;
    --no-mosquitto) with_mosquitto=0; shift ;;
    --install-mosquitto) install_mosquitto=1; shift ;;   # the default; kept for old command lines
    --no-install) install_mosquitto=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "ingest.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
[ "$duration" -ge 15 ] 2>/dev/null || { echo "ingest.sh: --duration must be whole seconds, >= 15" >&2; exit 2; }
[ -n "$shapes" ] || shapes="${devices}x${inflight}"
for shape in $shapes; do
  [[ "$shape" =~ ^[0-9]+x[0-9]+$ ]] || { echo "ingest.sh: a shape is CONNECTIONSxWINDOW, e.g. 10x500: '$shape'" >&2; exit 2; }
done
case "$client" in hivemq|frames) ;; *) echo "ingest.sh: --client is hivemq or frames" >&2; exit 2 ;; esac
pin_load=() pin_server=()
[ -z "$load_cpus" ] || pin_load=(taskset -c "$load_cpus")
[ -z "$server_cpus" ] || pin_server=(taskset -c "$server_cpus")
max_devices=0
for shape in $shapes; do [ "${shape%x*}" -le "$max_devices" ] || max_devices="${shape%x*}"; done

for tool in java mvn jq; do
  command -v "$tool" >/dev/null || { echo "ingest.sh: '$tool' is needed" >&2; exit 1; }
done

out="${BENCH_OUT:-$(mktemp -d /tmp/gridwatch-bench.XXXXXX)}"
mkdir -p "$out"
work="$(mktemp -d /tmp/gridwatch-bench-run.XXXXXX)"
server_pid=""
mosquitto_pid=""
load_pid=""
probe_pid=""

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all 100 "$probe_pid" "$load_pid" "$mosquitto_pid" "$server_pid"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { echo "ingest.sh: $*" >&2; }

# --- build ---------------------------------------------------------------------------------------------------------
build_if_stale

# --- CPU accounting from /proc: ticks of a set of processes, and of the whole machine ------------------------------
ticks_of() { # pids...
  local total=0 pid fields
  for pid in "$@"; do
    fields="$(cut -d')' -f2 "/proc/$pid/stat" 2>/dev/null)" || continue
    set -- $fields
    total=$((total + ${12} + ${13}))   # utime + stime (fields 14, 15 of stat)
  done
  echo "$total"
}
machine_ticks() { # prints "busy total"
  local _ user nice system idle iowait irq softirq steal
  read -r _ user nice system idle iowait irq softirq steal _ < /proc/stat
  echo "$((user + nice + system + irq + softirq + steal)) $((user + nice + system + idle + iowait + irq + softirq + steal))"
}
postgres_pids() {
  local main
  main="$(pgrep -f -- "-D $work/data/postgres" | head -n1 || true)"
  [ -n "$main" ] || main="$(pgrep -f -- "$work/data/postgres" | head -n1 || true)"
  [ -n "$main" ] && { echo "$main"; pgrep -P "$main" || true; }
}
broker_pid=""   # the broker under test, for CPU accounting
cpu_sample() { # file log-line <- "broker postgres load machine-busy machine-total acked"
  local pg
  pg="$(postgres_pids | tr '\n' ' ')"
  echo "$(ticks_of "$broker_pid") $(ticks_of $pg) $(ticks_of "$load_pid") $(machine_ticks) $(sed -n 's/.* acked=\([0-9]*\) .*/\1/p' <<<"$2")" >"$1"
}

# --- one load run: appends its JSON line (plus "broker" and "cpu") to $results -------------------------------------
# Runs in this shell (not in a pipeline), so that the exit trap knows the load tool's pid.
run_load() { # name rate extra-args...   (the shape: $devices x $inflight; $round: which repetition)
  local name="$1" rate="$2"; shift 2
  local tag="$name-${devices}x$inflight-$rate-$round"
  local log="$out/$tag.log" result="$out/$tag.out"
  local a="$work/cpu-a" b="$work/cpu-b"
  rm -f "$a" "$b"
  ${pin_load[@]+"${pin_load[@]}"} java -jar "$sim_jar" load --client "$client" --prefix "load-${devices}x$inflight-" \
    --devices "$devices" --rate "$rate" \
    --qos 1 --duration "${duration}s" --inflight "$inflight" --mqtt-version "$mqtt_version" "$@" >"$result" 2>"$log" &
  load_pid=$!
  # steady state only: from the 5 s progress line to the one 5 s before the end
  local last=$((duration - 5 - (duration - 5) % 5))
  local mid=$((duration / 3 - (duration / 3) % 5)) probed=0
  while kill -0 "$load_pid" 2>/dev/null; do
    # gridwatch runs: the alert latency probe starts a third of the way in, in steady state
    if [ "$name" = gridwatch ] && [ "$probed" = 0 ] && grep -q "^t=${mid}s " "$log"; then
      probed=1; probe_start "$rate"
    fi
    if [ ! -f "$a" ] && grep -q '^t=5s ' "$log"; then cpu_sample "$a" "$(grep '^t=5s ' "$log")"; fi
    if [ ! -f "$b" ] && grep -q "^t=${last}s " "$log"; then cpu_sample "$b" "$(grep "^t=${last}s " "$log")"; fi
    sleep 0.2
  done
  local status=0
  wait "$load_pid" || status=$?
  load_pid=""
  if [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
    say "$name at $rate msgs/s failed (exit $status); last lines of $log:"; tail -n 5 "$log" >&2
    return 1
  fi
  local cpu='null'
  if [ -f "$a" ] && [ -f "$b" ]; then
    local s0 p0 l0 bz0 t0 k0 s1 p1 l1 bz1 t1 k1
    read -r s0 p0 l0 bz0 t0 k0 <"$a"; read -r s1 p1 l1 bz1 t1 k1 <"$b"
    local hz cores span
    hz="$(getconf CLK_TCK)"; cores="$(nproc)"; span=$((t1 - t0))   # machine ticks over all cores
    # CPU per acknowledged message in the same window: (broker + PostgreSQL) and the load tool, in microseconds
    cpu="$(jq -n --argjson s $((s1 - s0)) --argjson p $((p1 - p0)) --argjson l $((l1 - l0)) \
      --argjson busy $((bz1 - bz0)) --argjson span "$span" --argjson cores "$cores" --argjson hz "$hz" \
      --argjson acked $(( ${k1:-0} - ${k0:-0} )) \
      'def pct(t): [0, 100 * t * $cores / $span] | max | floor;
       def us(t): if $acked > 0 and t >= 0 then (t / $hz * 1e6 / $acked * 10 | round / 10) else null end;
       {broker_pct: pct($s), postgres_pct: pct($p), load_pct: pct($l), machine_busy_pct: pct($busy),
        other_pct: pct($busy - $s - $p - $l), acked_in_window: $acked,
        server_us_per_msg: us($s + $p), load_us_per_msg: us($l)}')"
  fi
  tail -n 1 "$result" | jq -c --arg server "$name" --argjson cpu "$cpu" --arg shape "${devices}x$inflight" \
    --arg client "$client" --arg pinned "${load_cpus:-no}" \
    '{server: $server, shape: $shape, client: $client, load_cpus: $pinned} + . + {cpu: $cpu}' \
    | tee -a "$results" >&2
}

# --- gridwatch -----------------------------------------------------------------------------------------------------
start_demo_server

results="$out/results.jsonl"
: >"$results"
broker_pid="$server_pid"

# --- alert latency: 20 alarms/s from fresh detectors, one alert each, timed to the worker's websocket frame ----------
# Started in the background; `probe_wait` appends its JSON line (with the load it ran beside) to $results.
probe_start() { # background-load-rate (0: idle)
  [ "$alert_samples" -gt 0 ] || return 0
  probe_load="$1"
  probe_tag="$1-${devices}x$inflight-${round:-0}"
  ${pin_load[@]+"${pin_load[@]}"} java -jar "$sim_jar" alert-latency --http "http://localhost:$http_port" \
    --mqtt "localhost:$mqtt_port" --samples "$alert_samples" --rate 20 --cell-index "$((RANDOM % 1700))" \
    >"$out/alert-latency-$probe_tag.out" 2>"$out/alert-latency-$probe_tag.log" &
  probe_pid=$!
}
probe_wait() {
  [ -n "$probe_pid" ] || return 0
  wait "$probe_pid" || say "alert latency beside $probe_load msgs/s: the probe failed or missed alerts (see $out/alert-latency-$probe_tag.log)"
  probe_pid=""
  tail -n 1 "$out/alert-latency-$probe_tag.out" | jq -c --argjson load "$probe_load" --arg shape "${devices}x$inflight" \
    '{server: "alert-latency", background_rate: $load, shape: $shape} + .' 2>/dev/null | tee -a "$results" >&2 || true
}
# --- Mosquitto, started now so that each shape and rate runs against both back to back --------------------------------
if [ "$with_mosquitto" = 1 ] && ! command -v mosquitto >/dev/null && ! [ -x /usr/sbin/mosquitto ]; then
  if [ "$install_mosquitto" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing mosquitto (apt-get) ..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mosquitto >"$out/apt.log" 2>&1 \
      || { say "apt-get failed (see $out/apt.log): skipping mosquitto, no ratio"; with_mosquitto=0; }
  else
    say "mosquitto is not installed and cannot be installed here (needs root and apt-get; --no-install was $([ "$install_mosquitto" = 0 ] && echo given || echo not given)): skipping it, no ratio"
    with_mosquitto=0
  fi
fi
if [ "$with_mosquitto" = 1 ]; then
  mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
  mosquitto_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_connections -1\nlog_dest stderr\nlog_type error\nlog_type warning\n' \
    "$mosquitto_port" >"$work/mosquitto.conf"
  ${pin_server[@]+"${pin_server[@]}"} "$mosquitto_bin" -c "$work/mosquitto.conf" 2>"$out/mosquitto.log" &
  mosquitto_pid=$!
  for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$mosquitto_port") 2>/dev/null && break; sleep 0.1; done
  say "mosquitto $("$mosquitto_bin" -h 2>/dev/null | sed -n '1s/.*version //p') on port $mosquitto_port"
fi

if [ "$warmup" -gt 0 ]; then
  first="${shapes%% *}"
  say "warm-up: gridwatch, ${first}, ${warmup} s, not measured ..."
  ${pin_load[@]+"${pin_load[@]}"} java -jar "$sim_jar" load --client "$client" --prefix "load-$first-" \
    --devices "${first%x*}" --inflight "${first#*x}" --rate "${rates%% *}" --qos 1 --duration "${warmup}s" \
    --mqtt-version "$mqtt_version" --mqtt "localhost:$mqtt_port" --http "http://localhost:$http_port" \
    --tokens "$work/tokens.json" >"$out/warmup.out" 2>"$out/warmup.log" || say "warm-up failed (see $out/warmup.log)"
fi

say "alert latency on the idle server ..."
probe_start 0
probe_wait

# each shape and rate: gridwatch, then Mosquitto with the same load (both stay up, the idle one costs nothing)
for round in $(seq "$repeat"); do
  for shape in $shapes; do
    devices="${shape%x*}" inflight="${shape#*x}"
    for rate in $rates; do
      say "round $round: gridwatch, ${devices}x$inflight, QoS 1, $rate msgs/s target, ${duration} s ..."
      broker_pid="$server_pid"
      run_load gridwatch "$rate" --mqtt "localhost:$mqtt_port" --http "http://localhost:$http_port" \
        --tokens "$work/tokens.json" --count-db "$db_url" || true
      probe_wait
      if [ "$with_mosquitto" = 1 ]; then
        say "round $round: mosquitto, ${devices}x$inflight, QoS 1, $rate msgs/s target, ${duration} s ..."
        broker_pid="$mosquitto_pid"
        run_load mosquitto "$rate" --mqtt "127.0.0.1:$mosquitto_port" --plain-broker || true
      fi
    done
  done
done

# --- report --------------------------------------------------------------------------------------------------------
echo
echo "Durable MQTT ingest, QoS 1, MQTT $mqtt_version, shapes (connections x in-flight) $shapes, ${duration} s per run, $repeat round(s), client $client, load tool on CPUs ${load_cpus:-any}, servers on CPUs ${server_cpus:-any}"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), $(free -g | awk '/^Mem:/{print $2}') GiB"
jq -rs '
  def r: . * 10 | round / 10;
  def pct(x): if x == null then "-" else (x | tostring) end;
  def key: "\(.shape) \(.target_rate | floor)";
  def median: sort | if length == 0 then null else .[(length - 1) / 2 | floor] end;
  (map(select(.server == "mosquitto")) | group_by(key) | map({key: (.[0] | key), value: map(.rate_per_s) | median})
   | from_entries) as $m
  | "| server | shape | target/s | achieved/s | held | PUBACK p50 / p95 / p99 ms | rows == PUBACKs | CPU % broker / pg / load / other | µs per msg: broker + pg / load |",
    "|---|---|---|---|---|---|---|---|---|",
    (.[] | select(.server != "alert-latency") | "| \(.server) | \(.shape) | \(.target_rate | floor) | \(.rate_per_s | floor) | \(if .skipped <= 0.01 * .sent and .rate_per_s >= 0.98 * .target_rate then "yes" else "no" end) | \(.p50_ms | r) / \(.p95_ms | r) / \(.p99_ms | r) | \(if .rows_match == null then "n/a" elif .rows_match then "yes (\(.rows_in_db))" else "NO (\(.rows_in_db) rows, \(.acked) acks)" end) | \(pct(.cpu.broker_pct)) / \(pct(.cpu.postgres_pct)) / \(pct(.cpu.load_pct)) / \(pct(.cpu.other_pct)) | \(pct(.cpu.server_us_per_msg)) / \(pct(.cpu.load_us_per_msg)) |"),
    "",
    (map(select(.server == "gridwatch")) | group_by(key)
     | if ($m | length) == 0 then "no Mosquitto run: no ratio"
       else "medians over the rounds (gridwatch counted only where rows == PUBACKs):",
         (.[] | (.[0] | key) as $k | (map(select(.rows_match == true) | .rate_per_s) | median) as $g
          | "  \($k)/s: gridwatch \($g // 0 | floor)/s, mosquitto \($m[$k] // 0 | floor)/s, ratio \(if ($m[$k] // 0) > 0 then (($g // 0) / $m[$k] * 100 | round) / 100 else "-" end)")
       end),
    "",
    (map(select(.server == "alert-latency")) as $a
     | if ($a | length) == 0 then "no alert latency measured"
       else "Alert latency, smoke alarm PUBLISH → the worker'"'"'s websocket frame (20 alarms/s):",
         "| background load/s | alerts received | p50 / p95 / p99 / max ms |", "|---|---|---|",
         ($a[] | "| \(.background_rate) | \(.received) of \(.samples) | \(.p50_ms | r) / \(.p95_ms | r) / \(.p99_ms | r) / \(.max_ms | r) |")
       end)
' "$results"
echo
echo "per-run JSON: $results; logs: $out"
say "stopping ..."
