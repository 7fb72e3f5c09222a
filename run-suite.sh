#!/usr/bin/env bash
# Starts every service of the suite on its embedded default (file-backed H2 under ./data), waits until each is
# healthy and prints where to find it. Ctrl-C stops them all cleanly (each closes its database before exiting).
set -euo pipefail
cd "$(dirname "$0")"

SERVICES=(tongyi-service:8081 quark-service:8082 cloud-billing-service:8083 gateway:8080)
DATA_DIR=${DATA_DIR:-$PWD/data}
LOG_DIR="$DATA_DIR/logs"
mkdir -p "$LOG_DIR"

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "Building the suite (mvn package, tests skipped) ..."
  mvn -B -q -DskipTests package
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    echo; echo "Stopping the suite ..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    echo "Stopped. Data is kept in $DATA_DIR."
  fi
}
trap stop_all INT TERM EXIT

for entry in "${SERVICES[@]}"; do
  module=${entry%%:*}
  port=${entry##*:}
  jar="$module/target/$module-0.1.0-SNAPSHOT.jar"
  [[ -f "$jar" ]] || continue
  (cd "$DATA_DIR" && exec java -XX:TieredStopAtLevel=1 -Xss512k -jar "$OLDPWD/$jar") >"$LOG_DIR/$module.log" 2>&1 &
  pids+=($!)
  echo "Starting $module on port $port (log: $LOG_DIR/$module.log)"
done

for entry in "${SERVICES[@]}"; do
  module=${entry%%:*}
  port=${entry##*:}
  [[ -f "$module/target/$module-0.1.0-SNAPSHOT.jar" ]] || continue
  for _ in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      echo "  $module is up: http://localhost:$port  (API docs: http://localhost:$port/swagger-ui/index.html)"
      break
    fi
    sleep 0.5
  done
done

echo "The suite is running. Press Ctrl-C to stop it."
wait
