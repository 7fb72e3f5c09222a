package aikpi.gateway.contracts;

import aikpi.testing.ContractCredential;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.core.model.RequestResponsePact;
import io.micronaut.context.ApplicationContext;
import java.util.Map;

/** Starts the gateway's beans (no server) with one source's URL pointed at a Pact mock server. */
final class ContractClients {

    private ContractClients() {
    }

    static ApplicationContext pointedAt(String serviceId, MockServer mockServer) {
        return ApplicationContext.run(Map.of(
                "micronaut.http.services." + serviceId + ".url", mockServer.getUrl(),
                "gateway.sources.retry-attempts", 0), "test");
    }

    /** The problem+json shape every service answers a bad period with. */
    static au.com.dius.pact.consumer.dsl.DslPart problem(int status) {
        return au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody(o -> {
            o.stringType("title", "Invalid period");
            o.integerType("status", status);
            o.stringType("detail", "'2025Q1' is not a period. Accepted: a day (2025-03-14), a month (2025-03), "
                    + "a calendar quarter (2025-Q1) or a fiscal quarter (FY2025-Q3).");
        }).build();
    }

    /**
     * How complete a source's data is for a past period with data, as all three sources answer it: the gateway reads
     * {@code dataThrough} and {@code final}, by type.
     */
    static RequestResponsePact completeness(PactDslWithProvider builder, String state, String period, String lastDay) {
        return builder
                .given(state)
                .uponReceiving("how complete the data of a past period is")
                .path("/api/v1/completeness").query("period=" + period).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody(o -> {
                    o.stringType("period", period);
                    o.stringMatcher("dataThrough", "\\d{4}-\\d{2}-\\d{2}", lastDay);
                    o.booleanType("final", true);
                    o.stringMatcher("dataVersion", "\\d{4}-\\d{2}-\\d{2}T.+Z", "2026-01-01T00:00:00Z");
                }).build())
                .toPact();
    }
}
