package aikpi.billing.changes;

import static aikpi.billing.BillingApi.line;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import aikpi.testing.MovableClock;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What changed since a data version, over HTTP. The clock is moved to when each write is received; a "seal" is a
 * completeness answer's {@code dataVersion}. Reporting zone Asia/Shanghai, billing months final 4 days after they end.
 * Each test keeps to its own year, so the tests share one database.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChangesApiTest {

    static final Argument<List<Map<String, Object>>> LIST = Argument.listOf(Argument.mapOf(String.class, Object.class));

    final MovableClock clock = new MovableClock(Instant.parse("2025-06-10T00:00:00Z"));

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    /** The data version of a completeness answer for the period, taken at {@code at}: what a seal keeps. */
    String sealAt(String at, String period) {
        clock.set(at);
        String version = (String) api.get("/api/v1/completeness?period=" + period).get("dataVersion");
        assertThat(version).isEqualTo(Instant.parse(at).toString());
        return version;
    }

    List<Map<String, Object>> changes(String period, String since) {
        return api.getList("/api/v1/changes?period=" + period + "&since=" + since);
    }

    /** A FOCUS file of usage rows "account,day,cost" (a day of the account's billing month). */
    static byte[] focus(String chargeClass, String... rows) {
        StringBuilder csv = new StringBuilder("BillingAccountId,BillingPeriodStart,ChargePeriodStart,ChargeCategory,"
                + "ChargeClass,BilledCost,BillingCurrency,ServiceCategory\n");
        for (String row : rows) {
            String[] f = row.split(",");
            csv.append(f[0]).append(',').append(f[1], 0, 7).append("-01T00:00:00Z,").append(f[1])
                    .append("T04:00:00Z,Usage,").append(chargeClass).append(',').append(f[2]).append(",CNY,Compute\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    Map<String, Object> imported(String at, byte[] file) {
        clock.set(at);
        HttpResponse<Map> r = client.toBlocking().exchange(
                HttpRequest.POST("/api/v1/ledger/imports", file).contentType("text/csv"), Map.class);
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = r.body();
        return body;
    }

    @Test
    void theCompletenessAnswerCarriesTheDataVersionTakenBeforeItsFigures() {
        clock.set("2025-06-10T01:02:03.123456789Z");
        assertThat(api.get("/api/v1/completeness?period=2025-Q1"))
                .containsEntry("dataVersion", "2025-06-10T01:02:03.123456Z");
    }

    @Test
    void importsAfterTheSealAreListedLateAndRestatingOnesNamedAndCorrectionsSayWhereTheyWereBooked() {
        // 2023-03 while it is open: a first import, then a restatement of it.
        Map<String, Object> first = imported("2023-03-20T00:00:00Z", focus("", "chg-a,2023-03-10,100.00"));
        Map<String, Object> restated = imported("2023-03-25T00:00:00Z", focus("", "chg-a,2023-03-10,120.00",
                "chg-a,2023-03-11,1.00"));
        String beforeAll = "2023-03-01T00:00:00Z";
        String seal = sealAt("2023-05-01T00:00:00Z", "2023-Q1");
        // After the seal: a late first import of final 2023-02, and a correction of final 2023-03, booked in May.
        Map<String, Object> late = imported("2023-05-02T00:00:00Z", focus("", "chg-late,2023-02-14,7.00"));
        Map<String, Object> correction = imported("2023-05-03T00:00:00Z", focus("Correction", "chg-a,2023-03-10,-20.00"));

        List<Map<String, Object>> since = changes("2023-Q1", seal);
        assertThat(since).hasSize(2);
        assertThat(since.get(0)).containsEntry("kind", "IMPORT").containsEntry("at", "2023-05-02T00:00:00Z")
                .containsEntry("day", "2023-02-01").containsEntry("subject", "chg-late")
                .containsEntry("ref", late.get("importId")).containsEntry("sha256", late.get("sha256"))
                .containsEntry("by", late.get("sentBy")).containsEntry("items", 1);
        assertThat((String) since.get(0).get("description")).contains("2023-02", "first import", "late");
        assertThat(since.get(1)).containsEntry("kind", "CORRECTION").containsEntry("at", "2023-05-03T00:00:00Z")
                .containsEntry("day", "2023-03-01").containsEntry("subject", "chg-a")
                .containsEntry("ref", correction.get("importId")).containsEntry("sha256", correction.get("sha256"))
                .containsEntry("items", 1);
        assertThat((String) since.get(1).get("description")).contains("booked on 2023-05-01", "open month 2023-05");

        // Since before the first import: the import, and the restatement naming the import it replaced.
        List<Map<String, Object>> all = changes("2023-Q1", beforeAll);
        assertThat(all).extracting(c -> c.get("ref")).containsExactly(first.get("importId"),
                restated.get("importId"), late.get("importId"), correction.get("importId"));
        assertThat(all.get(0)).containsEntry("items", 1).containsEntry("day", "2023-03-01");
        assertThat((String) all.get(0).get("description")).contains("first import, before its close");
        assertThat(all.get(1)).containsEntry("kind", "IMPORT").containsEntry("items", 2);
        assertThat((String) all.get(1).get("description")).contains("restated import " + first.get("importId"));

        // Scoped to the period: a month and a fiscal year holding the months; the quarter the correction is booked in.
        assertThat(changes("2023-02", seal)).extracting(c -> c.get("ref")).containsExactly(late.get("importId"));
        assertThat(changes("FY2023", seal)).extracting(c -> c.get("ref"))
                .containsExactly(late.get("importId"), correction.get("importId"));
        assertThat(changes("2023-Q2", seal)).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("kind", "CORRECTION").containsEntry("day", "2023-05-01"));
        assertThat(changes("2022-Q4", beforeAll)).isEmpty();
        // Received before the version: nothing.
        assertThat(changes("2023-Q1", "2023-05-03T00:00:00Z")).isEmpty();
    }

    @Test
    void linesPostedAfterTheSealAreListedPerBookedDayAndReceptionAndImportedLinesOnlyAsTheirImport() {
        clock.set("2022-05-01T00:00:00Z");
        api.lines(List.of(line("chg-l1", "chg-cust", "EXTERNAL", "IAAS", "10.00", "2022-03-14")));
        String seal = sealAt("2022-05-02T00:00:00Z", "2022-Q1");
        clock.set("2022-05-03T00:00:00Z");
        api.lines(List.of(line("chg-l2", "chg-cust", "EXTERNAL", "IAAS", "10.00", "2022-03-14"),
                line("chg-l3", "chg-cust", "EXTERNAL", "IAAS", "5.00", "2022-03-14"),
                line("chg-l4", "chg-cust", "EXTERNAL", "IAAS", "5.00", "2022-03-15"),
                line("chg-l5", "chg-cust", "EXTERNAL", "IAAS", "5.00", "2022-04-02")));
        clock.set("2022-05-04T00:00:00Z");
        // The same lines again are duplicates: nothing was received.
        api.lines(List.of(line("chg-l2", "chg-cust", "EXTERNAL", "IAAS", "10.00", "2022-03-14")));
        Map<String, Object> imp = imported("2022-05-05T00:00:00Z", focus("", "chg-imp,2022-03-14,3.00"));

        List<Map<String, Object>> since = changes("2022-Q1", seal);
        assertThat(since).extracting(c -> c.get("kind") + " " + c.get("day") + " " + c.get("items") + " " + c.get("at"))
                .containsExactly("LEDGER_LINES 2022-03-14 2 2022-05-03T00:00:00Z",
                        "LEDGER_LINES 2022-03-15 1 2022-05-03T00:00:00Z",
                        "IMPORT 2022-03-01 1 2022-05-05T00:00:00Z");
        assertThat(since.get(2)).containsEntry("ref", imp.get("importId"));
        assertThat((String) since.get(0).get("description")).contains("2 ledger lines", "2022-03-14");
        assertThat(changes("2022-04", seal)).extracting(c -> c.get("kind") + " " + c.get("day"))
                .containsExactly("LEDGER_LINES 2022-04-02");
        assertThat(changes("2022-Q1", "2022-05-04T00:00:00Z")).extracting(c -> c.get("kind"))
                .containsExactly("IMPORT");
    }

    @Test
    void reportedRevenueSetAfterTheSealIsListedForTheQuartersItOverlaps() {
        clock.set("2021-05-01T00:00:00Z");
        api.groupRevenue("2021-Q1", "100.00", "10.00");
        String seal = sealAt("2021-05-02T00:00:00Z", "2021-Q1");
        clock.set("2021-05-03T00:00:00Z");
        api.groupRevenue("2021-Q1", "100.00", "12.00");
        api.groupRevenue("2020-Q4", "90.00", "9.00");

        assertThat(changes("2021-Q1", seal)).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("kind", "REPORTED_REVENUE").containsEntry("subject", "2021-Q1")
                    .containsEntry("at", "2021-05-03T00:00:00Z");
            assertThat((String) c.get("description")).contains("2021-Q1", "12.00");
        });
        assertThat(changes("FY2021", seal)).extracting(c -> c.get("subject")).containsExactlyInAnyOrder("2020-Q4",
                "2021-Q1");
        assertThat(changes("2021-02", seal)).extracting(c -> c.get("subject")).containsExactly("2021-Q1");
        assertThat(changes("2021-Q1", "2021-05-03T00:00:00Z")).isEmpty();
    }

    @Test
    void changesComeAPageAtATimeInTheirOrder() {
        clock.set("2020-05-01T00:00:00Z");
        String since = "2020-04-30T00:00:00Z";
        api.lines(List.of(line("chg-p1", "chg-page", "EXTERNAL", "IAAS", "1.00", "2020-03-01"),
                line("chg-p2", "chg-page", "EXTERNAL", "IAAS", "1.00", "2020-03-02"),
                line("chg-p3", "chg-page", "EXTERNAL", "IAAS", "1.00", "2020-03-03")));
        List<Map<String, Object>> whole = changes("2020-Q1", since);
        assertThat(whole).extracting(c -> c.get("day")).containsExactly("2020-03-01", "2020-03-02", "2020-03-03");

        HttpResponse<List<Map<String, Object>>> first = client.toBlocking().exchange(
                HttpRequest.GET("/api/v1/changes?period=2020-Q1&since=" + since + "&limit=1"), LIST);
        assertThat(first.body()).containsExactly(whole.get(0));
        String link = first.getHeaders().get("Link");
        assertThat(link).contains("rel=\"next\"", "period=2020-Q1", "limit=1", "cursor=");
        String next = link.substring(1, link.indexOf('>'));
        assertThat(api.getList(next)).containsExactly(whole.get(1));
        assertThat(api.getAllPages("/api/v1/changes?period=2020-Q1&since=" + since, 1)).isEqualTo(whole);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        clock.set("2019-05-01T00:00:00Z");
        api.lines(List.of(line("chg-bad", "chg-bad", "EXTERNAL", "IAAS", "1.00", "2019-03-01")));
        String since = "2019-04-30T00:00:00Z";
        List<Map<String, Object>> before = changes("2019-Q1", since);
        assertThat(before).hasSize(1);

        assertThat(api.problem(HttpRequest.GET("/api/v1/changes?period=2019Q1&since=" + since), 400).get("detail"))
                .asString().contains("2019Q1");
        assertThat(api.problem(HttpRequest.GET("/api/v1/changes?period=2019-Q1&since=yesterday"), 400).get("detail"))
                .asString().contains("since", "yesterday");
        api.problem(HttpRequest.GET("/api/v1/changes?period=2019-Q1"), 400);
        // A quarter that has not begun (2019-Q3 starts on 2019-07-01 in Shanghai).
        assertThat(api.problem(HttpRequest.GET("/api/v1/changes?period=2019-Q3&since=" + since), 400).get("detail"))
                .asString().contains("2019-Q3", "not begun");
        api.assertPagingParametersChecked("/api/v1/changes?period=2019-Q1&since=" + since, BillingApi.FOREIGN_CURSOR);

        assertThat(changes("2019-Q1", since)).isEqualTo(before);
    }
}
