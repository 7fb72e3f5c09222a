# The image of every service: one module's packaged jar on a Java 17 runtime, run by an unprivileged user.
# docker-bake.json gives each service its build arguments; build after packaging, from the repository root:
#   mvn -B package -DskipTests
#   docker buildx bake                  (the four images; `docker buildx bake gateway` builds one)
FROM eclipse-temurin:17-jre-noble

# MODULE: the Maven module, which names the jar (<module>/target/<module>-<version>.jar). PORT: the port the service
# listens on by default; PORT_VARIABLE: the variable that overrides it (micronaut.server.port in its application.yml).
# JVM_FLAGS: the collector and memory flags bin/start-service.sh runs the service with (docs/STARTUP.md has the
# figures), the fixed heap bound replaced by a share of the container's memory limit, and exit on OutOfMemoryError so
# that the orchestrator restarts a clean process. The deploy tests check each service's arguments.
ARG MODULE
ARG VERSION=0.1.0-SNAPSHOT
ARG PORT
ARG PORT_VARIABLE
ARG JVM_FLAGS

# A fixed uid and gid, so that Kubernetes' runAsUser and runAsNonRoot can rely on them. /app/data is where the
# embedded H2 database goes when no <SERVICE>_DB_URL is given; production sets a PostgreSQL URL instead.
RUN groupadd --system --gid 10001 kpi \
 && useradd --system --uid 10001 --gid kpi --home-dir /app --no-create-home --shell /usr/sbin/nologin kpi \
 && mkdir -p /app/data \
 && chown kpi:kpi /app/data

WORKDIR /app
COPY ${MODULE}/target/${MODULE}-${VERSION}.jar /app/service.jar

# The JVM flags as a java argument file, which the exec-form ENTRYPOINT below names (it cannot expand a variable).
# Application class-data sharing (docs/STARTUP.md): a training start, with the run time's flags, in the development
# environment on a throw-away embedded database, records the classes the service loads up to its first /health answer
# into /app/cds.jsa; every start maps them instead of loading and verifying them again. The archive belongs to this
# jar and runtime, so it is made here; should it not match, the JVM starts without it. -Xmx512m keeps compressed oops
# on whatever the build machine's memory, as at run time. The health request needs bash's /dev/tcp.
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN printf '%s\n' ${JVM_FLAGS} >/app/jvm.args \
 && mkdir -p /tmp/cds-training && cd /tmp/cds-training \
 && (java @/app/jvm.args -Xmx512m -XX:ArchiveClassesAtExit=/app/cds.jsa -Dmicronaut.server.port=${PORT} \
          -jar /app/service.jar >training.log 2>&1 & \
     pid=$!; \
     for _ in $(seq 1 180); do \
       (exec 3<>/dev/tcp/127.0.0.1/${PORT} && printf 'GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3 \
          && head -n 1 <&3 | grep -q ' 200 ') 2>/dev/null && break; \
       sleep 1; \
     done; \
     kill "$pid"; wait "$pid"; true) \
 && cd / && rm -rf /tmp/cds-training \
 && { test -s /app/cds.jsa || echo "No class-data archive was recorded: the image starts without one."; }

ENV MICRONAUT_ENVIRONMENTS=prod
ENV MALLOC_ARENA_MAX=2
ENV KPI_PORT_VARIABLE=${PORT_VARIABLE}
ENV KPI_DEFAULT_PORT=${PORT}
USER 10001:10001
EXPOSE ${PORT}

# Healthy only when /health answers 200 (it answers 503 when an indicator, such as the database's, is DOWN), on the
# port in the service's port variable when that is set, as the server's is. Nothing but bash, which speaks HTTP over
# /dev/tcp: the base image does not promise curl or wget.
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${!KPI_PORT_VARIABLE:-$KPI_DEFAULT_PORT} && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

# The JVM directly (exec form, so that it gets the stop signal) with the flags above and the archive;
# JAVA_TOOL_OPTIONS adds flags at run time without a rebuild.
ENTRYPOINT ["java", "@/app/jvm.args", "-XX:SharedArchiveFile=/app/cds.jsa", "-Xshare:auto", "-jar", "/app/service.jar"]
