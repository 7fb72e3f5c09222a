package aikpi.gateway.sources;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.security.Roles;
import aikpi.testing.TestTokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A burst of identical executive views is one computation: however many callers ask for the same view at once, each
 * source is asked once for each period the view needs. The sources hold their answers until every request of the
 * burst has reached the gateway, and the answer cache is off, so only the sharing of the calls in flight can keep the
 * count at one.
 */
@MicronautTest
@Property(name = "gateway.cache.ttl", value = "0s")
@Property(name = "gateway.sources.timeout", value = "60s")
@Property(name = "shared-source-calls-test", value = "true")
class SharedSourceCallsTest extends SourceDoubles {

    private static final int BURST = 50;
    private static final String VIEW = "/api/v1/executive/ai-conversion";

    /** Counts the requests for the view that reached the gateway. */
    @Requires(property = "shared-source-calls-test", value = "true")
    @ServerFilter(VIEW)
    static class Arrivals {
        final AtomicInteger count = new AtomicInteger();

        @RequestFilter
        void arrived(HttpRequest<?> request) {
            count.incrementAndGet();
        }
    }

    @Inject
    Arrivals arrivals;

    /** Answers the sources give once the whole burst has arrived. */
    private final CompletableFuture<Void> release = new CompletableFuture<>();

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    private <T> CompletableFuture<T> later(Supplier<T> value) {
        return release.thenApplyAsync(ignored -> value.get());
    }

    @Test
    void aBurstOfIdenticalViewsAsksEachSourceOncePerPeriod() throws Exception {
        when(tongyiClient.kpis(anyString())).thenAnswer(i -> later(() -> tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(quarkClient.kpis(anyString())).thenAnswer(i -> later(() ->
                quark(group(null, 2, 100, 300, "0.500000", 50, 5, "0.050000"))));
        when(billingClient.attribution(anyString())).thenAnswer(i -> later(() ->
                billing("1000.00", "110.00", "0.110000", "10.00", "8.00", "2.00", "5.00", "5.00", 2, List.of())));
        String bearer = tokens.bearer(Roles.EXECUTIVE);

        List<Mono<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            burst.add(Mono.from(client.exchange(HttpRequest.GET(VIEW + "?period=2025-Q1")
                    .header(HttpHeaders.AUTHORIZATION, bearer), String.class)));
        }
        CompletableFuture<List<HttpResponse<String>>> answers = Flux.merge(Flux.fromIterable(burst), BURST).collectList()
                .toFuture();
        await().atMost(Duration.ofSeconds(50)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
                assertThat(arrivals.count.get()).as("requests that reached the gateway").isEqualTo(BURST));
        release.complete(null);

        assertThat(answers.get(60, TimeUnit.SECONDS)).hasSize(BURST).allSatisfy(a -> assertThat(a.getStatus().getCode()).isEqualTo(200));
        for (String period : List.of("2025-Q1", "2024-Q4")) {
            verify(tongyiClient, times(1)).kpis(period);
            verify(quarkClient, times(1)).kpis(period);
            verify(billingClient, times(1)).attribution(period);
        }
    }
}
