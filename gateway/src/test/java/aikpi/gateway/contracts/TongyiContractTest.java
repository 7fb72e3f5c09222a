package aikpi.gateway.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.gateway.sources.tongyi.HubSummary;
import aikpi.gateway.sources.tongyi.ResourceSummary;
import aikpi.gateway.sources.tongyi.DailyResourceCost;
import aikpi.gateway.sources.tongyi.TongyiClient;
import aikpi.gateway.sources.tongyi.TongyiKpis;
import aikpi.gateway.sources.tongyi.UnitCosts;
import aikpi.gateway.sources.tongyi.UsageSummary;
import aikpi.gateway.sources.Completeness;
import aikpi.platform.changes.DataChange;
import aikpi.testing.ContractCredential;
import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.LambdaDsl;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the gateway expects of tongyi-service; the pact is verified by tongyi-service's build. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "tongyi-service", pactVersion = PactSpecVersion.V3)
class TongyiContractTest {

    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

    @Pact(consumer = "gateway")
    RequestResponsePact kpis(PactDslWithProvider builder) {
        return kpisOf(builder, "the model team's KPIs for a quarter", "2025-Q1");
    }

    /** A fiscal year's review asks for the year at once (FY2025 = 2024-04 … 2025-03, which holds 2025-Q1). */
    @Pact(consumer = "gateway")
    RequestResponsePact kpisOfAFiscalYear(PactDslWithProvider builder) {
        return kpisOf(builder, "the model team's KPIs for a fiscal year", "FY2025");
    }

    private static RequestResponsePact kpisOf(PactDslWithProvider builder, String description, String period) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving(description)
                .path("/api/v1/kpis").query("period=" + period).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", period);
                    o.object("influence", i -> {
                        i.object("gained", g -> counters(g, 5_000));
                        i.object("cumulative", g -> counters(g, 12_000));
                    });
                    o.object("customers", c -> {
                        c.integerType("onboarded", 2);
                        c.integerType("total", 3);
                        c.integerType("active", 2);
                        // The drivers of the customer counts: each kind's customers, and those of them active.
                        c.object("byKind", k -> {
                            k.object("EXTERNAL", x -> {
                                x.integerType("total", 2);
                                x.integerType("active", 1);
                            });
                            k.object("INTERNAL", x -> {
                                x.integerType("total", 1);
                                x.integerType("active", 1);
                            });
                        });
                    });
                    o.object("tokens", t -> t.integerType("totalTokens", 6_000));
                    o.object("resources", r -> r.numberType("costCny", 500.6));
                }).build())
                .toPact();
    }

    /** The drivers of ai-resource-cost and ai-margin: the period's GPU cost, whole and per model or purpose. */
    @Pact(consumer = "gateway")
    RequestResponsePact resourcesByModel(PactDslWithProvider builder) {
        return resourcesOf(builder, "the GPU cost of a quarter per model", "period=2025-Q1&groupBy=model", "qwen2.5-72b");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact resourcesByPurpose(PactDslWithProvider builder) {
        return resourcesOf(builder, "the GPU cost of a quarter per purpose", "period=2025-Q1&groupBy=purpose",
                "INFERENCE");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact resourcesInTotal(PactDslWithProvider builder) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving("the GPU cost of a quarter in total")
                .path("/api/v1/resources/summary").query("period=2025-Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.numberType("costCny", 502.60);
                    o.array("rows", a -> { });
                }).build())
                .toPact();
    }

    private static RequestResponsePact resourcesOf(PactDslWithProvider builder, String description, String query,
                                                   String key) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving(description)
                .path("/api/v1/resources/summary").query(query).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.numberType("costCny", 502.60);
                    o.minArrayLike("rows", 1, r -> {
                        r.stringType("key", key);
                        r.numberType("costCny", 2.00);
                    });
                }).build())
                .toPact();
    }

    /** The drivers of the hub counters: what the models gained, whole and per model or platform. */
    @Pact(consumer = "gateway")
    RequestResponsePact hubGainsByModel(PactDslWithProvider builder) {
        return hubGainsOf(builder, "the hub gains of a quarter per model", "period=2025-Q1&groupBy=model", "qwen2.5-72b");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact hubGainsByPlatform(PactDslWithProvider builder) {
        return hubGainsOf(builder, "the hub gains of a quarter per platform", "period=2025-Q1&groupBy=platform",
                "HUGGING_FACE");
    }

    private static RequestResponsePact hubGainsOf(PactDslWithProvider builder, String description, String query,
                                                  String key) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving(description)
                .path("/api/v1/hub-stats/summary").query(query).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.object("gained", g -> counters(g, 5_000));
                    o.minArrayLike("rows", 1, r -> {
                        r.stringType("key", key);
                        r.object("gained", g -> counters(g, 5_000));
                    });
                }).build())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "resourcesByModel")
    void readsTheGpuCostPerModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            ResourceSummary r = ctx.getBean(TongyiClient.class).resources("2025-Q1", "model").join();
            assertThat(r.costCny()).isEqualByComparingTo("502.60");
            assertThat(r.rows()).singleElement().satisfies(row -> {
                assertThat(row.key()).isEqualTo("qwen2.5-72b");
                assertThat(row.costCny()).isEqualByComparingTo("2.00");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "resourcesByPurpose")
    void readsTheGpuCostPerPurpose(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            ResourceSummary r = ctx.getBean(TongyiClient.class).resources("2025-Q1", "purpose").join();
            assertThat(r.rows()).singleElement().satisfies(row -> assertThat(row.key()).isEqualTo("INFERENCE"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "resourcesInTotal")
    void readsTheGpuCostInTotal(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            ResourceSummary r = ctx.getBean(TongyiClient.class).resources("2025-Q1", null).join();
            assertThat(r.costCny()).isEqualByComparingTo("502.60");
            assertThat(r.rows()).isEmpty();
        }
    }

    @Test
    @PactTestFor(pactMethod = "hubGainsByModel")
    void readsTheHubGainsPerModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            HubSummary h = ctx.getBean(TongyiClient.class).hubStats("2025-Q1", "model").join();
            assertThat(h.gained().downloads()).isEqualTo(5_000);
            assertThat(h.rows()).singleElement().satisfies(row -> {
                assertThat(row.key()).isEqualTo("qwen2.5-72b");
                assertThat(row.gained().derivatives().total()).isEqualTo(60);
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "hubGainsByPlatform")
    void readsTheHubGainsPerPlatform(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            HubSummary h = ctx.getBean(TongyiClient.class).hubStats("2025-Q1", "platform").join();
            assertThat(h.rows()).singleElement().satisfies(row -> {
                assertThat(row.key()).isEqualTo("HUGGING_FACE");
                assertThat(row.gained().likes()).isEqualTo(500);
            });
        }
    }

    private static void counters(au.com.dius.pact.consumer.dsl.LambdaDslObject o, long downloads) {
        o.integerType("downloads", (int) downloads);
        o.integerType("likes", (int) downloads / 10);
        o.object("derivatives", d -> {
            d.integerType("finetune", 30);
            d.integerType("quantized", 20);
            d.integerType("adapter", 5);
            d.integerType("merge", 5);
        });
    }

    @Pact(consumer = "gateway")
    RequestResponsePact tokensByBusinessUnit(PactDslWithProvider builder) {
        return tokensOf(builder, "tokens metered per business unit in a quarter", "2025-Q1");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact tokensByBusinessUnitInAFiscalYear(PactDslWithProvider builder) {
        return tokensOf(builder, "tokens metered per business unit in a fiscal year", "FY2025");
    }

    /** The daily series a running period's tokens are projected from: each row's key is a day. */
    @Pact(consumer = "gateway")
    RequestResponsePact tokensByDay(PactDslWithProvider builder) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving("tokens metered per day of a quarter")
                .path("/api/v1/usage/summary").query("groupBy=day&period=2025-Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.minArrayLike("rows", 1, r -> {
                        r.stringMatcher("key", "\\d{4}-\\d{2}-\\d{2}", "2025-03-14");
                        r.integerType("totalTokens", 4_000);
                    });
                }).build())
                .toPact();
    }

    /** The daily series a running period's AI resource cost is projected from. */
    @Pact(consumer = "gateway")
    RequestResponsePact resourceCostByDay(PactDslWithProvider builder) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving("the GPU resource cost per day of a quarter")
                .path("/api/v1/resources/daily").query("period=2025-Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.minArrayLike("rows", 1, r -> {
                        r.date("day", "yyyy-MM-dd", java.sql.Date.valueOf("2025-03-01"));
                        r.decimalType("costCny", new java.math.BigDecimal("502.60"));
                    });
                }).build())
                .toPact();
    }

    /** Each unit's tokens priced at each model's inference cost: the numerator of cost-per-resolved-session. */
    @Pact(consumer = "gateway")
    RequestResponsePact unitCosts(PactDslWithProvider builder) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving("each business unit's tokens priced at each model's inference cost in a quarter")
                .path("/api/v1/resources/unit-costs").query("period=2025-Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.minArrayLike("businessUnits", 1, u -> {
                        u.stringType("businessUnit", "taobao");
                        u.integerType("tokens", 4_000);
                        u.decimalType("inferenceCostCny", new java.math.BigDecimal("1.33"));
                    });
                    // Each model's family, inference cost and metered tokens: the cost side of
                    // margin-per-million-tokens.
                    o.minArrayLike("models", 1, m -> {
                        m.stringType("modelId", "qwen2.5-72b");
                        m.stringType("family", "qwen2.5");
                        m.integerType("tokens", 6_000);
                        m.decimalType("inferenceCostCny", new java.math.BigDecimal("2.00"));
                        m.decimalType("costPerMillionTokensCny", new java.math.BigDecimal("333.33"));
                    });
                }).build())
                .toPact();
    }

    private static RequestResponsePact tokensOf(PactDslWithProvider builder, String description, String period) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving(description)
                .path("/api/v1/usage/summary").query("groupBy=businessUnit&period=" + period).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", period);
                    o.minArrayLike("rows", 1, r -> {
                        r.stringType("key", "taobao");
                        r.integerType("totalTokens", 4_000);
                    });
                }).build())
                .toPact();
    }

    /** The drivers' total: the period's metered tokens in one row. */
    @Pact(consumer = "gateway")
    RequestResponsePact tokensInTotal(PactDslWithProvider builder) {
        return usageOf(builder, "tokens metered in a quarter in total", "period=2025-Q1", "total");
    }

    @Pact(consumer = "gateway")
    RequestResponsePact tokensByModel(PactDslWithProvider builder) {
        return usageOf(builder, "tokens metered per model in a quarter", "period=2025-Q1&groupBy=model", "qwen2.5-72b");
    }

    /** A unit's drill-down: its own usage by model. */
    @Pact(consumer = "gateway")
    RequestResponsePact tokensOfAUnitByModel(PactDslWithProvider builder) {
        return usageOf(builder, "one business unit's tokens per model in a quarter",
                "period=2025-Q1&groupBy=model&businessUnit=taobao", "qwen2.5-72b");
    }

    private static RequestResponsePact usageOf(PactDslWithProvider builder, String description, String query,
                                               String key) {
        return builder
                .given("tongyi has metered usage, hub snapshots, customers and GPU costs in 2025-Q1")
                .uponReceiving(description)
                .path("/api/v1/usage/summary").query(query).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.minArrayLike("rows", 1, r -> {
                        r.stringType("key", key);
                        r.integerType("totalTokens", 4_000);
                    });
                }).build())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "tokensInTotal")
    void readsTheTokensInTotal(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UsageSummary s = ctx.getBean(TongyiClient.class).usage("2025-Q1", null, null).join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.totalTokens()).isEqualTo(4_000));
        }
    }

    @Test
    @PactTestFor(pactMethod = "tokensByModel")
    void readsTheTokensByModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UsageSummary s = ctx.getBean(TongyiClient.class).usage("2025-Q1", "model", null).join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("qwen2.5-72b"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "tokensOfAUnitByModel")
    void readsAUnitsTokensByModel(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UsageSummary s = ctx.getBean(TongyiClient.class).usage("2025-Q1", "model", "taobao").join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("qwen2.5-72b"));
        }
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

    /** A quarter ended well over the lateness ago: tongyi says it is final. */
    @Pact(consumer = "gateway")
    RequestResponsePact completeness(PactDslWithProvider builder) {
        return ContractClients.completeness(builder, "tongyi has usage events of 2025-Q1, every day of it long complete", "2025-Q1", "2025-03-31");
    }

    /** Late usage events received after a seal's data version: what tongyi names as the cause of a change. */
    @Pact(consumer = "gateway")
    RequestResponsePact changes(PactDslWithProvider builder) {
        return builder
                .given("tongyi received late usage events for 2025-Q1 after 2025-06-01")
                .uponReceiving("what changed in a quarter since a data version")
                .path("/api/v1/changes").query("period=2025-Q1&since=2025-06-01T00:00:00Z").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(JSON)
                .body(LambdaDsl.newJsonArrayMinLike(1, a -> a.object(c -> {
                    c.stringValue("kind", DataChange.KIND_LATE_EVENTS);
                    // An ISO-8601 instant, to the microsecond at most.
                    c.stringMatcher("at", "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "2025-06-02T08:00:00Z");
                    c.date("day", "yyyy-MM-dd", LocalDate.parse("2025-03-14"));
                    c.integerType("items", 120);
                    c.stringType("description",
                            "120 usage events for 2025-03-14 received 2025-06-02T08:00:00Z, after the day was complete");
                })).build())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "changes")
    void readsWhatChangedSinceADataVersion(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            HttpResponse<List<DataChange>> r = ctx.getBean(TongyiClient.class)
                    .changes("2025-Q1", "2025-06-01T00:00:00Z", null).join();
            assertThat(r.getHeaders().get("Link")).isNull();
            assertThat(r.body()).singleElement().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(DataChange.KIND_LATE_EVENTS);
                assertThat(c.at()).isEqualTo("2025-06-02T08:00:00Z");
                assertThat(c.day()).isEqualTo("2025-03-14");
                assertThat(c.items()).isEqualTo(120L);
                assertThat(c.description()).startsWith("120 usage events for 2025-03-14");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "completeness")
    void readsHowCompleteAPeriodIs(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            Completeness c = ctx.getBean(TongyiClient.class).completeness("2025-Q1").join();
            assertThat(c.isFinal()).isTrue();
            assertThat(c.dataThrough()).hasToString("2025-03-31");
        }
    }

    @Test
    @PactTestFor(pactMethod = "kpis")
    void readsTheKpis(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            TongyiKpis k = ctx.getBean(TongyiClient.class).kpis("2025-Q1").join();
            assertThat(k.influence().gained().downloads()).isEqualTo(5_000);
            assertThat(k.influence().cumulative().derivatives().total()).isEqualTo(60);
            assertThat(k.customers().active()).isEqualTo(2);
            assertThat(k.customers().byKind()).containsOnlyKeys("EXTERNAL", "INTERNAL")
                    .allSatisfy((kind, f) -> assertThat(f.active()).isEqualTo(1));
            assertThat(k.customers().byKind().get("EXTERNAL").total()).isEqualTo(2);
            assertThat(k.tokens().totalTokens()).isEqualTo(6_000);
            assertThat(k.resources().costCny()).isEqualByComparingTo("500.6");
        }
    }

    @Test
    @PactTestFor(pactMethod = "tokensByBusinessUnit")
    void readsTokensByBusinessUnit(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UsageSummary s = ctx.getBean(TongyiClient.class).usageByBusinessUnit("2025-Q1").join();
            assertThat(s.rows()).singleElement().satisfies(r -> {
                assertThat(r.key()).isEqualTo("taobao");
                assertThat(r.totalTokens()).isEqualTo(4_000);
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "tokensByDay")
    void readsTokensByDay(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UsageSummary s = ctx.getBean(TongyiClient.class).usageByDay("2025-Q1").join();
            assertThat(s.rows()).singleElement().satisfies(r -> {
                assertThat(LocalDate.parse(r.key())).isEqualTo(LocalDate.parse("2025-03-14"));
                assertThat(r.totalTokens()).isEqualTo(4_000);
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "resourceCostByDay")
    void readsTheResourceCostByDay(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            DailyResourceCost c = ctx.getBean(TongyiClient.class).resourceCostByDay("2025-Q1").join();
            assertThat(c.rows()).singleElement().satisfies(r -> {
                assertThat(r.day()).isEqualTo(LocalDate.parse("2025-03-01"));
                assertThat(r.costCny()).isEqualByComparingTo("502.60");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "unitCosts")
    void readsTheUnitsPricedTokens(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UnitCosts c = ctx.getBean(TongyiClient.class).unitCosts("2025-Q1").join();
            assertThat(c.costOf("taobao")).isEqualByComparingTo("1.33");
            assertThat(c.businessUnits()).singleElement().satisfies(u -> assertThat(u.tokens()).isEqualTo(4_000));
            assertThat(c.models()).singleElement().satisfies(m -> {
                assertThat(m.modelId()).isEqualTo("qwen2.5-72b");
                assertThat(m.tokens()).isEqualTo(6_000);
                assertThat(m.inferenceCostCny()).isEqualByComparingTo("2.00");
                assertThat(m.costPerMillionTokensCny()).isEqualByComparingTo("333.33");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "kpisOfAFiscalYear")
    void readsAFiscalYearsKpis(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            TongyiKpis k = ctx.getBean(TongyiClient.class).kpis("FY2025").join();
            assertThat(k.tokens().totalTokens()).isEqualTo(6_000);
        }
    }

    @Test
    @PactTestFor(pactMethod = "tokensByBusinessUnitInAFiscalYear")
    void readsAFiscalYearsTokensByBusinessUnit(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            UsageSummary s = ctx.getBean(TongyiClient.class).usageByBusinessUnit("FY2025").join();
            assertThat(s.rows()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("taobao"));
        }
    }

    @Test
    @PactTestFor(pactMethod = "badPeriod")
    void aBadPeriodIsAProblem(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("tongyi-service", server)) {
            CompletionException e = catchThrowableOfType(CompletionException.class,
                    () -> ctx.getBean(TongyiClient.class).kpis("2025Q1").join());
            assertThat(e.getCause()).isInstanceOf(HttpClientResponseException.class);
            assertThat(((HttpClientResponseException) e.getCause()).getStatus().getCode()).isEqualTo(400);
        }
    }
}
