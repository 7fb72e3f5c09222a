package aikpi.gateway.sources;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.sources.quark.QuarkClient;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A source that stops answering in time is marked TIMEOUT while the gateway waits for it; once its circuit opens,
 * the gateway no longer waits, and the source is marked UNAVAILABLE ("its circuit is open"), not TIMEOUT: an
 * answer in a few milliseconds must not claim that the source was given its time.
 */
class OpenCircuitTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    /** quark-service, frozen: it answers long after any timeout. */
    @Requires(env = "frozen-quark")
    @Controller("/api/v1/kpis")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class FrozenQuark {
        @Get
        @ExecuteOn(TaskExecutors.BLOCKING)
        String kpis(@QueryValue String period) throws InterruptedException {
            Thread.sleep(2_000);
            return "{}";
        }
    }

    @Test
    void anOpenCircuitIsUnavailableNotATimeout() throws Exception {
        int port = freePort();
        Map<String, Object> properties = Map.of(
                "micronaut.server.port", port,
                "micronaut.http.services.quark-service.url", "http://127.0.0.1:" + port,
                "micronaut.http.services.quark-service.read-timeout", TIMEOUT.toMillis() + "ms",
                "gateway.sources.timeout", TIMEOUT.toMillis() + "ms",
                "gateway.sources.circuit-reset", "60s",
                "gateway.cache.ttl", "0s",
                "gateway.cache.max-stale", "0s");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties, Environment.TEST,
                "frozen-quark")) {
            SourceFetcher fetcher = server.getApplicationContext().getBean(SourceFetcher.class);
            QuarkClient quark = server.getApplicationContext().getBean(QuarkClient.class);

            List<Sourced<?>> answers = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            Sourced<?> last;
            do {
                last = fetcher.fetch(Source.QUARK, "kpis?period=2025-Q1", () -> quark.kpis("2025-Q1")).get();
                answers.add(last);
                Thread.sleep(20);
            } while (last.status() != SourceStatus.UNAVAILABLE && answers.size() < 100 && System.nanoTime() < deadline);

            assertThat(answers.get(0).status()).isEqualTo(SourceStatus.TIMEOUT);
            assertThat(answers).filteredOn(a -> a.status() == SourceStatus.TIMEOUT)
                    .as("every TIMEOUT waited for the source").allSatisfy(a ->
                            assertThat(a.took()).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)));
            assertThat(last.status()).isEqualTo(SourceStatus.UNAVAILABLE);
            assertThat(last.detail()).isEqualTo("quark-service failed repeatedly; its circuit is open");
            assertThat(last.took()).isLessThan(TIMEOUT.dividedBy(2));
            assertThat(last.value()).isNull();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
