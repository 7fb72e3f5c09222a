package aikpi.gateway.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.security.Roles;
import aikpi.testing.TestTokens;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sources are protected by a bound on the calls in flight to each: with two allowed and the sources slow to
 * answer, a trend of four quarters (four calls to each source) waits its turn only briefly (300 ms here) and is then
 * refused with 503 and Retry-After, long before the sources' timeout, and the calls that waited are never made.
 */
@MicronautTest
@Property(name = "gateway.sources.max-concurrent-calls", value = "2")
@Property(name = "gateway.sources.max-queue-wait", value = "300ms")
@Property(name = "gateway.sources.busy-retry-after", value = "3s")
@Property(name = "gateway.sources.timeout", value = "20s")
class SourceCallBoundTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    /** The calls the sources hold: answered (with nothing) when the test ends. */
    private final Queue<CompletableFuture<?>> held = new ConcurrentLinkedQueue<>();

    private <T> CompletableFuture<T> hold() {
        CompletableFuture<T> answer = new CompletableFuture<>();
        held.add(answer);
        return answer;
    }

    @AfterEach
    void release() {
        held.forEach(f -> f.complete(null));
    }

    @Test
    void aViewBeyondTheBoundIsRefusedAfterItsShortWaitWithRetryAfter() {
        when(tongyiClient.kpis(anyString())).thenAnswer(i -> hold());
        when(quarkClient.kpis(anyString())).thenAnswer(i -> hold());
        when(billingClient.attribution(anyString())).thenAnswer(i -> hold());

        long started = System.nanoTime();
        HttpClientResponseException refused = null;
        try {
            client.toBlocking().exchange(HttpRequest.GET("/api/v1/executive/ai-conversion/trend?from=2024-Q1&to=2024-Q4")
                    .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)), String.class);
        } catch (HttpClientResponseException e) {
            refused = e;
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;

        assertThat(refused).as("the trend is refused").isNotNull();
        assertThat(refused.getStatus().getCode()).isEqualTo(503);
        assertThat(refused.getResponse().getHeaders().get(HttpHeaders.RETRY_AFTER)).isEqualTo("3");
        assertThat(refused.getResponse().getContentType()).hasValueSatisfying(t ->
                assertThat(t.toString()).isEqualTo("application/problem+json"));
        @SuppressWarnings("unchecked")
        Map<String, Object> problem = refused.getResponse().getBody(Map.class).orElseThrow();
        assertThat((String) problem.get("detail")).contains("try again");
        // Refused after the wait for a slot: the sources' timeout (20 s) is not waited for.
        assertThat(tookMs).isLessThan(5_000);
        // Two calls to each source, the slots; the calls that waited for a slot in vain were never made.
        assertThat(held.size()).as("calls made").isLessThanOrEqualTo(3 * 2);
        held.forEach(f -> f.complete(null));
        assertThat(held.size()).as("calls made once the slots are free").isLessThanOrEqualTo(3 * 2);
    }
}
