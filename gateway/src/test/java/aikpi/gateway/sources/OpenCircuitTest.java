package aikpi.gateway.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import aikpi.gateway.sources.quark.QuarkClient;
import aikpi.gateway.sources.quark.QuarkKpis;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.retry.exception.CircuitOpenException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A source that stops answering in time is marked TIMEOUT while the gateway waits for it; once its circuit opens,
 * the gateway no longer calls it, and the source is marked UNAVAILABLE ("its circuit is open"), not TIMEOUT: an
 * answer given without calling the source must not claim that the source was given its time.
 *
 * <p>The frozen quark-service runs in an application context of its own on a port its server chose, and the
 * gateway's context is pointed at the port that server reports, so no other process can take the port in between.
 * The test asserts states only (the statuses, the details, what the stand-in received), never elapsed times, and it
 * waits for each state it needs up to a deadline, failing with what it saw last.
 */
class OpenCircuitTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    /** The period the calls that open the circuit ask for. */
    private static final String PROBED = "2025-Q1";
    /** The period asked for only while the circuit is open: the stand-in must never see it. */
    private static final String WHILE_OPEN = "2025-Q2";

    /** quark-service, frozen: it accepts every call and never answers it (until the test ends). */
    @Requires(property = "open-circuit-test.frozen-quark", value = "true")
    @Controller("/api/v1/kpis")
    @Secured(SecurityRule.IS_ANONYMOUS)
    static class FrozenQuark {

        /** The period of every call received, oldest first. */
        final Queue<String> received = new ConcurrentLinkedQueue<>();
        private final Queue<CompletableFuture<QuarkKpis>> held = new ConcurrentLinkedQueue<>();

        @Get
        CompletableFuture<QuarkKpis> kpis(@QueryValue String period) {
            received.add(period);
            CompletableFuture<QuarkKpis> answer = new CompletableFuture<>();
            held.add(answer);
            return answer;
        }

        /** Lets the held calls go (with no answer: a 404), so the server closes without waiting for them. */
        void release() {
            held.forEach(f -> f.complete(null));
        }
    }

    @Test
    void anOpenCircuitIsUnavailableNotATimeout() throws Exception {
        try (EmbeddedServer quarkServer = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", -1,
                "open-circuit-test.frozen-quark", true), Environment.TEST)) {
            FrozenQuark frozen = quarkServer.getApplicationContext().getBean(FrozenQuark.class);
            try (ApplicationContext gateway = ApplicationContext.run(Map.of(
                    "micronaut.http.services.quark-service.url", quarkServer.getURL().toString(),
                    "micronaut.http.services.quark-service.read-timeout", TIMEOUT.toMillis() + "ms",
                    "gateway.sources.timeout", TIMEOUT.toMillis() + "ms",
                    "gateway.sources.circuit-reset", "10m",
                    "gateway.cache.ttl", "0s",
                    "gateway.cache.max-stale", "0s"), Environment.TEST)) {
                check(frozen, gateway.getBean(SourceFetcher.class), gateway.getBean(QuarkClient.class));
            } finally {
                frozen.release();
            }
        }
    }

    private static void check(FrozenQuark frozen, SourceFetcher fetcher, QuarkClient quark) throws Exception {
        // Ask until the answer is no longer a time-out; each call the gateway starts is kept to see how it ended.
        List<CompletableFuture<QuarkKpis>> calls = new CopyOnWriteArrayList<>();
        List<Sourced<?>> answers = new CopyOnWriteArrayList<>();
        try {
            await().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).until(() -> {
                Sourced<?> answer = fetcher.fetch(Source.QUARK, "kpis?period=" + PROBED,
                        () -> started(calls, quark.kpis(PROBED))).get();
                answers.add(answer);
                return answer.status() != SourceStatus.TIMEOUT;
            });
        } catch (ConditionTimeoutException e) {
            fail("quark-service's circuit did not open within %s; the answers were %s", DEADLINE, describe(answers));
        }
        Sourced<?> last = answers.get(answers.size() - 1);

        List<Sourced<?>> timeouts = answers.subList(0, answers.size() - 1);
        assertThat(timeouts).as("the gateway waited for the frozen source before the circuit opened").isNotEmpty()
                .allSatisfy(a -> {
                    assertThat(a.detail()).isEqualTo("quark-service did not answer in time");
                    assertThat(a.value()).isNull();
                });
        assertThat(last.status()).as("the first answer that is not a time-out").isEqualTo(SourceStatus.UNAVAILABLE);
        assertThat(last.detail()).isEqualTo("quark-service failed repeatedly; its circuit is open");
        assertThat(last.value()).isNull();
        assertThat(calls.get(calls.size() - 1)).as("the last call was refused by the open circuit, not sent")
                .satisfies(OpenCircuitTest::refusedByTheCircuit);
        awaitReceived(frozen, PROBED);

        // While the circuit is open, every answer is UNAVAILABLE at once and nothing reaches the source.
        List<CompletableFuture<QuarkKpis>> whileOpen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Sourced<?> answer = fetcher.fetch(Source.QUARK, "kpis?period=" + WHILE_OPEN,
                    () -> started(whileOpen, quark.kpis(WHILE_OPEN))).get();
            assertThat(answer.status()).isEqualTo(SourceStatus.UNAVAILABLE);
            assertThat(answer.detail()).isEqualTo("quark-service failed repeatedly; its circuit is open");
            assertThat(answer.value()).isNull();
        }
        assertThat(whileOpen).hasSize(3).allSatisfy(OpenCircuitTest::refusedByTheCircuit);
        assertThat(frozen.received).as("calls quark-service received").doesNotContain(WHILE_OPEN);
    }

    private static CompletableFuture<QuarkKpis> started(List<CompletableFuture<QuarkKpis>> calls,
                                                        CompletableFuture<QuarkKpis> call) {
        calls.add(call);
        return call;
    }

    /** The client's call failed with the circuit breaker's own exception: no request was sent. */
    private static void refusedByTheCircuit(CompletableFuture<QuarkKpis> call) {
        assertThat(call).isCompletedExceptionally();
        Throwable failure = call.handle((value, t) -> t).join();
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        assertThat(chain).as("the call's failure and its causes").hasAtLeastOneElementOfType(CircuitOpenException.class);
    }

    /** Waits (on the stand-in's state, up to the deadline) until it has received a call for the period. */
    private static void awaitReceived(FrozenQuark frozen, String period) {
        await().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).untilAsserted(() ->
                assertThat(frozen.received).as("the calls quark-service received within %s", DEADLINE).contains(period));
    }

    private static String describe(List<Sourced<?>> answers) {
        return answers.stream().map(a -> a.status() + " (" + a.detail() + ")").toList().toString();
    }
}
