package aikpi.billing.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.billing.metering.MeteredTokens;
import aikpi.billing.metering.MeteringService;
import aikpi.billing.metering.TongyiUsageClient;
import aikpi.testing.ContractCredential;
import aikpi.vocabulary.Period;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract billing holds tongyi-service to: the usage summary of a quarter, and the problem+json answer to a
 * period tongyi does not understand. Each test starts billing's own client against Pact's mock of tongyi; the
 * pact file is written to {@code contracts/pacts/cloud-billing-service-tongyi-service.json} and verified by
 * tongyi-service's build.
 */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "tongyi-service", pactVersion = PactSpecVersion.V3)
class TongyiUsageClientPactTest {

    private static final String CONSUMER = "cloud-billing-service";

    @Pact(consumer = CONSUMER)
    RequestResponsePact meteredUsageOfAQuarter(PactDslWithProvider builder) {
        return builder
                .given("tongyi has metered usage in 2024-Q4")
                .uponReceiving("a request for the metered tokens of a quarter")
                .path("/api/v1/usage/summary")
                .query("period=2024-Q4")
                .method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", "application/json(;.*)?", "application/json")
                .body(new PactDslJsonBody()
                        .stringType("period", "2024-Q4")
                        .minArrayLike("rows", 1)
                            .stringType("key", "total")
                            .integerType("totalTokens", 1500L)
                            .closeObject()
                        .closeArray())
                .toPact();
    }

    @Pact(consumer = CONSUMER)
    RequestResponsePact aPeriodThatIsNotOne(PactDslWithProvider builder) {
        return builder
                .uponReceiving("a request for the metered tokens of a period that is not one")
                .path("/api/v1/usage/summary")
                .query("period=2024-Q9")
                .method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith()
                .status(400)
                .matchHeader("Content-Type", "application/problem\\+json(;.*)?", "application/problem+json")
                .body(new PactDslJsonBody()
                        .stringType("type", "about:blank")
                        .stringType("title", "Invalid period")
                        .integerType("status", 400)
                        .stringType("detail", "'2024-Q9' is not a period. Accepted: a day (2025-03-14), a month "
                                + "(2025-03), a calendar quarter (2025-Q1) or a fiscal quarter (FY2025-Q3)."))
                .toPact();
    }

    private static ApplicationContext billingAgainst(MockServer tongyi) {
        return ApplicationContext.run(Map.of("micronaut.http.services.tongyi-service.url", tongyi.getUrl()),
                Environment.TEST);
    }

    @Test
    @PactTestFor(pactMethod = "meteredUsageOfAQuarter")
    void readsTheMeteredTokensOfAQuarter(MockServer tongyi) {
        try (ApplicationContext billing = billingAgainst(tongyi)) {
            MeteredTokens tokens = billing.getBean(MeteringService.class).meteredTokens(Period.parse("2024-Q4"));
            assertThat(tokens.available()).as(tokens.detail()).isTrue();
            assertThat(tokens.tokens()).isEqualTo(1500L);
        }
    }

    @Test
    @PactTestFor(pactMethod = "aPeriodThatIsNotOne")
    void understandsTheProblemAnswerToABadPeriod(MockServer tongyi) {
        try (ApplicationContext billing = billingAgainst(tongyi)) {
            TongyiUsageClient client = billing.getBean(TongyiUsageClient.class);
            HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                    () -> client.usageSummary("2024-Q9"));
            assertThat(e).isNotNull();
            assertThat(e.getStatus().getCode()).isEqualTo(400);
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    t -> assertThat(t.toString()).startsWith("application/problem+json"));
            assertThat(MeteringService.problemDetail(e)).contains("'2024-Q9' is not a period");
        }
    }
}
