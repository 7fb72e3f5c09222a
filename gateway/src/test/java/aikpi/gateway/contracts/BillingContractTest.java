package aikpi.gateway.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonArrayMinLike;
import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.gateway.sources.billing.Attribution;
import aikpi.gateway.sources.billing.BillingClient;
import aikpi.gateway.sources.billing.DailyRevenue;
import aikpi.gateway.sources.billing.ModelRevenue;
import aikpi.gateway.sources.billing.LedgerSummary;
import aikpi.gateway.sources.billing.PayingCustomers;
import aikpi.gateway.sources.Completeness;
import aikpi.platform.changes.DataChange;
import aikpi.testing.ContractCredential;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the gateway expects of cloud-billing-service; the pact is verified by cloud-billing-service's build. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "cloud-billing-service", pactVersion = PactSpecVersion.V3)
class BillingContractTest {

    @Pact(consumer = "gateway")
    RequestResponsePact attribution(PactDslWithProvider builder) {
        return builder
                .given("billing has the reported 2024-Q4 revenue and AI ledger lines paid in cash and vouchers")
                .uponReceiving("the AI attribution of a quarter")
                .path("/api/v1/attribution").query("period=2024-Q4").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2024-Q4");
                    o.booleanType("reported", true);
                    o.numberType("groupRevenueCny", 280154000000.00);
                    o.numberType("cloudRevenueCny", 31742000000.00);
                    o.numberType("cloudShare", 0.113302);
                    o.numberType("baselineShare", 0.11);
                    o.numberType("shareGapPp", 0.33);
                    o.numberType("aiRevenueCny", 1500.00);
                    o.numberType("aiCashRevenueCny", 1000.00);
                    o.numberType("aiVoucherRevenueCny", 500.00);
                    o.numberType("aiShareOfCloud", 0.000001);
                    o.numberType("aiCashShareOfCloud", 0.000001);
                    o.numberType("shareWithoutAi", 0.113302);
                    o.minArrayLike("businessUnits", 1, b -> {
                        b.stringType("businessUnit", "taobao");
                        b.numberType("cloudSpendCny", 300.00);
                    });
                    o.integerType("payingCustomers", 1);
                    o.object("reconciliation", r -> {
                        r.stringType("status", "UNAVAILABLE");
                        r.integerType("billedTokens", 1000000);
                        r.numberType("maasRevenueCny", 1000.00);
                    });
                    // The ledger revenue by billed currency and the rates that converted it (a CNY-only ledger
                    // answers CNY alone and no rate).
                    o.minArrayLike("currencies", 1, c -> {
                        c.stringMatcher("currency", "[A-Z]{3}", "CNY");
                        c.numberType("billedAmount", 1500.00);
                        c.numberType("amountCny", 1500.00);
                        c.numberType("share", 1.0);
                    });
                    o.array("fxRates", a -> { });
                }).build())
                .toPact();
    }

    @Pact(consumer = "gateway")
    RequestResponsePact badPeriod(PactDslWithProvider builder) {
        return builder
                .uponReceiving("attribution asked for a period that is not one")
                .path("/api/v1/attribution").query("period=2025Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(400).headers(Map.of("Content-Type", "application/problem+json"))
                .body(ContractClients.problem(400))
                .toPact();
    }

    /** MaaS revenue and billed tokens per model: the revenue side of margin-per-million-tokens. */
    @Pact(consumer = "gateway")
    RequestResponsePact maasRevenueByModel(PactDslWithProvider builder) {
        return builder
                .given("billing has MaaS ledger lines naming their models in 2024-Q4")
                .uponReceiving("MaaS revenue and billed tokens per model in a quarter")
                .path("/api/v1/ledger/summary").query("groupBy=model&period=2024-Q4").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2024-Q4");
                    o.stringValue("groupBy", "model");
                    o.minArrayLike("rows", 1, r -> {
                        r.stringType("key", "qwen-max");
                        r.numberType("amountCny", 80.00);
                        r.integerType("tokens", 2_000_000);
                    });
                }).build())
                .toPact();
    }

    /** The daily series a running period's AI revenue and the units' cloud spend are projected from. */
    @Pact(consumer = "gateway")
    RequestResponsePact dailyRevenue(PactDslWithProvider builder) {
        return builder
                .given("billing has taobao's own AI ledger lines on two days of 2024-10")
                .uponReceiving("the ledger's revenue per booking day and business unit of a month")
                .path("/api/v1/ledger/daily").query("period=2024-10").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2024-10");
                    o.minArrayLike("rows", 1, r -> {
                        r.date("day", "yyyy-MM-dd", java.sql.Date.valueOf("2024-10-08"));
                        r.stringType("businessUnit", "taobao");
                        r.numberType("amountCny", 130.00);
                        r.numberType("aiCny", 100.00);
                        r.numberType("aiCashCny", 100.00);
                        r.numberType("maasCny", 0.00);
                    });
                }).build())
                .toPact();
    }

    /** A quarter whose billing months are all closed and imported: billing says it is final. */
    @Pact(consumer = "gateway")
    RequestResponsePact completeness(PactDslWithProvider builder) {
        return ContractClients.completeness(builder, "billing has FOCUS imports of every month of 2024-Q3, each long closed", "2024-Q3", "2024-09-30");
    }

    /** A FOCUS import received after a review was sealed that brings a month of the sealed quarter. */
    @Pact(consumer = "gateway")
    RequestResponsePact changes(PactDslWithProvider builder) {
        return builder
                .given("billing received a FOCUS import of a 2025-Q1 month after 2025-06-01")
                .uponReceiving("what changed in a period since a data version")
                .path("/api/v1/changes").query("period=2025-Q1&since=2025-06-01T00:00:00Z").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonArrayMinLike(1, o -> o.object(c -> {
                    c.stringValue("kind", DataChange.KIND_IMPORT);
                    c.stringMatcher("at", "\\d{4}-\\d{2}-\\d{2}T.+Z", "2026-01-01T00:00:00Z");
                    c.date("day", "yyyy-MM-dd", Date.from(Instant.parse("2025-03-01T00:00:00Z")));
                    c.stringType("subject", "pact-changes");
                    c.stringType("ref", "9f1c0d7e-3b2a-4c5d-8e6f-0a1b2c3d4e5f");
                    c.integerType("items", 1);
                    c.stringType("by", "billing-team");
                    c.stringMatcher("sha256", "[0-9a-f]{64}", "0".repeat(64));
                    c.stringType("description", "FOCUS import … brought billing month 2025-03 …");
                })).build())
                .toPact();
    }

    /** The drivers' total: the period's ledger revenue, its AI part, the cash of it and MaaS revenue, in one row. */
    @Pact(consumer = "gateway")
    RequestResponsePact ledgerInTotal(PactDslWithProvider builder) {
        return ledgerOf(builder, "a quarter's ledger revenue and its AI part in total", "period=2024-Q4", "total");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact ledgerByCustomer(PactDslWithProvider builder) {
        return ledgerOf(builder, "a quarter's ledger revenue and its AI part per customer", "period=2024-Q4&groupBy=customer",
                "taobao");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact ledgerByBusinessUnit(PactDslWithProvider builder) {
        return ledgerOf(builder, "a quarter's ledger revenue and its AI part per business unit",
                "period=2024-Q4&groupBy=businessUnit", "taobao");
    }

    /** A unit's drill-down: its own lines by product. */
    @Pact(consumer = "gateway")
    RequestResponsePact ledgerOfAUnitByProduct(PactDslWithProvider builder) {
        return ledgerOf(builder, "one business unit's ledger revenue and its AI part per product in a quarter",
                "period=2024-Q4&groupBy=product&businessUnit=taobao", "MAAS_TOKENS");
    }

    /** The drivers of tob-paying-customers: the customers paying cash, in all and by kind. */
    @Pact(consumer = "gateway")
    RequestResponsePact payingCustomers(PactDslWithProvider builder) {
        return builder
                .given("billing has the reported 2024-Q4 revenue and AI ledger lines paid in cash and vouchers")
                .uponReceiving("the customers paying cash in a quarter, in all and by kind")
                .path("/api/v1/ledger/paying-customers").query("period=2024-Q4").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2024-Q4");
                    o.integerType("payingCustomers", 3);
                    o.object("byKind", k -> {
                        k.integerType("EXTERNAL", 1);
                        k.integerType("INTERNAL", 1);
                        k.integerType("INVESTEE", 1);
                    });
                }).build())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "payingCustomers")
    void readsThePayingCustomersByKind(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            PayingCustomers p = ctx.getBean(BillingClient.class).payingCustomers("2024-Q4").join();
            assertThat(p.payingCustomers()).isEqualTo(3);
            assertThat(p.byKind()).containsOnlyKeys("EXTERNAL", "INTERNAL", "INVESTEE").containsEntry("INVESTEE", 1L);
        }
    }

    /** The margin's drivers by model: the AI cash revenue of the MaaS lines naming each model. */
    @Pact(consumer = "gateway")
    RequestResponsePact ledgerByModel(PactDslWithProvider builder) {
        return ledgerOf(builder, "billing has MaaS ledger lines naming their models in 2024-Q4",
                "a quarter's AI revenue and the cash of it per model its MaaS lines name", "period=2024-Q4&groupBy=model",
                "qwen-max");
    }

    /** A unit's drill-down of MaaS revenue and revenue per million tokens: its own MaaS lines per model. */
    @Pact(consumer = "gateway")
    RequestResponsePact ledgerOfAUnitByModel(PactDslWithProvider builder) {
        return ledgerOf(builder, "billing has a business unit's MaaS ledger lines naming their models in 2024-Q4",
                "one business unit's MaaS revenue per model its lines name in a quarter",
                "period=2024-Q4&groupBy=model&businessUnit=taobao", "qwen-max");
    }

    @Test
    @PactTestFor(pactMethod = "ledgerOfAUnitByModel")
    void readsAUnitsMaasRevenuePerModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            LedgerSummary s = ctx.getBean(BillingClient.class).ledgerSummary("2024-Q4", "model", "taobao").join();
            assertThat(s.rows()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("qwen-max");
                assertThat(r.maasCny()).isEqualByComparingTo("1000.00");
            });
        }
    }

    private static RequestResponsePact ledgerOf(PactDslWithProvider builder, String description, String query,
                                                String key) {
        return ledgerOf(builder, "billing has the reported 2024-Q4 revenue and AI ledger lines paid in cash and vouchers",
                description, query, key);
    }

    private static RequestResponsePact ledgerOf(PactDslWithProvider builder, String state, String description,
                                                String query, String key) {
        return builder
                .given(state)
                .uponReceiving(description)
                .path("/api/v1/ledger/summary").query(query).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2024-Q4");
                    o.stringType("groupBy", "total");
                    o.minArrayLike("rows", 1, r -> {
                        r.stringType("key", key);
                        r.numberType("amountCny", 1300.00);
                        r.numberType("aiCny", 1000.00);
                        r.numberType("aiCashCny", 1000.00);
                        r.numberType("maasCny", 1000.00);
                    });
                }).build())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "ledgerInTotal")
    void readsTheLedgerInTotal(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            LedgerSummary s = ctx.getBean(BillingClient.class).ledgerSummary("2024-Q4", null, null).join();
            assertThat(s.rows()).singleElement().satisfies(r -> {
                assertThat(r.aiCny()).isEqualByComparingTo("1000.00");
                assertThat(r.amountCny()).isEqualByComparingTo("1300.00");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "ledgerByCustomer")
    void readsTheLedgerByCustomer(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            LedgerSummary s = ctx.getBean(BillingClient.class).ledgerSummary("2024-Q4", "customer", null).join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("taobao"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "ledgerByBusinessUnit")
    void readsTheLedgerByBusinessUnit(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            LedgerSummary s = ctx.getBean(BillingClient.class).ledgerSummary("2024-Q4", "businessUnit", null).join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.aiCashCny()).isEqualByComparingTo("1000.00"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "ledgerByModel")
    void readsTheAiCashPerModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            LedgerSummary s = ctx.getBean(BillingClient.class).ledgerSummary("2024-Q4", "model", null).join();
            assertThat(s.rows()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("qwen-max");
                assertThat(r.aiCashCny()).isEqualByComparingTo("1000.00");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "ledgerOfAUnitByProduct")
    void readsAUnitsLedgerByProduct(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            LedgerSummary s = ctx.getBean(BillingClient.class).ledgerSummary("2024-Q4", "product", "taobao").join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.maasCny()).isEqualByComparingTo("1000.00"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "changes")
    void readsWhatChangedSinceASeal(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            HttpResponse<List<DataChange>> r = ctx.getBean(BillingClient.class)
                    .changes("2025-Q1", "2025-06-01T00:00:00Z", null).join();
            assertThat(r.body()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(DataChange.KIND_IMPORT);
                assertThat(c.day()).hasToString("2025-03-01");
                assertThat(c.at()).isAfter(Instant.parse("2025-06-01T00:00:00Z"));
                assertThat(c.ref()).isNotBlank();
                assertThat(c.sha256()).hasSize(64);
                assertThat(c.by()).isEqualTo("billing-team");
                assertThat(c.items()).isEqualTo(1L);
                assertThat(c.description()).contains("2025-03");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "maasRevenueByModel")
    void readsMaasRevenuePerModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            ModelRevenue r = ctx.getBean(BillingClient.class).maasRevenueByModel("2024-Q4").join();
            assertThat(r.rows()).singleElement().satisfies(row -> {
                assertThat(row.key()).isEqualTo("qwen-max");
                assertThat(row.amountCny()).isEqualByComparingTo("80.00");
                assertThat(row.tokens()).isEqualTo(java.math.BigInteger.valueOf(2_000_000));
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "dailyRevenue")
    void readsTheRevenuePerDay(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            DailyRevenue d = ctx.getBean(BillingClient.class).dailyRevenue("2024-10").join();
            assertThat(d.rows()).singleElement().satisfies(r -> {
                assertThat(r.day()).hasToString("2024-10-08");
                assertThat(r.businessUnit()).isEqualTo("taobao");
                assertThat(r.amountCny()).isEqualByComparingTo("130.00");
                assertThat(r.aiCny().subtract(r.aiCashCny())).isEqualByComparingTo("0");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "completeness")
    void readsHowCompleteAPeriodIs(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            Completeness c = ctx.getBean(BillingClient.class).completeness("2024-Q3").join();
            assertThat(c.isFinal()).isTrue();
            assertThat(c.dataThrough()).hasToString("2024-09-30");
        }
    }

    @Test
    @PactTestFor(pactMethod = "attribution")
    void readsTheAttribution(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            Attribution a = ctx.getBean(BillingClient.class).attribution("2024-Q4").join();
            assertThat(a.cloudShare()).isEqualByComparingTo("0.113302");
            assertThat(a.aiVoucherRevenueCny()).isEqualByComparingTo("500");
            assertThat(a.businessUnits()).singleElement().satisfies(b -> assertThat(b.businessUnit()).isEqualTo("taobao"));
            assertThat(a.reconciliation().maasRevenueCny()).isEqualByComparingTo("1000");
            assertThat(a.currencies()).singleElement().satisfies(c -> {
                assertThat(c.currency()).isEqualTo("CNY");
                assertThat(c.amountCny()).isEqualByComparingTo(c.billedAmount());
            });
            assertThat(a.fxRates()).isEmpty();
        }
    }

    @Test
    @PactTestFor(pactMethod = "badPeriod")
    void aBadPeriodIsAProblem(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("cloud-billing-service", server)) {
            CompletionException e = catchThrowableOfType(CompletionException.class,
                    () -> ctx.getBean(BillingClient.class).attribution("2025Q1").join());
            assertThat(((HttpClientResponseException) e.getCause()).getStatus().getCode()).isEqualTo(400);
        }
    }
}
