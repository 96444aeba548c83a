# Shared by the bench scripts (sourced, not run): building the jars when stale, starting the server, stopping what a
# bench started.
# Expects $here (the checkout), $server_jar, $sim_jar, $out (where logs go) and a say() function.

# stop_all GRACE_TICKS PID...: SIGTERM to each, then up to GRACE_TICKS × 0.2 s for each to end, then SIGKILL.
stop_all() {
  local grace="$1" pid; shift
  for pid in "$@"; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "$@"; do
    [ -n "$pid" ] || continue
    for _ in $(seq "$grace"); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  done
}

# stale JAR PATH...: true when the jar is missing or older than the root pom or anything under the paths.
stale() {
  local jar="$1"; shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$here/pom.xml" "$@" -newer "$jar" -print -quit 2>/dev/null)" ]
}

# build_if_stale: packages the server and the load tool when either jar is stale (log in $out/build.log).
build_if_stale() {
  if stale "$server_jar" "$here/geo/src/main" "$here/server/src/main" "$here/server/pom.xml" \
      "$here/device-simulator/src/main" \
      || stale "$sim_jar" "$here/device-simulator/src/main" "$here/device-simulator/pom.xml"; then
    say "building (server and load tool) ..."
    (cd "$here" && mvn -B -q -ntp -DskipTests -pl server,device-simulator -am package) >"$out/build.log" 2>&1 \
      || { say "build failed, see $out/build.log"; exit 1; }
  fi
}

# start_demo_server: runs `gridwatch demo --no-simulator` on free ports with its data under $work/data, waits until it
# has printed its ports and database, and sets server_pid, http_port, mqtt_port and db_url (needs $work).
start_demo_server() {
  say "starting gridwatch demo --no-simulator (data in $work/data) ..."
  GRIDWATCH_DATA_DIR="$work/data" GRIDWATCH_HTTP_PORT=0 GRIDWATCH_MQTT_PORT=0 \
    ${pin_server[@]+"${pin_server[@]}"} java ${GRIDWATCH_JAVA_OPTS:-} -jar "$server_jar" demo --no-simulator >"$work/server.out" 2>"$out/server.log" &
  server_pid=$!
  for _ in $(seq 240); do
    grep -q '^demo: database ' "$work/server.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { say "gridwatch stopped during start-up:"; tail -n 5 "$out/server.log" >&2; exit 1; }
    sleep 0.5
  done
  http_port="$(sed -n 's/^http port: //p' "$work/server.out")"
  mqtt_port="$(sed -n 's/^mqtt port: //p' "$work/server.out")"
  db_url="$(sed -n 's/^demo: database //p' "$work/server.out")"
  [ -n "$http_port" ] && [ -n "$mqtt_port" ] && [ -n "$db_url" ] \
    || { say "gridwatch did not print its ports and database in 120 s"; exit 1; }
  say "gridwatch: http $http_port, mqtt $mqtt_port, $db_url"
}

# profile_scratch SCRIPT PROFILE [DEST]: a profiling script's folders and clean-up. Sets $dest (kept; by default
# docs/profiles/PROFILE), $out (raw recordings, kept in /tmp) and $work (the run's data, removed on exit), and stops
# the $server_pid and $load_pid started later when the script ends, however it ends.
profile_scratch() {
  dest="${3:-$here/docs/profiles/$2}"
  mkdir -p "$dest"
  out="$(mktemp -d "/tmp/gridwatch-$1.XXXXXX")"
  work="$(mktemp -d "/tmp/gridwatch-$1-run.XXXXXX")"
  server_pid="" load_pid=""
  trap profile_cleanup EXIT
  trap 'exit 130' INT TERM
}

profile_cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_all 100 "$load_pid" "$server_pid"
  rm -rf "$work"
  exit "$status"
}
