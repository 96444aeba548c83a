# Shared by the bench scripts (sourced, not run): stopping what a bench started, and building the jars when stale.
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
