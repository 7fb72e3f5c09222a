package aikpi.gateway.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.gateway.sources.quark.QuarkClient;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.testing.ContractCredential;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDslObject;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the gateway expects of quark-service; the pact is verified by quark-service's build. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "quark-service", pactVersion = PactSpecVersion.V3)
class QuarkContractTest {

    @Pact(consumer = "gateway")
    RequestResponsePact kpis(PactDslWithProvider builder) {
        return kpisOf(builder, "the consumer apps' KPIs for a quarter", "2025-Q1");
    }

    /** A fiscal year's review asks for the year at once (FY2025 = 2024-04 … 2025-03, which holds 2025-Q1). */
    @Pact(consumer = "gateway")
    RequestResponsePact kpisOfAFiscalYear(PactDslWithProvider builder) {
        return kpisOf(builder, "the consumer apps' KPIs for a fiscal year", "FY2025");
    }

    private static RequestResponsePact kpisOf(PactDslWithProvider builder, String description, String period) {
        return builder
                .given("quark has app activity and rated, resolved and converted AI sessions in 2025-Q1")
                .uponReceiving(description)
                .path("/api/v1/kpis").query("period=" + period).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", period);
                    o.minArrayLike("businessUnits", 1, g -> {
                        g.stringType("businessUnit", "quark");
                        group(g);
                    });
                    o.object("overall", QuarkContractTest::group);
                }).build())
                .toPact();
    }

    private static void group(LambdaDslObject g) {
        g.numberType("mau", 3.0);
        g.numberType("stickiness", 0.5);
        g.integerType("aiUsers", 2);
        g.integerType("aiFeatures", 2);
        g.object("volume", v -> {
            v.integerType("aiSessions", 4);
            v.integerType("turns", 12);
            v.integerType("agentCalls", 3);
        });
        g.object("quality", q -> {
            q.numberType("resolutionRate", 0.666667);
            q.integerType("resolvedSessions", 2);
            q.numberType("turnsPerResolved", 6.0);
            q.numberType("avgRating", 4.5);
            q.integerType("conversions", 1);
            q.numberType("conversionRate", 0.25);
        });
    }

    @Pact(consumer = "gateway")
    RequestResponsePact badPeriod(PactDslWithProvider builder) {
        return builder
                .uponReceiving("KPIs asked for a period that is not one")
                .path("/api/v1/kpis").query("period=2025Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(400).headers(Map.of("Content-Type", "application/problem+json"))
                .body(ContractClients.problem(400))
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "kpis")
    void readsTheKpis(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            QuarkKpis k = ctx.getBean(QuarkClient.class).kpis("2025-Q1").join();
            assertThat(k.overall().volume().aiSessions()).isEqualTo(4);
            assertThat(k.overall().quality().resolutionRate()).isEqualByComparingTo("0.666667");
            assertThat(k.businessUnits()).singleElement().satisfies(g -> assertThat(g.businessUnit()).isEqualTo("quark"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "kpisOfAFiscalYear")
    void readsAFiscalYearsKpis(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            QuarkKpis k = ctx.getBean(QuarkClient.class).kpis("FY2025").join();
            assertThat(k.overall().volume().aiSessions()).isEqualTo(4);
            assertThat(k.businessUnits()).singleElement().satisfies(g -> assertThat(g.businessUnit()).isEqualTo("quark"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "badPeriod")
    void aBadPeriodIsAProblem(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            CompletionException e = catchThrowableOfType(CompletionException.class,
                    () -> ctx.getBean(QuarkClient.class).kpis("2025Q1").join());
            assertThat(((HttpClientResponseException) e.getCause()).getStatus().getCode()).isEqualTo(400);
        }
    }
}
