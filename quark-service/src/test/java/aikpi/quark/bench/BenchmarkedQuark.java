package aikpi.quark.bench;

import aikpi.security.Roles;
import aikpi.testing.ShippedRun;
import aikpi.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * quark-service as a benchmark harness runs it: in-process, with its shipped configuration (the shipped default
 * datasource URL of {@code application.yml}, its file moved into a fresh temporary directory; see {@link ShippedRun},
 * whose report it prints), and called over loopback HTTP as the team's writer. Closing it stops the service, prints
 * the database's size on disk and deletes the directory.
 */
final class BenchmarkedQuark implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Path dir;
    private final ApplicationContext context;
    private final EmbeddedServer server;
    private final URI base;
    /** A fresh token for each request: a full run outlasts one token's ten minutes. */
    private final Supplier<String> authorization;

    private BenchmarkedQuark(Path dir, ApplicationContext context) {
        this.dir = dir;
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class).start();
        this.base = server.getURI();
        TestTokens tokens = context.getBean(TestTokens.class);
        this.authorization = () -> tokens.bearer(Roles.QUARK_WRITER);
    }

    /** Starts the service on a fresh database in a temporary directory named after {@code name}. */
    static BenchmarkedQuark start(String name) throws IOException {
        Path dir = Files.createTempDirectory(name);
        ShippedRun shipped = new ShippedRun("quark-service", "QUARK_DB_URL", dir)
                .differs("micronaut.server.port", "-1 (a free loopback port) instead of 8082, so the run never meets a running suite");
        ApplicationContext context = ApplicationContext.builder()
                .defaultEnvironments("dev") // as QuarkApplication starts
                .properties(Map.of("datasources.default.url", shipped.url(), "micronaut.server.port", -1))
                .start();
        BenchmarkedQuark quark = new BenchmarkedQuark(dir, context);
        shipped.report(context);
        return quark;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    String get(String uri) {
        return send("GET", uri, null);
    }

    /** Sends a request as the writer; answers the body of a 2xx answer, and fails on any other. */
    String send(String method, String uri, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(uri)).timeout(Duration.ofMinutes(5))
                .header("Authorization", authorization.get());
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + uri + " answered " + response.statusCode() + ": "
                        + response.body().substring(0, Math.min(2_000, response.body().length())));
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One warm-up, then {@code runs} timed calls, sorted ascending, in milliseconds. */
    List<Double> time(String uri, int runs) {
        get(uri);
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            get(uri);
            times.add((System.nanoTime() - t0) / 1e6);
        }
        times.sort(Comparator.naturalOrder());
        return times;
    }

    static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop();
            context.close();
        } finally {
            System.out.printf("database size on disk: %,d MB%n", ShippedRun.sizeOnDisk(dir) / (1024 * 1024));
            ShippedRun.deleteTree(dir);
        }
    }
}
