package aikpi.gateway.reviews;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With the gateway's answer cache on (15 s, as shipped), a seal reads figures taken after its data versions, and a
 * comparison reads the live figures afresh: a change made a moment after the seal shows at once.
 */
@MicronautTest(transactional = false)
class SealedChangesFreshnessTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TargetService targets;

    void sessions(long unit) {
        when(quarkClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                quark(group(null, 4, unit, 600, "0.400000", 80, 10, "0.050000"),
                        group("quark", 2, unit, 300, "0.500000", 50, 5, "0.050000"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChangeJustAfterTheSealShowsAtOnceAlthoughAnswersAreCached() {
        when(tongyiClient.kpis(anyString())).thenReturn(CompletableFuture.completedFuture(
                tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00")));
        when(tongyiClient.usageByBusinessUnit(anyString())).thenReturn(CompletableFuture.completedFuture(
                tokens("quark", 700L)));
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.completedFuture(
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of())));
        sessions(100);
        targets.put(2025, "quark", "toc-ai-sessions", ReviewSealApiTest.target("80", "1"), "exec");
        ServiceApi api = new ServiceApi(client.toBlocking());
        // The live review is read (and cached) first, then the figures change, then the period is sealed.
        api.get(ReviewSealApiTest.REVIEWS + "?period=2024-Q4&as=live");
        sessions(110);
        api.post(ReviewSealApiTest.REVIEWS + "/2024-Q4/seal", Map.of());
        Map<String, Object> sealed = api.get(ReviewSealApiTest.REVIEWS + "?period=2024-Q4");
        assertThat(ReviewSealApiTest.kpi(sealed, "quark", "toc-ai-sessions").get("actual").toString()).isEqualTo("110");

        sessions(120);
        Map<String, Object> changes = api.get(ReviewSealApiTest.REVIEWS + "/2024-Q4/changes");
        assertThat(changes).containsEntry("changed", true);
        assertThat((List<Map<String, Object>>) changes.get("kpis")).singleElement()
                .satisfies(k -> assertThat(k.get("actualDifference").toString()).isEqualTo("10"));
        api.problem(HttpRequest.GET(ReviewSealApiTest.REVIEWS + "/2024-Q4/changes?version=0"), 404);
    }
}
