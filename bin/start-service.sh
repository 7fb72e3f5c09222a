#!/usr/bin/env bash
# Starts one service from its packaged jar with the suite's tuned JVM flags: the one place that names them for a local
# start (run-suite.sh, the end-to-end tests' RunningSuite and StartupBenchmark all call this). The JVM replaces this
# script (exec), so the caller's process is the service's and a TERM stops it cleanly. It runs in the caller's working
# directory (where the embedded databases go) with the caller's environment. docs/STARTUP.md has the figures.
#
#   bin/start-service.sh <module>        e.g. tongyi-service; the jar is <module>/target/<module>-<version>.jar
#
#   KPI_CDS=off      start without the class-data archive (and do not record one)
#   KPI_JAVA=...     the java to run (default: java on the PATH); JAVA_TOOL_OPTIONS adds flags, as everywhere
#   KPI_JVM_FLAGS="..."  replaces the flags below (to measure another set: MemoryAfterDemoLoad, docs/STARTUP.md)
#
# Class-data sharing: the first start after a build records, in a throw-away training start (development environment,
# embedded database in a temporary directory, up to its first /health answer), the classes the service loads into
# <module>/target/<module>-<version>.jsa; every later start maps them instead of loading and verifying them again. The
# archive is recorded again when the jar or the java changes; a start never depends on it: if it is missing, stale or
# cannot be recorded, the JVM starts without it.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VERSION=0.1.0-SNAPSHOT
module=${1:?usage: bin/start-service.sh <module>}
jar="$ROOT/$module/target/$module-$VERSION.jar"
archive="$ROOT/$module/target/$module-$VERSION.jsa"
java=${KPI_JAVA:-java}
[[ -f "$jar" ]] || { echo "start-service: no $jar; build it first (mvn -B -q package -DskipTests)" >&2; exit 1; }

# Chosen on StartupBenchmark's side-by-side runs (tongyi; docs/STARTUP.md has the tables):
#   2026-12-02, quiet machine: C1 only + serial GC (the first launcher) ready 978 ms but steady ingest 0.50 x plain
#     java -jar; the full tiered JIT + serial 1297 ms, 0.78 x; the full JIT + G1 (the JVM's default) 1408 ms, 0.99 x.
#   2026-12-03, a slower day (plain java -jar ready in 6.6 s): G1 -Xmx384m ready 3.29 s, steady 1.12 x, RSS after the
#     ingest load 539 MB; Parallel GC -Xmx256m with the native-heap trim ready 3.36 s, steady 1.08 x, 329 MB.
# So the launcher keeps the JVM's own JIT, takes its start-up from the class-data archive, and its memory from:
# -XX:+UseParallelGC        a throughput collector whose own structures take 16 MB, not G1's 41 MB (NMT), at the
#                           same steady ingest rate on two cores
# -Xms32m -Xmx256m          start the heap small and bound it: the live data after a full GC is under 40 MB
# -XX:TrimNativeHeapInterval=2000  give the C heap that compilation and I/O freed back to the system every 2 s
# MALLOC_ARENA_MAX=2        (below) two malloc arenas instead of one per thread
FLAGS=(-XX:+UseParallelGC -Xms32m -Xmx256m -XX:TrimNativeHeapInterval=2000)
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if [[ -n "${KPI_JVM_FLAGS:-}" ]]; then
  read -r -a FLAGS <<<"$KPI_JVM_FLAGS"
fi

# What the archive was recorded with (it is only valid for this jar and this JVM), and the archive itself.
stamp_now() {
  local java_path
  java_path=$(readlink -f "$(command -v "$java")")
  echo "jar $(stat -c '%s %Y' "$jar") java $java_path $(stat -c '%s %Y' "$java_path") flags ${FLAGS[*]}" \
       "archive $(stat -c '%s %Y' "$archive" 2>/dev/null || echo none)"
}

record_archive() {
  local training out pid port="" status="" started=$SECONDS
  training=$(mktemp -d "${TMPDIR:-/tmp}/kpi-cds-$module.XXXXXX")
  out="$archive.$$.tmp"
  # A clean environment: the development run on its embedded default database, never the caller's database or port.
  (cd "$training" && exec env -i PATH="$PATH" HOME="$training" "$java" "${FLAGS[@]}" -XX:ArchiveClassesAtExit="$out" \
      -Dmicronaut.server.port=-1 -jar "$jar") >"$training/training.log" 2>&1 &
  pid=$!
  # Stopped while recording: stop the training start too, rather than leave it running.
  trap 'kill -TERM "$pid" 2>/dev/null; rm -f "$out"; rm -rf "$training"; exit 143' TERM INT
  for _ in $(seq 1 600); do
    port=$(sed -n 's|.*Server Running: http://[^:]*:\([0-9]*\).*|\1|p' "$training/training.log" | head -n 1)
    [[ -n "$port" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if [[ -n "$port" ]]; then
    # The first /health answer belongs to start-up too: record the classes it loads.
    for _ in $(seq 1 50); do
      status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health" || true)
      [[ "$status" == 200 ]] && break
      sleep 0.2
    done
  fi
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true # the archive is written as the JVM exits
  if [[ -n "$port" && -s "$out" ]]; then
    mv -f "$out" "$archive"
    stamp_now >"$archive.stamp"
    echo "start-service: recorded the class-data archive of $module in $((SECONDS - started)) s ($archive)" >&2
  else
    rm -f "$out"
    echo "start-service: could not record the class-data archive of $module; starting without it" \
         "(training log: $(tail -n 3 "$training/training.log" | tr '\n' ' '))" >&2
  fi
  rm -rf "$training"
  trap - TERM INT
}

if [[ "${KPI_CDS:-on}" != "off" ]]; then
  if [[ ! -s "$archive" || ! -f "$archive.stamp" || "$(cat "$archive.stamp")" != "$(stamp_now)" ]]; then
    record_archive || true
  fi
  # -Xshare:auto: should the archive still not match (a jar rebuilt meanwhile), the JVM says so once and starts without.
  [[ -s "$archive" ]] && FLAGS+=(-XX:SharedArchiveFile="$archive" -Xshare:auto)
fi

exec "$java" "${FLAGS[@]}" -jar "$jar"
