#!/usr/bin/env bash
# Starts the whole suite on its embedded default (file-backed H2 under ./data), loads the demo data set (the reported
# facts — Alibaba's 2024-Q4 results and the source article — plus a labelled synthetic data set) through the
# services' own APIs, and opens the dashboard.
# Ctrl-C stops every service cleanly; the data stays in ./data for the next start.
#
#   DATA_DIR=...      where the databases and logs live (default ./data)
#   SKIP_BUILD=1      start the jars already built
#   DEMO_DATA=skip    start without loading the demo data; DEMO_DATA=reload sends it again (changes nothing)
#   NO_BROWSER=1      do not open a browser
#   KPI_CDS=off       start the services without their class-data archives (bin/start-service.sh, docs/STARTUP.md)
#   DEMO_NOTIFY=1     also start the demo's webhook receiver and SMTP catcher (DEMO_WEBHOOK_PORT 8090, DEMO_SMTP_PORT
#                     2525), send the gateway's e-mail through that catcher, and have the demo loader subscribe both to
#                     the Tongyi app's quality floors: the FY2026-Q2 floor break arrives as a webhook and an e-mail
#                     (README, Notifications in the demo)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD

SERVICES=(tongyi-service:8081 quark-service:8082 cloud-billing-service:8083 gateway:8080)
DATA_DIR=${DATA_DIR:-$ROOT/data}
LOG_DIR="$DATA_DIR/logs"
mkdir -p "$LOG_DIR"
jar_of() { echo "$ROOT/$1/target/$1-0.1.0-SNAPSHOT.jar"; }

if [[ "${SKIP_BUILD:-}" != "1" ]]; then
  echo "Building the suite (mvn package, tests skipped; the first build downloads its dependencies) ..."
  mvn -B -q -DskipTests package
fi

pids=()
stop_all() {
  trap - INT TERM EXIT
  if ((${#pids[@]})); then
    echo; echo "Stopping the suite ..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    echo "Stopped. The data is kept in $DATA_DIR."
  fi
}
trap stop_all INT TERM EXIT

if [[ "${DEMO_NOTIFY:-}" == "1" ]]; then
  # The receivers stand in for a subscriber's endpoint and mail server, on this machine: a development run lets the
  # gateway reach loopback targets (its SSRF guard is on in production, GATEWAY_NOTIFY_ALLOW_PRIVATE_TARGETS).
  export DEMO_WEBHOOK_PORT=${DEMO_WEBHOOK_PORT:-8090} DEMO_SMTP_PORT=${DEMO_SMTP_PORT:-2525}
  export DEMO_NOTIFY_DIR="$DATA_DIR/notify"
  mkdir -p "$DEMO_NOTIFY_DIR"
  # The webhook subscription's secret: made once per data directory, so the stored subscription and the receiver agree.
  if [[ ! -s "$DEMO_NOTIFY_DIR/webhook-secret" ]]; then
    (umask 077 && echo "whsec_$(head -c 32 /dev/urandom | base64 -w0)" > "$DEMO_NOTIFY_DIR/webhook-secret")
  fi
  export DEMO_WEBHOOK_SECRET=$(cat "$DEMO_NOTIFY_DIR/webhook-secret")
  export DEMO_WEBHOOK_URL="http://127.0.0.1:$DEMO_WEBHOOK_PORT/webhook"
  export GATEWAY_SMTP_HOST=127.0.0.1 GATEWAY_SMTP_PORT=$DEMO_SMTP_PORT GATEWAY_SMTP_STARTTLS=false
  export GATEWAY_SMTP_FROM=${GATEWAY_SMTP_FROM:-aikpi-gateway@localhost}
  # The rules watch the demo's FY2026-Q2 besides the running quarter, and look often.
  export GATEWAY_NOTIFY_PERIODS=${GATEWAY_NOTIFY_PERIODS:-FY2026-Q2}
  export GATEWAY_NOTIFY_EVERY=${GATEWAY_NOTIFY_EVERY:-30s} GATEWAY_NOTIFY_INITIAL_DELAY=${GATEWAY_NOTIFY_INITIAL_DELAY:-30s}
  # The loader gives the rules this long to see the floor as first set before it raises it (two rounds and more).
  export DEMO_NOTIFY_SETTLE=${DEMO_NOTIFY_SETTLE:-75}
  java -cp "$(jar_of demo-data)" aikpi.demo.DemoReceivers >"$LOG_DIR/demo-receivers.log" 2>&1 &
  pids+=($!)
  echo "Starting the demo's webhook receiver (:$DEMO_WEBHOOK_PORT) and SMTP catcher (:$DEMO_SMTP_PORT)" \
    "(log: $LOG_DIR/demo-receivers.log; what arrives is saved in $DEMO_NOTIFY_DIR)"
fi

export GATEWAY_DEMO_NOTICE=${GATEWAY_DEMO_NOTICE:-$([[ "${DEMO_DATA:-}" == "skip" ]] && echo false || echo true)}
for entry in "${SERVICES[@]}"; do
  module=${entry%%:*}
  port=${entry##*:}
  # bin/start-service.sh holds the JVM flags (and records the class-data archive on the first start after a build).
  (cd "$DATA_DIR" && exec "$ROOT/bin/start-service.sh" "$module") >"$LOG_DIR/$module.log" 2>&1 &
  pids+=($!)
  echo "Starting $module on port $port (log: $LOG_DIR/$module.log)"
done

for entry in "${SERVICES[@]}"; do
  module=${entry%%:*}
  port=${entry##*:}
  for i in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
      echo "  $module is up: http://localhost:$port  (API docs: http://localhost:$port/swagger-ui/index.html)"
      break
    fi
    if ((i == 240)); then echo "$module did not start; see $LOG_DIR/$module.log" >&2; exit 1; fi
    sleep 0.5
  done
done

marker="$DATA_DIR/.demo-data-loaded"
if [[ "${DEMO_DATA:-}" == "skip" ]]; then
  echo "Demo data not loaded (DEMO_DATA=skip)."
elif [[ -f "$marker" && "${DEMO_DATA:-}" != "reload" ]]; then
  echo "Demo data already loaded (DEMO_DATA=reload sends it again, which changes nothing)."
  if [[ "${DEMO_NOTIFY:-}" == "1" ]]; then
    java -jar "$(jar_of demo-data)" --notify-only
  fi
else
  java -jar "$(jar_of demo-data)"
  date -u +%FT%TZ > "$marker"
fi

dashboard=http://localhost:8080/
echo
echo "Dashboard: $dashboard   (executive API: http://localhost:8080/api/v1/executive/ai-conversion?period=FY2025-Q3)"
echo "Reviews against the targets: http://localhost:8080/api/v1/executive/reviews?period=FY2026-Q2 (docs/REVIEWS.md)"
if [[ "${DEMO_NOTIFY:-}" == "1" ]]; then
  echo "Notifications: http://localhost:8080/api/v1/notifications; what the receivers got: $LOG_DIR/demo-receivers.log"
fi
echo "Sign in (development run): executive / ${KPI_DEV_PASSWORD:-kpi-dev}; writers tongyi-writer, quark-writer, billing-writer;"
echo "  a unit's lead lead-<unit>. A token: curl -s -X POST http://localhost:8080/login -H 'Content-Type: application/json' \\"
echo "  -d '{\"username\":\"executive\",\"password\":\"${KPI_DEV_PASSWORD:-kpi-dev}\"}'"
if [[ -z "${NO_BROWSER:-}" && -z "${CI:-}" ]]; then
  (command -v xdg-open >/dev/null && xdg-open "$dashboard" >/dev/null 2>&1) ||
    (command -v open >/dev/null && open "$dashboard" >/dev/null 2>&1) || true
fi
echo "The suite is running. Press Ctrl-C to stop it."
wait
