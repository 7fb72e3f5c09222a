package aikpi.gateway.contracts;

import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonArrayMinLike;
import static au.com.dius.pact.consumer.dsl.LambdaDsl.newJsonBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import aikpi.gateway.sources.quark.DailySessions;
import aikpi.gateway.sources.quark.QuarkBreakdown;
import aikpi.gateway.sources.quark.QuarkClient;
import aikpi.gateway.sources.quark.QuarkKpis;
import aikpi.gateway.sources.quark.RetentionTable;
import aikpi.gateway.sources.Completeness;
import aikpi.platform.changes.DataChange;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What the gateway expects of quark-service; the pact is verified by quark-service's build. */
@ExtendWith(PactConsumerTestExt.class)
@PactTestFor(providerName = "quark-service", pactVersion = PactSpecVersion.V3)
class QuarkContractTest {

    /** Users of the app quark who came back, AI users among them, in 2025-Q1. */
    private static final String STATE = "quark has app activity and rated, resolved and converted AI sessions in 2025-Q1";

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
                .given(STATE)
                .uponReceiving(description)
                .path("/api/v1/kpis").query("period=" + period).method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", period);
                    o.minArrayLike("apps", 1, a -> {
                        a.stringType("appId", "quark");
                        a.stringType("name", "Quark");
                        a.stringType("businessUnit", "quark");
                        a.integerType("aiUsers", 2);
                        a.object("retention", QuarkContractTest::retention);
                    });
                    o.minArrayLike("businessUnits", 1, g -> {
                        g.stringType("businessUnit", "quark");
                        group(g);
                    });
                    o.object("overall", QuarkContractTest::group);
                }).build())
                .toPact();
    }

    /** The drivers' breakdown: the counts behind each app's, feature's and unit's quality, without retention. */
    @Pact(consumer = "gateway")
    RequestResponsePact breakdown(PactDslWithProvider builder) {
        return builder
                .given(STATE)
                .uponReceiving("the counts behind the consumer apps' KPIs for a quarter, without retention")
                .path("/api/v1/kpis").query("retention=false&period=2025-Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.minArrayLike("apps", 1, a -> {
                        a.stringType("appId", "quark");
                        a.stringType("businessUnit", "quark");
                        a.numberType("dau", 1.5);
                        a.numberType("mau", 3.0);
                        a.integerType("aiUsers", 2);
                        a.object("volume", v -> v.integerType("aiSessions", 4));
                        a.object("quality", QuarkContractTest::counts);
                        a.minArrayLike("features", 1, f -> {
                            f.stringType("featureId", "assistant");
                            f.object("volume", v -> v.integerType("aiSessions", 3));
                            f.object("quality", QuarkContractTest::counts);
                        });
                    });
                    o.minArrayLike("businessUnits", 1, g -> {
                        g.stringType("businessUnit", "quark");
                        countsOfGroup(g);
                    });
                    o.object("overall", QuarkContractTest::countsOfGroup);
                }).build())
                .toPact();
    }

    private static void countsOfGroup(LambdaDslObject g) {
        g.numberType("dau", 1.5);
        g.numberType("mau", 3.0);
        g.integerType("aiUsers", 2);
        g.numberType("stickiness", 0.5);
        g.object("volume", v -> v.integerType("aiSessions", 4));
        g.object("quality", QuarkContractTest::counts);
    }

    private static void counts(LambdaDslObject q) {
        q.numberType("resolutionRate", 0.666667);
        q.integerType("resolvedSessions", 2);
        q.integerType("knownOutcomeSessions", 3);
        q.integerType("conversions", 1);
        q.numberType("conversionRate", 0.25);
    }

    @Test
    @PactTestFor(pactMethod = "breakdown")
    void readsTheCountsBehindTheKpis(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            QuarkBreakdown b = ctx.getBean(QuarkClient.class).breakdown("2025-Q1").join();
            assertThat(b.apps()).singleElement().satisfies(a -> {
                assertThat(a.businessUnit()).isEqualTo("quark");
                assertThat(a.quality().knownOutcomeSessions()).isEqualTo(3);
                assertThat(a.features()).singleElement().satisfies(f -> assertThat(f.volume().aiSessions()).isEqualTo(3));
            });
            assertThat(b.overall().quality().resolvedSessions()).isEqualTo(2);
            assertThat(b.overall().dau()).isEqualByComparingTo("1.5");
            assertThat(b.overall().aiUsers()).isEqualTo(2);
            assertThat(b.apps()).singleElement().satisfies(a -> assertThat(a.aiUsers()).isEqualTo(2));
            assertThat(b.businessUnits()).singleElement().satisfies(g -> assertThat(g.volume().aiSessions()).isEqualTo(4));
        }
    }

    /** The daily series a running period's sessions are projected from. */
    @Pact(consumer = "gateway")
    RequestResponsePact dailySessions(PactDslWithProvider builder) {
        return builder
                .given(STATE)
                .uponReceiving("AI session counts per day and business unit of a quarter")
                .path("/api/v1/kpis/daily").query("period=2025-Q1").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("period", "2025-Q1");
                    o.minArrayLike("rows", 1, r -> {
                        r.date("day", "yyyy-MM-dd", java.sql.Date.valueOf("2025-02-10"));
                        r.stringType("businessUnit", "quark");
                        r.integerType("aiSessions", 3);
                        r.integerType("turns", 11);
                        r.integerType("resolvedSessions", 2);
                        r.integerType("conversions", 1);
                    });
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
        g.object("retention", QuarkContractTest::retention);
    }

    private static void retention(LambdaDslObject r) {
        r.integerType("cohorts", 1);
        r.integerType("cohortUsers", 3);
        r.numberType("week1", 0.0);
        r.numberType("week4", 0.333333);
        r.numberType("aiWeek4", 0.5);
        r.numberType("nonAiWeek4", 0.0);
        r.numberType("aiLiftPp", 50.0);
        r.booleanType("estimate", false);
        // The counts behind the shares, which the drivers add up over apps and units.
        r.integerType("week4Users", 1);
        r.integerType("aiCohortUsers", 2);
        r.integerType("aiWeek4Users", 1);
        r.integerType("nonAiCohortUsers", 1);
        r.integerType("nonAiWeek4Users", 0);
    }

    @Pact(consumer = "gateway")
    RequestResponsePact retentionOfAnApp(PactDslWithProvider builder) {
        return builder
                .given(STATE)
                .uponReceiving("an app's weekly cohorts of its AI users")
                .path("/api/v1/apps/quark/retention")
                .query("cohort=week&from=2025-02-10&to=2025-02-16&segment=ai").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonBody(o -> {
                    o.stringType("appId", "quark");
                    o.stringType("cohort", "week");
                    o.stringType("returnOn", "open");
                    o.stringType("segment", "ai");
                    o.date("from", "yyyy-MM-dd");
                    o.date("to", "yyyy-MM-dd");
                    o.date("asOf", "yyyy-MM-dd");
                    o.booleanType("estimate", false);
                    o.minArrayLike("cohorts", 1, c -> {
                        c.date("start", "yyyy-MM-dd");
                        c.integerType("size", 2);
                        c.minArrayLike("offsets", 1, cell -> {
                            cell.integerType("offset", 0);
                            cell.date("start", "yyyy-MM-dd");
                            cell.integerType("users", 2);
                            cell.numberType("share", 1.0);
                            cell.booleanType("partial", false);
                        });
                    });
                }).build())
                .toPact();
    }

    @Pact(consumer = "gateway")
    RequestResponsePact retentionOfAnUnknownApp(PactDslWithProvider builder) {
        return builder
                .uponReceiving("retention asked for an app quark does not know")
                .path("/api/v1/apps/no-such-app/retention").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(404).headers(Map.of("Content-Type", "application/problem+json"))
                .body(newJsonBody(o -> {
                    o.stringType("title", "Not found");
                    o.integerType("status", 404);
                    o.stringType("detail", "No app with id 'no-such-app'.");
                }).build())
                .toPact();
    }

    @Pact(consumer = "gateway")
    RequestResponsePact retentionOfABadRange(PactDslWithProvider builder) {
        return builder
                .given(STATE)
                .uponReceiving("retention asked from a day after the day it ends")
                .path("/api/v1/apps/quark/retention").query("from=2025-03-01&to=2025-02-01").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(400).headers(Map.of("Content-Type", "application/problem+json"))
                .body(newJsonBody(o -> {
                    o.stringType("title", "Invalid request");
                    o.integerType("status", 400);
                    o.stringType("detail", "from (2025-03-01) must not be after to (2025-02-01).");
                }).build())
                .toPact();
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

    /** A quarter ended well over the lateness ago, with no app fed by daily aggregates: quark says it is final. */
    @Pact(consumer = "gateway")
    RequestResponsePact completeness(PactDslWithProvider builder) {
        return ContractClients.completeness(builder, "quark has events of 2025-Q1 from apps fed by events only, every day of it long complete", "2025-Q1", "2025-03-31");
    }

    /** taobao-dp's pipeline sent one day of 2025-Q1 again after a review of the quarter was sealed. */
    private static final String DAY_SENT_AGAIN =
            "taobao-dp, fed by daily aggregates, sent its 2025-03-14 of 2025-Q1 again after 2025-06-01";
    /** An instant in UTC as the services write it (ISO-8601, a fraction of a second only when there is one). */
    private static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Pact(consumer = "gateway")
    RequestResponsePact changes(PactDslWithProvider builder) {
        return builder
                .given(DAY_SENT_AGAIN)
                .uponReceiving("what changed in a quarter's figures since a data version")
                .path("/api/v1/changes").query("period=2025-Q1&since=2025-06-01T00:00:00Z").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(200).headers(Map.of("Content-Type", "application/json"))
                .body(newJsonArrayMinLike(1, a -> a.object(o -> {
                    o.stringValue("kind", DataChange.KIND_DAY_SENT_AGAIN);
                    o.stringMatcher("at", INSTANT, "2025-06-15T02:00:00Z");
                    o.date("day", "yyyy-MM-dd", LocalDate.parse("2025-03-14"));
                    o.stringType("subject", "taobao-dp");
                    o.integerType("oldVersion", 1);
                    o.integerType("newVersion", 2);
                    o.stringType("description", "taobao-dp's 2025-03-14 sent again: version 2 replaced version 1");
                })).build())
                .toPact();
    }

    @Pact(consumer = "gateway")
    RequestResponsePact changesSinceNoVersion(PactDslWithProvider builder) {
        return builder
                .uponReceiving("what changed since something that is not a data version")
                .path("/api/v1/changes").query("period=2025-Q1&since=last-week").method("GET")
                .matchHeader(ContractCredential.HEADER, ContractCredential.PATTERN, ContractCredential.EXAMPLE)
                .willRespondWith().status(400).headers(Map.of("Content-Type", "application/problem+json"))
                .body(newJsonBody(o -> {
                    o.stringType("title", "Invalid request");
                    o.integerType("status", 400);
                    o.stringType("detail", "since must be a data version as a completeness answer gives it (an "
                            + "ISO-8601 instant such as 2026-04-06T00:00:00.123456Z), not 'last-week'.");
                }).build())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "changes")
    void readsTheDaysSentAgainSinceASeal(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            List<DataChange> changes = ctx.getBean(QuarkClient.class).changes("2025-Q1", "2025-06-01T00:00:00Z", null)
                    .join().body();
            assertThat(changes).first().satisfies(c -> {
                assertThat(c.kind()).isEqualTo(DataChange.KIND_DAY_SENT_AGAIN);
                assertThat(c.day()).hasToString("2025-03-14");
                assertThat(c.subject()).isEqualTo("taobao-dp");
                assertThat(c.oldVersion()).isEqualTo(1);
                assertThat(c.newVersion()).isEqualTo(2);
                assertThat(c.at()).isEqualTo(Instant.parse("2025-06-15T02:00:00Z"));
                assertThat(c.description()).contains("sent again");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "changesSinceNoVersion")
    void changesSinceNoVersionIsAProblem(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            CompletionException e = catchThrowableOfType(CompletionException.class,
                    () -> ctx.getBean(QuarkClient.class).changes("2025-Q1", "last-week", null).join());
            assertThat(((HttpClientResponseException) e.getCause()).getStatus().getCode()).isEqualTo(400);
        }
    }

    @Test
    @PactTestFor(pactMethod = "completeness")
    void readsHowCompleteAPeriodIs(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            Completeness c = ctx.getBean(QuarkClient.class).completeness("2025-Q1").join();
            assertThat(c.isFinal()).isTrue();
            assertThat(c.dataThrough()).hasToString("2025-03-31");
        }
    }

    @Test
    @PactTestFor(pactMethod = "kpis")
    void readsTheKpis(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            QuarkKpis k = ctx.getBean(QuarkClient.class).kpis("2025-Q1").join();
            assertThat(k.overall().volume().aiSessions()).isEqualTo(4);
            assertThat(k.overall().quality().resolutionRate()).isEqualByComparingTo("0.666667");
            assertThat(k.businessUnits()).singleElement().satisfies(g -> assertThat(g.businessUnit()).isEqualTo("quark"));
            assertThat(k.overall().retention().aiLiftPp()).isEqualByComparingTo("50");
            assertThat(k.apps()).singleElement().satisfies(a -> assertThat(a.retention().week4()).isNotNull());
            QuarkKpis.Retention r = k.overall().retention();
            assertThat(List.of(r.week4Users(), r.aiCohortUsers(), r.aiWeek4Users(), r.nonAiCohortUsers(),
                    r.nonAiWeek4Users())).containsExactly(1L, 2L, 1L, 1L, 0L);
        }
    }

    @Test
    @PactTestFor(pactMethod = "dailySessions")
    void readsTheDailySessions(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            DailySessions d = ctx.getBean(QuarkClient.class).dailySessions("2025-Q1").join();
            assertThat(d.rows()).singleElement().satisfies(r -> {
                assertThat(r.day()).isEqualTo(LocalDate.parse("2025-02-10"));
                assertThat(r.businessUnit()).isEqualTo("quark");
                assertThat(r.aiSessions()).isEqualTo(3);
                assertThat(r.resolvedSessions()).isEqualTo(2);
            });
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
    @PactTestFor(pactMethod = "retentionOfAnApp")
    void readsAnAppsCohorts(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            RetentionTable t = ctx.getBean(QuarkClient.class).retention("quark", "week", "2025-02-10", "2025-02-16", "ai").join();
            assertThat(t.segment()).isEqualTo("ai");
            assertThat(t.cohorts()).singleElement().satisfies(c -> {
                assertThat(c.size()).isEqualTo(2);
                assertThat(c.offsets().get(0).share()).isEqualByComparingTo("1");
            });
        }
    }

    @Test
    @PactTestFor(pactMethod = "retentionOfAnUnknownApp")
    void anUnknownAppIsNotFound(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            // Micronaut's declarative client completes a future with no value on a 404; the gateway reads that as "no such app".
            assertThat(ctx.getBean(QuarkClient.class).retention("no-such-app", null, null, null, null).join()).isNull();
        }
    }

    @Test
    @PactTestFor(pactMethod = "retentionOfABadRange")
    void aBadRangeIsAProblem(MockServer server) {
        try (ApplicationContext ctx = ContractClients.pointedAt("quark-service", server)) {
            CompletionException e = catchThrowableOfType(CompletionException.class,
                    () -> ctx.getBean(QuarkClient.class).retention("quark", null, "2025-03-01", "2025-02-01", null).join());
            assertThat(((HttpClientResponseException) e.getCause()).getStatus().getCode()).isEqualTo(400);
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
