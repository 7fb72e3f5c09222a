package aikpi.gateway.sources;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.security.Roles;
import aikpi.testing.TestTokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * One view that needs more calls of a source than it has slots is answered whole: with two calls in flight allowed
 * and every source taking 50 ms, a trend of eight quarters (eight calls to each source) waits its turn and answers
 * every quarter from every source, and no source ever had more than two of the gateway's calls at once.
 */
@MicronautTest
@Property(name = "gateway.sources.max-concurrent-calls", value = "2")
@Property(name = "gateway.cache.ttl", value = "0s")
class SourceCallQueueViewTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    /** A source's calls now and at most. */
    private record Load(AtomicInteger now, AtomicInteger most, AtomicInteger made) {
        Load() {
            this(new AtomicInteger(), new AtomicInteger(), new AtomicInteger());
        }

        <T> CompletableFuture<T> answer(T value) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            made.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> {
                now.decrementAndGet();
                return value;
            }, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void aViewOfMoreCallsThanSlotsWaitsItsTurnAndIsAnsweredWhole() {
        Load tongyiLoad = new Load();
        Load quarkLoad = new Load();
        Load billingLoad = new Load();
        when(tongyiClient.kpis(anyString())).thenAnswer(i -> tongyiLoad.answer(tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenAnswer(i -> tongyiLoad.answer(tokens("quark", 700L)));
        when(quarkClient.kpis(anyString())).thenAnswer(i -> quarkLoad.answer(
                quark(group(null, 2, 100, 300, "0.500000", 50, 5, "0.050000"))));
        when(billingClient.attribution(anyString())).thenAnswer(i -> billingLoad.answer(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of())));

        List<Map<String, Object>> points = client.toBlocking().retrieve(
                HttpRequest.GET("/api/v1/executive/ai-conversion/trend?from=2024-Q1&to=2025-Q4")
                        .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));

        assertThat(points).hasSize(8);
        assertThat(points).allSatisfy(p -> assertThat(p.get("cloudShare")).isNotNull());
        assertThat(points).allSatisfy(p -> assertThat(p.get("tokens")).isNotNull());
        assertThat(points).allSatisfy(p -> assertThat(p.get("aiSessions")).isNotNull());
        assertThat(points).allSatisfy(p -> assertThat(String.valueOf(p.get("sources")))
                .doesNotContain("TIMEOUT", "UNAVAILABLE", "STALE"));
        assertThat(tongyiLoad.made().get()).as("tongyi's calls").isGreaterThanOrEqualTo(8);
        assertThat(billingLoad.made().get()).as("billing's calls").isGreaterThanOrEqualTo(8);
        assertThat(List.of(tongyiLoad, quarkLoad, billingLoad)).allSatisfy(load ->
                assertThat(load.most().get()).as("calls in flight at once").isBetween(1, 2));
    }
}
