#!/usr/bin/env bash
# Broker mode against the node's own listener, back to back, on this machine: the same readings (QoS 1, from
# mosquitto_pub, DEVICES devices × READINGS each) once through Debian's Mosquitto to a gridwatch node subscribed in
# broker mode, once straight to the same node's own MQTT listener; the time until every reading is stored, the rate,
# and the mean time from receipt to acknowledgement inside gridwatch.
#
#   bench/broker.sh   (settings from the environment: DEVICES=20 READINGS=1000 INFLIGHT=32 BROKER_INFLIGHT=20)
#
# BROKER_INFLIGHT is Mosquitto's max_inflight_messages (its default, 20): how many readings it has out to the node
# unacknowledged. Needs mosquitto, mosquitto_pub, curl and jq. Everything it starts is stopped on exit.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
server_jar="$here/server/target/gridwatch-server.jar"
sim_jar="$here/device-simulator/target/gridwatch-sim.jar"
# shellcheck source=bench/common.sh
. "$here/bench/common.sh"

devices="${DEVICES:-20}"
readings="${READINGS:-1000}"
inflight="${INFLIGHT:-32}"
broker_inflight="${BROKER_INFLIGHT:-20}"
work="$(mktemp -d /tmp/gw-broker-bench.XXXXXX)"
out="${BENCH_OUT:-$work}"
say() { echo "bench: $*" >&2; }
for tool in mosquitto mosquitto_pub curl jq; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { say "$tool is missing"; exit 1; }
done
mosquitto_bin="$(command -v mosquitto || echo /usr/sbin/mosquitto)"
server_pid="" broker_pid=""
trap 'stop_all 50 "$server_pid" "$broker_pid"; rm -rf "$work/data"' EXIT

build_if_stale
broker_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
printf 'user %s\nlistener %s 127.0.0.1\nallow_anonymous true\npersistence false\nmax_inflight_messages %s\nmax_queued_messages 0\n' \
  "$(id -un)" "$broker_port" "$broker_inflight" >"$work/mosquitto.conf"
"$mosquitto_bin" -c "$work/mosquitto.conf" >"$out/mosquitto.log" 2>&1 &
broker_pid=$!
export GRIDWATCH_MQTT_BROKER="mqtt://127.0.0.1:$broker_port" GRIDWATCH_MQTT_BROKER_CLIENT_ID=gw-bench-node
start_demo_server
metric() { curl -s "localhost:$http_port/metrics" | awk -v n="$1" '$1 == n { print $2 }'; }
for _ in $(seq 100); do
  [ "$(curl -s "localhost:$http_port/health" | jq -r '.broker.subscribed')" = true ] && break; sleep 0.2
done

admin="$(curl -s "localhost:$http_port/api/login" -d '{"username":"admin","password":"demo-admin"}' | jq -r .token)"
body="$(jq -nc --argjson n "$devices" '[range(1; $n + 1) | {id: "bb-\(.)", kind: "smoke", lon: 113.93, lat: 22.75}]')"
curl -s "localhost:$http_port/api/devices" -H "Authorization: Bearer $admin" -H "content-type: application/json" -d "$body" >"$out/register.json"
jq -r '.[] | "\(.id) \(.token)"' "$out/register.json" >"$work/tokens" 2>/dev/null \
  && [ "$(wc -l <"$work/tokens")" -eq "$devices" ] || { say "device registration failed: $(head -c 300 "$out/register.json")"; exit 1; }

# readings FIRST..LAST of every device, one JSON per line, ts in the past minutes (distinct per seq)
lines() {
  local base=$(( $(date +%s%3N) - 3 * readings * 1000 ))
  awk -v a="$1" -v b="$2" -v base="$base" 'BEGIN { for (s = a; s <= b; s++)
    printf "{\"ts\":%.0f,\"seq\":%d,\"obscuration\":0.4,\"alarm\":false,\"battery\":90}\n", base + s * 1000, s }'
}

# run NAME PORT AUTH FIRST METRIC: publishes readings FIRST..FIRST+READINGS-1 of every device, waits until METRIC grew
# by all of them, prints one JSON line
run() {
  local name="$1" port="$2" auth="$3" first="$4" counter="$5" last=$(( $4 + readings - 1 ))
  local total=$(( devices * readings )) before after start end id token pids=()
  lines "$first" "$last" >"$work/lines"
  before="$(metric "$counter")"
  start="$(date +%s%N)"
  while read -r id token; do
    if [ "$auth" = yes ]; then
      mosquitto_pub -p "$port" -q 1 -M "$inflight" -i "$id" -u "$id" -P "$token" -t "devices/$id/readings" -l <"$work/lines" &
      pids+=($!)
    else
      mosquitto_pub -p "$port" -q 1 -M "$inflight" -i "$id-pub" -t "devices/$id/readings" -l <"$work/lines" &
      pids+=($!)
    fi
  done <"$work/tokens"
  wait "${pids[@]}" || true
  for _ in $(seq 3000); do
    after="$(metric "$counter")"
    [ "${after%.*}" -ge $(( ${before%.*} + total )) ] && break; sleep 0.1
  done
  end="$(date +%s%N)"
  jq -nc --arg name "$name" --argjson n "$total" --argjson ms $(( (end - start) / 1000000 )) \
    '{run: $name, readings: $n, ms: $ms, per_s: (if $ms > 0 then ($n * 1000 / $ms | floor) else null end)}' \
    | tee -a "$out/results.jsonl"
}

say "publishing $devices × $readings readings through Mosquitto (max_inflight_messages $broker_inflight), then straight"
run broker "$broker_port" no 1 gridwatch_broker_readings_total
run direct "$mqtt_port" yes $(( readings + 1 )) gridwatch_mqtt_readings_total
ack() { local s c; s="$(metric "${1}_sum")"; c="$(metric "${1}_count")"; awk -v s="$s" -v c="$c" 'BEGIN { printf "%.1f ms", (c > 0 ? 1000 * s / c : 0) }'; }
say "mean receipt → acknowledgement inside gridwatch: broker $(ack gridwatch_broker_ack_latency_seconds), own listener $(ack gridwatch_mqtt_puback_latency_seconds)"
say "results in $out/results.jsonl"
