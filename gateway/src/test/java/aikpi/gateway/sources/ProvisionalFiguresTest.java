package aikpi.gateway.sources;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.notFinal;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.testing.ServiceApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The executive view, the scorecards and the review carry each source's completeness for the period asked, and their
 * figures are provisional until all three sources say the period is final. Each test asks its own quarter, so no
 * answer comes from the gateway's cache of another test's.
 */
@MicronautTest(transactional = false)
class ProvisionalFiguresTest extends SourceDoubles {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TargetService targets;

    @MockBean(Clock.class)
    Clock today() {
        return Clock.fixed(Instant.parse("2025-06-01T04:00:00Z"), ZoneOffset.UTC);
    }

    @BeforeEach
    void figuresAndTargets() {
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00"), tokens("quark", 700L),
                quark(group(null, 2, 100, 300, "0.500000", 50, 5, "0.050000"),
                      group("quark", 2, 100, 300, "0.500000", 50, 5, "0.050000")),
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34")))));
        TargetRequest sessions = new TargetRequest(new BigDecimal("80"), Direction.AT_LEAST, BigDecimal.ONE,
                TargetPeriod.QUARTER, null, "synthetic: completeness test");
        targets.put(2025, "group", "toc-ai-sessions", sessions, "exec");
        targets.put(2025, "quark", "toc-ai-sessions", sessions, "exec");
    }

    /** The view, the scorecards and the review of one quarter, as the gateway answers them. */
    private List<Map<String, Object>> answersFor(String quarter) {
        ServiceApi api = new ServiceApi(client.toBlocking());
        return List.of(api.get("/api/v1/executive/ai-conversion?period=" + quarter),
                api.get("/api/v1/executive/business-units?period=" + quarter),
                api.get("/api/v1/executive/reviews?period=" + quarter));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> source(Map<String, Object> answer, String serviceId) {
        return ((Map<String, Map<String, Object>>) answer.get("sources")).get(serviceId);
    }

    @Test
    void whenEverySourceIsFinalTheFiguresAreNotProvisional() {
        for (Map<String, Object> answer : answersFor("2024-Q3")) {
            assertThat(answer).containsEntry("provisional", false);
            for (Source s : Source.values()) {
                assertThat(source(answer, s.serviceId())).as(s.serviceId())
                        .containsEntry("dataThrough", "2024-09-30").containsEntry("final", true);
            }
        }
    }

    @Test
    void aSourceNotYetFinalMakesTheFiguresProvisionalAndSaysHowFarItsDataGoes() {
        when(quarkClient.completeness(anyString())).thenAnswer(call -> notFinal(call.getArgument(0), "2024-12-29"));
        for (Map<String, Object> answer : answersFor("2024-Q4")) {
            assertThat(answer).containsEntry("provisional", true);
            assertThat(source(answer, "quark-service")).containsEntry("status", "OK")
                    .containsEntry("dataThrough", "2024-12-29").containsEntry("final", false);
            assertThat(source(answer, "tongyi-service")).containsEntry("dataThrough", "2024-12-31")
                    .containsEntry("final", true);
        }
    }

    @Test
    void aSourceThatIsDownHasNoKnownCompletenessAndTheFiguresAreProvisional() {
        when(billingClient.attribution(anyString())).thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        when(billingClient.completeness(anyString())).thenReturn(CompletableFuture.failedFuture(new ConnectException("refused")));
        for (Map<String, Object> answer : answersFor("2025-Q1")) {
            // The review's targets need no ledger figure: it is complete, but not final.
            assertThat(answer).containsEntry("provisional", true);
            assertThat(source(answer, "cloud-billing-service")).containsEntry("status", "UNAVAILABLE")
                    .containsEntry("dataThrough", null).containsEntry("final", null);
            assertThat(source(answer, "quark-service")).containsEntry("final", true);
        }
    }
}
