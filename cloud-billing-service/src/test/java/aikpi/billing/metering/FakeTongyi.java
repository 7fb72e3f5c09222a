package aikpi.billing.metering;

import aikpi.platform.problem.ProblemResponses;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for tongyi-service's usage summary, for tests that need tongyi to answer in a particular way (tokens, an
 * error, an unreadable answer, slowness). It is a Micronaut controller in an application context and embedded server
 * of its own, on a port the server chooses; the answers are records the framework serialises, in the shape the pact
 * pins. Its context is the test environment's (so its own in-memory database, never a developer's data); the
 * controller is there only, by its property.
 */
public final class FakeTongyi implements AutoCloseable {

    /** Set only in the stand-in's own context, so its controller is in no other. */
    static final String ENABLED = "aikpi.test.fake-tongyi";

    private final EmbeddedServer server;
    private final UsageSummaryStandIn standIn;

    public FakeTongyi() {
        server = ApplicationContext.run(EmbeddedServer.class, Map.of(ENABLED, true, "micronaut.server.port", -1),
                Environment.TEST);
        standIn = server.getApplicationContext().getBean(UsageSummaryStandIn.class);
    }

    public String url() {
        return server.getURL().toString();
    }

    /** Answers 200 with this many tokens in total, at once (undoes {@link #failing}, {@link #garbled}, {@link #slow}). */
    public FakeTongyi metering(long tokens) {
        standIn.totalTokens = tokens;
        standIn.status = 200;
        standIn.delayMillis = 0;
        standIn.garbled = false;
        return this;
    }

    /** Answers with this status: problem+json, or the garbled body if {@link #garbled} is set too. */
    public FakeTongyi failing(int status) {
        standIn.status = status;
        return this;
    }

    /** Answers with a body that is not the usage summary's JSON (a text where a count belongs). */
    public FakeTongyi garbled() {
        standIn.garbled = true;
        return this;
    }

    /** Answers this long after each call, without holding a thread while it waits. */
    public FakeTongyi slow(long delayMillis) {
        standIn.delayMillis = delayMillis;
        return this;
    }

    /** The query strings tongyi was asked with, oldest first. */
    public List<String> queries() {
        return standIn.queries;
    }

    @Override
    public void close() {
        server.close();
    }

    /** tongyi-service's usage summary as the pact pins it: the period, its days, and one {@code total} row. */
    @Serdeable
    record UsageSummary(String period, String from, String to, String zone, String groupBy, List<Row> rows) {

        @Serdeable
        record Row(String key, long events, long inputTokens, long outputTokens, long totalTokens) {
        }
    }

    /** Not a usage summary billing can read: {@code totalTokens} is a text. */
    @Serdeable
    record GarbledSummary(String period, List<GarbledRow> rows) {

        @Serdeable
        record GarbledRow(String key, String totalTokens) {
        }
    }

    @Requires(property = ENABLED, value = "true")
    @Controller("/api/v1/usage/summary")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class UsageSummaryStandIn {

        final List<String> queries = new CopyOnWriteArrayList<>();
        volatile long totalTokens;
        volatile int status = 200;
        volatile long delayMillis;
        volatile boolean garbled;

        @Get(produces = {MediaType.APPLICATION_JSON, "application/problem+json"})
        CompletableFuture<HttpResponse<?>> summary(HttpRequest<?> request, @Nullable @QueryValue String period) {
            queries.add(request.getUri().getRawQuery());
            // Read the behaviour when the call arrives, as a real service would answer what it was when asked.
            HttpResponse<?> answer = answer(period == null ? "" : period, status, totalTokens, garbled);
            long delay = delayMillis;
            if (delay <= 0) {
                return CompletableFuture.completedFuture(answer);
            }
            return CompletableFuture.supplyAsync(() -> answer, CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS));
        }

        private static HttpResponse<?> answer(String period, int status, long totalTokens, boolean garbled) {
            if (garbled) {
                return HttpResponse.status(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(new GarbledSummary(period, List.of(new GarbledSummary.GarbledRow("total", "many"))));
            }
            if (status == 200) {
                long output = totalTokens / 3;
                return HttpResponse.ok(new UsageSummary(period, "2024-10-01", "2024-12-31", "Asia/Shanghai", "total",
                        List.of(new UsageSummary.Row("total", 12, totalTokens - output, output, totalTokens))));
            }
            return ProblemResponses.respond(HttpStatus.valueOf(status), "Invalid period", "'" + period + "' is not a period.");
        }
    }
}
