#!/usr/bin/env bash
# Starts one service from its packaged jar with the suite's tuned JVM flags: the one place that names them for a local
# start (run-suite.sh, the end-to-end tests' RunningSuite and StartupBenchmark all call this). The JVM replaces this
# script (exec), so the caller's process is the service's and a TERM stops it cleanly. It runs in the caller's working
# directory (where the embedded databases go) with the caller's environment. docs/STARTUP.md has the figures.
#
#   bin/start-service.sh <module>        e.g. tongyi-service; the jar is <module>/target/<module>-<version>.jar
#   bin/start-service.sh --flags <module>  prints the JVM flags a start of <module> would use, one per line (without
#                                        the archive's), and exits: what the benchmarks compare their runs with
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
print_flags=false
if [[ "${1:-}" == "--flags" ]]; then
  print_flags=true
  shift
fi
module=${1:?usage: bin/start-service.sh [--flags] <module>}
jar="$ROOT/$module/target/$module-$VERSION.jar"
archive="$ROOT/$module/target/$module-$VERSION.jsa"
java=${KPI_JAVA:-java}

# Chosen on StartupBenchmark's side-by-side runs and MemoryAfterDemoLoad (tongyi; docs/STARTUP.md has the tables):
#   2026-12-06, 3 rounds: the Parallel collector with -Xmx256m (the launcher until then) kept only 0.82 x plain
#     java -jar's steady ingest; G1 with -Xmx256m 0.87 x; G1 with -Xmx1g 1.06 x, its cold first 10 s 0.97 x.
# So the launcher keeps the JVM's own JIT and, for tongyi, quark and the gateway, its collector (G1), takes its
# start-up from the class-data archive, and its memory from giving back what a burst of work took:
# -Xms24m -Xmx1g            start small; room for a burst (the live data after a full GC is 25-35 MB)
# -XX:G1PeriodicGCInterval=15000 -XX:-G1PeriodicGCInvokesConcurrent
#                           after 15 s without a collection (an idle service), one full collection ...
# -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20  ... that shrinks the heap to its live data plus at most 20%
# -XX:TrimNativeHeapInterval=2000  give the C heap that compilation and I/O freed back to the system every 2 s
# -Dio.netty.allocator.type=pooled -Dio.netty.allocator.numDirectArenas=1
#                           Netty's pooled allocator with one arena for request and response buffers: Netty 4.2's
#                           default (adaptive) allocator keeps up to 8 MB chunks per core once large bodies (usage
#                           batches, Segment batches, sketches) have passed, 17 MB of tongyi's and quark's memory after
#                           the demo load
# MALLOC_ARENA_MAX=2        (below) two malloc arenas instead of one per thread
# 2026-12-06 (MemoryAfterDemoLoad): with the pooled single arena and the 20% bound, RSS after the demo load went from
# 213/221 MB (tongyi/quark) to 188/196 MB; StartupBenchmark kept the steady ingest at x1.16 of plain java -jar.
#
# cloud-billing-service's large work is a FOCUS import, which streams: its heap holds one running sum per ledger line
# the file makes (~60 MB at the 500,000 lines one import takes), never the rows. It runs the serial collector in a
# heap of at most 192 MB with a young generation of at most 16 MB: G1 grew its heap for the import's allocation rate
# and old-generation churn, and the first import of a 1-million-row file after a start took RSS up by +133..+175 MB
# (+191 MB for a file at the line limit), the serial collector by +82..+121 (+117) at the same import rate
# (FocusImportBenchmark, 2026-12-06, docs/STARTUP.md). No periodic collection: what an import took stays committed until
# the next full collection; after the demo load the service holds 172 MB (G1: 185). Its Netty buffers are unpooled: a
# FOCUS file streams through them once, and pooled chunks only add to the import's peak (+176..+186 MB pooled).
case "$module" in
  cloud-billing-service)
    FLAGS=(-XX:+UseSerialGC -Xms24m -Xmx192m -XX:MaxNewSize=16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30
           -XX:TrimNativeHeapInterval=2000 -Dio.netty.allocator.type=unpooled) ;;
  *)
    FLAGS=(-XX:+UseG1GC -Xms24m -Xmx1g -XX:G1PeriodicGCInterval=15000 -XX:-G1PeriodicGCInvokesConcurrent
           -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:TrimNativeHeapInterval=2000
           -Dio.netty.allocator.type=pooled -Dio.netty.allocator.numDirectArenas=1) ;;
esac
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
if [[ -n "${KPI_JVM_FLAGS:-}" ]]; then
  read -r -a FLAGS <<<"$KPI_JVM_FLAGS"
fi
if [[ "$print_flags" == true ]]; then
  printf '%s\n' "${FLAGS[@]}"
  exit 0
fi
[[ -f "$jar" ]] || { echo "start-service: no $jar; build it first (mvn -B -q package -DskipTests)" >&2; exit 1; }

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

# The embedded databases' directory (./data under the working directory, their default URL), made before the start:
# services started together would race to create it, and H2 refuses to open a database when another process created
# the directory between its check and its own mkdir.
mkdir -p data
exec "$java" "${FLAGS[@]}" -jar "$jar"
