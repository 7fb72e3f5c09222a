package aikpi.tongyi.security;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.security.audit.WriteRequests;
import aikpi.testing.PrometheusText;
import aikpi.testing.TestCallerFilter;
import aikpi.testing.TestTokens;
import aikpi.tongyi.TongyiApi;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * tongyi-service's audit trail: every accepted write has its row (who, what, how many, never the body), written in the
 * write's own transaction, so a write whose row cannot be written is not stored either and is stored and recorded when
 * sent again; refused writes leave no row but are counted on /prometheus by reason and logged without their body; the
 * trail is read by time window and subject, and bad parameters are 400 problem+json.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditTrailTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    @Inject
    Transactions transactions;

    private TongyiApi api;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeAll
    void fixtures() {
        api = new TongyiApi(client.toBlocking());
        api.model("audit-model", "Alibaba", true, "2024-09-19");
        api.customer("audit-customer", "EXTERNAL", "2024-10-01");
    }

    @BeforeEach
    void captureLog() {
        log.start();
        ((Logger) LoggerFactory.getLogger(WriteRequests.class)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(WriteRequests.class)).detachAppender(log);
        log.list.clear();
    }

    private static List<Map<String, Object>> batch(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> TongyiApi.usage(prefix + i, "audit-customer", "audit-model",
                "2025-02-0" + (1 + i % 9) + "T00:00:00Z", 10, 5)).toList();
    }

    private HttpResponse<Map> write(String writer, List<Map<String, Object>> events, String requestId) {
        MutableHttpRequest<?> request = HttpRequest.POST("/api/v1/usage/events", events)
                .header("Authorization", tokens.bearer(writer));
        if (requestId != null) {
            request.header(WriteRequests.HEADER, requestId);
        }
        return client.toBlocking().exchange(request, Map.class);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> trail(String query) {
        return (List<Map<String, Object>>) api.get("/api/v1/audit?" + query).get("entries");
    }

    private List<Map<String, Object>> rowsOf(String requestId) {
        return trail("from=2020-01-01&limit=10000").stream().filter(e -> requestId.equals(e.get("requestId"))).toList();
    }

    @Test
    void aBatchIsRecordedWithItsCallerAndCountsAndNotItsBody() {
        HttpResponse<Map> first = write(Roles.TONGYI_WRITER, batch("audit-a-", 3), "audit-a-1");
        assertThat(first.getHeaders().get(WriteRequests.HEADER)).isEqualTo("audit-a-1");
        write(Roles.TONGYI_WRITER, batch("audit-a-", 4), "audit-a-2");

        Map<String, Object> row = rowsOf("audit-a-1").get(0);
        assertThat(row).containsEntry("subject", TestTokens.subjectOf(Roles.TONGYI_WRITER))
                .containsEntry("roles", List.of(Roles.TONGYI_WRITER)).containsEntry("method", "POST")
                .containsEntry("path", "/api/v1/usage/events").containsEntry("items", 3).containsEntry("accepted", 3)
                .containsEntry("duplicates", 0).containsEntry("outcome", "ACCEPTED").containsKey("at");
        assertThat(rowsOf("audit-a-2").get(0)).containsEntry("items", 4).containsEntry("accepted", 1)
                .containsEntry("duplicates", 3);
        write(Roles.TONGYI_WRITER, batch("audit-a-", 4), "audit-a-3");
        assertThat(rowsOf("audit-a-3").get(0)).containsEntry("accepted", 0).containsEntry("duplicates", 4)
                .containsEntry("outcome", "DUPLICATES");
        // Only the row's fields: no event id, customer or figure of the body.
        assertThat(rowsOf("audit-a-1").get(0).toString()).doesNotContain("audit-a-0").doesNotContain("audit-customer");
    }

    @Test
    void aWriteWhoseAuditRowCannotBeWrittenIsNotStoredAndIsStoredAndRecordedWhenSentAgain() {
        execute("ALTER TABLE audit_event RENAME TO audit_event_away");
        try {
            Map<String, Object> problem = api.problem(HttpRequest.POST("/api/v1/usage/events", batch("audit-b-", 2))
                    .header("Authorization", tokens.bearer(Roles.TONGYI_WRITER)), 500);
            assertThat(problem).doesNotContainKey("trace");
        } finally {
            execute("ALTER TABLE audit_event_away RENAME TO audit_event");
        }
        // Nothing of the unacknowledged batch was kept: sent again, both events are new, and recorded.
        HttpResponse<Map> again = write(Roles.TONGYI_WRITER, batch("audit-b-", 2), "audit-b-again");
        assertThat(again.body()).containsEntry("accepted", 2).containsEntry("duplicates", 0);
        assertThat(rowsOf("audit-b-again")).singleElement().satisfies(row -> assertThat(row).containsEntry("accepted", 2));
    }

    @Test
    void refusedWritesLeaveNoRowAndAreCountedByReasonAndLoggedWithoutTheirBody() {
        double before401 = refused("unauthenticated");
        double before403 = refused("forbidden");
        double before400 = refused("invalid");
        double before413 = refused("too_large");

        MutableHttpRequest<?> anonymous = HttpRequest.POST("/api/v1/usage/events", batch("audit-c-", 1))
                .header(WriteRequests.HEADER, "audit-c-401");
        anonymous.setAttribute(TestCallerFilter.ANONYMOUS, true);
        api.problem(anonymous, 401);
        api.problem(HttpRequest.POST("/api/v1/usage/events", batch("audit-c-", 1))
                .header("Authorization", tokens.bearer(Roles.QUARK_WRITER)).header(WriteRequests.HEADER, "audit-c-403"), 403);
        List<Map<String, Object>> bad = new ArrayList<>(batch("audit-c-secret-body-", 1));
        bad.add(Map.of("eventId", "audit-c-bad"));
        api.problem(HttpRequest.POST("/api/v1/usage/events", bad)
                .header("Authorization", tokens.bearer(Roles.TONGYI_WRITER)).header(WriteRequests.HEADER, "audit-c-400"), 400);
        api.problem(HttpRequest.POST("/api/v1/usage/events", batch("audit-c-big-", 10_001))
                .header("Authorization", tokens.bearer(Roles.TONGYI_WRITER)).header(WriteRequests.HEADER, "audit-c-413"), 413);

        assertThat(refused("unauthenticated")).isEqualTo(before401 + 1);
        assertThat(refused("forbidden")).isEqualTo(before403 + 1);
        assertThat(refused("invalid")).isEqualTo(before400 + 1);
        assertThat(refused("too_large")).isEqualTo(before413 + 1);
        for (String id : List.of("audit-c-401", "audit-c-403", "audit-c-400", "audit-c-413")) {
            assertThat(rowsOf(id)).as(id).isEmpty();
        }
        List<String> lines = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("POST /api/v1/usage/events").contains("400 invalid")
                .contains("test-tongyi_writer").contains("audit-c-400"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("401 unauthenticated").contains("audit-c-401"));
        assertThat(String.join("\n", lines)).doesNotContain("audit-c-secret-body").doesNotContain("audit-customer");
    }

    /** The count of refused writes of a reason on /prometheus. */
    private double refused(String reason) {
        String metrics = client.toBlocking().retrieve(HttpRequest.GET("/prometheus")
                .header("Authorization", tokens.bearer(Roles.SERVICE)));
        return PrometheusText.sum(metrics, "kpi_refused_writes_total", "reason=\"" + reason + "\"");
    }

    @Test
    void theTrailIsReadByTimeWindowAndSubject() {
        write(Roles.TONGYI_WRITER, batch("audit-d-", 1), "audit-d-1");
        assertThat(trail("subject=" + TestTokens.subjectOf(Roles.TONGYI_WRITER)))
                .anySatisfy(e -> assertThat(e).containsEntry("requestId", "audit-d-1"));
        assertThat(trail("subject=someone-else")).isEmpty();
        assertThat(trail("from=2020-01-01&to=2020-12-31")).isEmpty();
        assertThat(trail("from=2020-01-01T00:00:00Z&limit=1")).hasSize(1);
        assertThat(api.get("/api/v1/audit?from=2020-01-01&limit=1")).containsEntry("truncated", true);
    }

    @Test
    void badParametersAreRefusedWith400() {
        for (String query : List.of("from=yesterday", "to=2025-13-01", "from=2025-02-01&to=2025-01-01", "limit=0",
                "limit=10001", "limit=many", "subject=" + "x".repeat(256),
                // dates that parse but that no database takes as a timestamp (they answered 500)
                "from=-999999999-01-01", "to=%2B999999999-12-31", "from=-999999999-01-01T00:00:00Z",
                "from=0001-01-01", "to=%2B1000000000-12-31T23:59:59Z")) {
            Map<String, Object> problem = api.problem(HttpRequest.GET("/api/v1/audit?" + query), 400);
            assertThat(problem.get("detail")).as(query).isNotNull();
        }
    }

    private void execute(String sql) {
        transactions.write(c -> {
            try (Statement s = c.createStatement()) {
                return s.execute(sql);
            }
        });
    }
}
