#!/usr/bin/env bash
# Soak bench (not in CI): does gridwatch stay flat under hours of steady traffic with devices coming and going?
#
# Starts `gridwatch demo --no-simulator` (embedded PostgreSQL in a temporary directory, any free ports, loopback
# only), then for the whole duration:
#   - a steady load of --rate readings/s (QoS 1) from the load tool, in rounds of --round (each round connects its
#     --devices connections, sends, and disconnects them: connection churn), every round checked: rows == PUBACKs;
#   - the demo's fleet (`gridwatch-sim run`, 2,000 smoke detectors and 150 gauges, the demo's seed) connecting for
#     --fleet-on and disconnecting for --fleet-off, again and again;
#   - once a minute: the server's RSS, open file descriptors and threads, PostgreSQL's connections and the
#     readings stored, into samples.csv; at the end a plot (soak.png, gnuplot) and a verdict on flatness.
#
#   bench/soak.sh [--duration 3600] [--rate 2000] [--devices 500] [--round 600] [--fleet-on 240] [--fleet-off 60]
#                 [--no-install]
#
# Everything started is stopped on exit. Results stay in $BENCH_OUT (default: a new directory under /tmp).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

duration="${DURATION:-3600}"
rate="${RATE:-2000}"
devices="${DEVICES:-500}"
round="${ROUND:-600}"
fleet_on="${FLEET_ON:-240}"
fleet_off="${FLEET_OFF:-60}"
install=1

usage() { sed -n '2,16p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration="${2%s}"; shift 2 ;;
    --rate) rate="$2"; shift 2 ;;
    --devices) devices="$2"; shift 2 ;;
    --round) round="${2%s}"; shift 2 ;;
    --fleet-on) fleet_on="${2%s}"; shift 2 ;;
    --fleet-off) fleet_off="${2%s}"; shift 2 ;;
    --no-install) install=0; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "soak.sh: unknown argument '$1'" >&2; usage >&2; exit 2 ;;
  esac
done
for n in "$duration" "$rate" "$devices" "$round" "$fleet_on" "$fleet_off"; do
  [ "$n" -ge 1 ] 2>/dev/null || { echo "soak.sh: numbers must be whole and positive: '$n'" >&2; exit 2; }
done
[ "$duration" -ge 180 ] || { echo "soak.sh: --duration must be at least 180 s" >&2; exit 2; }
for tool in java mvn jq psql; do
  command -v "$tool" >/dev/null || { echo "soak.sh: '$tool' is needed" >&2; exit 1; }
done

out="${BENCH_OUT:-$(mktemp -d /tmp/gridwatch-soak.XXXXXX)}"
mkdir -p "$out"
work="$(mktemp -d /tmp/gridwatch-soak-run.XXXXXX)"
server_pid="" load_pid="" fleet_pid=""
# a bounded heap, as in production: a leak then shows as growth of the heap used, not as a heap that merely expands
export GRIDWATCH_JAVA_OPTS="${GRIDWATCH_JAVA_OPTS:--Xmx1g}"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all 150 "$load_pid" "$fleet_pid" "$server_pid"
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
say() { echo "soak.sh: $(date -u +%H:%M:%S) $*" >&2; }

# --- build (as bench/ingest.sh) ----------------------------------------------------------------------------------------
build_if_stale

# --- the server --------------------------------------------------------------------------------------------------------
start_demo_server

# --- sampling ----------------------------------------------------------------------------------------------------------
samples="$out/samples.csv"
echo "minute,rss_mib,fds,threads,db_connections,readings,postgres_rss_mib,mqtt_connections,sockets,other_fds,heap_used_mib" >"$samples"
postgres_rss_mib() { # every process of the embedded server (postmaster and backends)
  local main kib=0 pid
  main="$(pgrep -f -- "$work/data/postgres" | head -n1 || true)"
  [ -n "$main" ] || { echo 0; return; }
  for pid in $main $(pgrep -P "$main" || true); do
    kib=$((kib + $(awk '/^VmRSS:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)))
  done
  echo $((kib / 1024))
}
sample() { # minute
  local rss fds threads conns rows mqtt heap sockets
  rss=$(($(awk '/^VmRSS:/{print $2}' "/proc/$server_pid/status") / 1024))
  threads="$(awk '/^Threads:/{print $2}' "/proc/$server_pid/status")"
  # one pass over the descriptors: sockets (devices, HTTP, database) apart from everything else
  read -r fds sockets < <(find "/proc/$server_pid/fd" -mindepth 1 -maxdepth 1 -printf '%l\n' 2>/dev/null \
    | awk '/^socket:/ { s++ } END { print NR, s + 0 }')
  conns="$(psql -X -At "$db_url" -c "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'" 2>/dev/null || echo '')"
  rows="$(psql -X -At "$db_url" -c "SELECT count(*) FROM readings" 2>/dev/null || echo '')"
  # sockets of connected devices come and go with the fleet: what must stay flat is everything else
  mqtt="$(ss -Htn state established "( sport = :$mqtt_port )" 2>/dev/null | wc -l)"
  heap="$(jcmd "$server_pid" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n1)"
  echo "$1,$rss,$fds,$threads,${conns:-NaN},${rows:-NaN},$(postgres_rss_mib),$mqtt,$sockets,$((fds - sockets)),$(( ${heap:-0} / 1024 ))" \
    | tee -a "$samples" >&2
}

# --- the traffic -------------------------------------------------------------------------------------------------------
start=$SECONDS
end=$((start + duration))
results="$out/load.jsonl"
: >"$results"
rounds=0 fleet_cycles=0 next_sample=$start minute=0 fleet_until=0 load_failures=0
sample 0
next_sample=$((start + 60))
# one bounded loop: at most duration / 0.5 s turns
while [ "$SECONDS" -lt "$end" ]; do
  now=$SECONDS
  kill -0 "$server_pid" 2>/dev/null || { say "gridwatch died"; tail -n 20 "$out/server.log" >&2; exit 1; }
  # the load: a new round as soon as the previous one ended, the last one cut to what is left
  if [ -z "$load_pid" ] || ! kill -0 "$load_pid" 2>/dev/null; then
    if [ -n "$load_pid" ]; then
      wait "$load_pid" || { load_failures=$((load_failures + 1)); say "load round $rounds exited with $?"; }
      tail -n 1 "$out/load-$rounds.out" >>"$results" 2>/dev/null || true
      load_pid=""
    fi
    left=$((end - now))
    if [ "$left" -ge 30 ]; then
      rounds=$((rounds + 1))
      length=$((left < round ? left : round))
      java -Xmx256m -jar "$sim_jar" load --devices "$devices" --rate "$rate" --qos 1 --duration "${length}s" \
        --mqtt "localhost:$mqtt_port" --http "http://localhost:$http_port" --tokens "$out/load-tokens.json" \
        --count-db "$db_url" --progress-every 60s >"$out/load-$rounds.out" 2>"$out/load-$rounds.log" &
      load_pid=$!
    fi
  fi
  # the demo's fleet: on for fleet_on seconds, off for fleet_off
  if [ -n "$fleet_pid" ] && ! kill -0 "$fleet_pid" 2>/dev/null; then
    wait "$fleet_pid" || say "fleet cycle $fleet_cycles exited with $?"
    fleet_pid=""
    fleet_until=$((now + fleet_off))
  fi
  if [ -z "$fleet_pid" ] && [ "$now" -ge "$fleet_until" ] && [ $((end - now)) -ge 60 ]; then
    fleet_cycles=$((fleet_cycles + 1))
    java -Xmx512m -jar "$sim_jar" run --mqtt "localhost:$mqtt_port" --http "http://localhost:$http_port" \
      --state "$out/fleet-state.json" --duration "${fleet_on}s" --progress-every 60s \
      >"$out/fleet-$fleet_cycles.out" 2>"$out/fleet-$fleet_cycles.log" &
    fleet_pid=$!
  fi
  if [ "$now" -ge "$next_sample" ]; then
    minute=$((minute + 1))
    sample "$minute"
    next_sample=$((next_sample + 60))
  fi
  sleep 0.5
done
say "traffic stopped; waiting for the last round ..."
for pid in "$load_pid" "$fleet_pid"; do
  [ -n "$pid" ] || continue
  for _ in $(seq 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
done
if [ -n "$load_pid" ]; then
  wait "$load_pid" || load_failures=$((load_failures + 1))
  tail -n 1 "$out/load-$rounds.out" >>"$results" 2>/dev/null || true
  load_pid=""
fi
sample $((minute + 1))

# --- plot and verdict --------------------------------------------------------------------------------------------------
if ! command -v gnuplot >/dev/null && [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  say "installing gnuplot-nox (apt-get) ..."
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >"$out/apt.log" 2>&1 || say "apt-get failed: no plot"
fi
if command -v gnuplot >/dev/null; then
  gnuplot <<EOF
set terminal pngcairo size 1100,700 font ",10"
set output "$out/soak.png"
set datafile separator ","
set key autotitle columnhead
set multiplot layout 2,2 title "gridwatch soak: ${rate} readings/s, ${duration} s, fleet on ${fleet_on} s / off ${fleet_off} s"
set xlabel "minute"
set yrange [0:*]
set title "server memory (MiB)"
plot "$samples" using 1:2 with linespoints title "RSS", "" using 1:11 with linespoints title "heap used"
set title "server file descriptors"
plot "$samples" using 1:9 with linespoints title "sockets", "" using 1:8 with linespoints title "MQTT connections", "" using 1:10 with linespoints title "not sockets"
set title "server threads"; plot "$samples" using 1:4 with linespoints notitle
set title "PostgreSQL client connections"; plot "$samples" using 1:5 with linespoints notitle
unset multiplot
EOF
  say "plot: $out/soak.png"
fi

# flat: the last quarter's mean within 10 % (RSS 20 %) of the second quarter's (the first is warm-up)
verdict="$(awk -F, 'NR > 1 { m[NR-1] = $0; n = NR - 1 }
  END {
    q = int(n / 4); if (q < 1) q = 1
    split("rss_mib non_socket_fds threads db_connections", names, " "); split("2 10 4 5", cols, " ")
    for (k = 1; k <= 4; k++) { c = cols[k]
      a = 0; b = 0; na = 0; nb = 0; max = 0; min = -1
      for (i = 1; i <= n; i++) { split(m[i], f, ","); v = f[c]
        if (i > q && i <= 2 * q) { a += v; na++ } if (i > n - q) { b += v; nb++ }
        if (i > q) { if (v > max) max = v; if (min < 0 || v < min) min = v } }
      a /= na; b /= nb; tol = (c == 2 ? 0.20 : 0.10)
      flat = (b <= a * (1 + tol) + 2) ? "flat" : "GROWING"
      printf "%s: second quarter %.1f, last quarter %.1f, after warm-up %d..%d: %s\n", names[k], a, b, min, max, flat
    } }' "$samples")"
echo
echo "gridwatch soak: ${duration} s, ${rate} readings/s target in $rounds rounds of ${round} s ($devices connections each), demo fleet $fleet_cycles cycles (${fleet_on} s on, ${fleet_off} s off)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load average now $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$verdict"
jq -rs '"load rounds: \(length), acked \(map(.acked) | add), achieved \((map(.rate_per_s) | add / length) | floor)/s on average, p99 PUBACK ms (worst round) \(map(.p99_ms) | max), rows == PUBACKs in every round: \(all(.rows_match == true))"' "$results" 2>/dev/null || true
echo "load tool failures: $load_failures"
tail -n 1 "$samples" | awk -F, '{ print "at the end, every device gone: " $9 " sockets open (" $8 " MQTT connections), " $10 " other descriptors, " $4 " threads" }'
echo "samples: $samples; plot: $out/soak.png; logs: $out"
grep -q GROWING <<<"$verdict" && exit 4 || exit 0
