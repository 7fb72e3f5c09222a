package aikpi.gateway.contracts;

import au.com.dius.pact.consumer.MockServer;
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
}
