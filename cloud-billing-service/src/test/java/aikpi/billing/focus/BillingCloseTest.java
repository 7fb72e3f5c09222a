package aikpi.billing.focus;

import static aikpi.billing.BillingApi.dec;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.billing.BillingApi;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The close of a billing month over HTTP, with the default close (4 days after the month ends in Asia/Shanghai) and
 * the real clock: months of 2017-2019 are final, the current month is open. Every test books its own accounts in its
 * own months, so the tests share one database.
 */
@MicronautTest
class BillingCloseTest {

    static final Argument<Map<String, Object>> MAP = Argument.mapOf(String.class, Object.class);
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    @Client("/")
    HttpClient client;

    BillingApi api;

    @BeforeEach
    void api() {
        api = new BillingApi(client.toBlocking());
    }

    HttpResponse<Map<String, Object>> send(FocusFile file) {
        return client.toBlocking().exchange(FocusImportTest.csv(file.bytes()), MAP);
    }

    Map<String, Object> imported(FocusFile file) {
        HttpResponse<Map<String, Object>> r = send(file);
        assertThat(r.getStatus().getCode()).isEqualTo(201);
        return r.body();
    }

    @SuppressWarnings("unchecked")
    BigDecimal customerTotal(String period, String customer) {
        Map<String, Object> s = api.get("/api/v1/ledger/summary?period=" + period + "&groupBy=customer");
        return ((List<Map<String, Object>>) s.get("rows")).stream().filter(r -> customer.equals(r.get("key")))
                .map(r -> dec(r.get("amountCny"))).findFirst().orElse(BigDecimal.ZERO);
    }

    Map<String, Object> completeness(String period) {
        return api.get("/api/v1/completeness?period=" + period);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> month(Map<String, Object> completeness, String month) {
        return ((List<Map<String, Object>>) completeness.get("months")).stream()
                .filter(m -> month.equals(m.get("month"))).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> unit(Map<String, Object> importRecord) {
        return ((List<Map<String, Object>>) importRecord.get("units")).get(0);
    }

    static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    @Test
    void restatingAFinalMonthAlreadyImportedIsRefusedNamingTheMonthAndTheImportAndNothingChanges() {
        FocusFile first = new FocusFile();
        first.usage("close-restate", "2019-03-10", "100.00", "Compute");
        Map<String, Object> a = imported(first);
        int importsBefore = api.getAllPages("/api/v1/ledger/imports", 1000).size();

        FocusFile restated = new FocusFile();
        restated.usage("close-restate", "2019-03-10", "150.00", "Compute");
        restated.usage("close-restate-new", "2019-03-11", "5.00", "Compute");
        Map<String, Object> problem = api.problem(FocusImportTest.csv(restated.bytes()), 409);
        assertThat(problem).containsEntry("month", "2019-03").containsEntry("billingAccountId", "close-restate")
                .containsEntry("importId", a.get("importId")).containsEntry("sha256", a.get("sha256"));
        assertThat((String) problem.get("detail")).contains("2019-03", (String) a.get("importId"),
                (String) a.get("sha256"), "Correction");

        assertThat(customerTotal("2019-03", "close-restate")).isEqualByComparingTo("100.00");
        assertThat(customerTotal("2019-03", "close-restate-new")).isEqualByComparingTo("0");
        assertThat(api.getAllPages("/api/v1/ledger/imports", 1000)).hasSize(importsBefore);
        assertThat(api.get("/api/v1/ledger/imports/" + a.get("importId")).get("supersededBy")).isNull();
        assertThat(month(completeness("2019-Q1"), "2019-03")).containsEntry("restatements", 0);
    }

    @Test
    void aCorrectionOfAFinalMonthIsAcceptedAndBookedInTheOpenPeriodBesideTheMonth() {
        imported(usage("close-correct", "2019-04-10", "100.00"));
        YearMonth open = YearMonth.from(today());
        BigDecimal openBefore = customerTotal(open.toString(), "close-correct");

        FocusFile correction = new FocusFile();
        correction.usage("close-correct", "2019-04-10", "-30.00", "Compute").put("ChargeClass", "Correction");
        Map<String, Object> c = imported(correction);
        assertThat(c).containsEntry("corrections", 1).containsEntry("replaced", List.of());
        assertThat(unit(c)).containsEntry("correction", true).containsEntry("late", false);

        assertThat(customerTotal("2019-04", "close-correct")).isEqualByComparingTo("100.00");
        assertThat(customerTotal(open.atDay(1).toString(), "close-correct"))
                .isEqualByComparingTo(openBefore.add(new BigDecimal("-30.00")));
        // A second correction adds to the first; the very same correction file again changes nothing.
        FocusFile another = new FocusFile();
        another.usage("close-correct", "2019-04-11", "-5.00", "Compute").put("ChargeClass", "Correction");
        imported(another);
        HttpResponse<Map<String, Object>> again = send(correction);
        assertThat(again.getStatus().getCode()).isEqualTo(200);
        assertThat(again.body()).containsEntry("unchanged", true).containsEntry("importId", c.get("importId"));
        assertThat(customerTotal(open.toString(), "close-correct"))
                .isEqualByComparingTo(openBefore.add(new BigDecimal("-35.00")));
        assertThat(month(completeness("2019-Q2"), "2019-04")).containsEntry("imported", true)
                .containsEntry("restatements", 0);
    }

    @Test
    void restatingAnOpenMonthIsAllowedAndCounted() {
        String day = today().withDayOfMonth(1).toString();
        String open = day.substring(0, 7);
        long before = ((Number) month(completeness(open), open).get("restatements")).longValue();

        Map<String, Object> a = imported(usage("close-open", day, "10.00"));
        assertThat(unit(a)).containsEntry("late", false).containsEntry("restated", null);
        Map<String, Object> b = imported(usage("close-open", day, "12.00"));
        assertThat(b).containsEntry("replaced", List.of(a.get("importId")));
        assertThat(unit(b)).containsEntry("restated", a.get("importId"));
        assertThat(customerTotal(open, "close-open")).isEqualByComparingTo("12.00");

        Map<String, Object> now = completeness(open);
        assertThat(month(now, open)).containsEntry("final", false).containsEntry("imported", true)
                .containsEntry("restatements", (int) before + 1);
        assertThat(now).containsEntry("final", false).containsEntry("dataThrough", null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFirstImportOfAFinalMonthIsAcceptedAndCountedLateByDayReceived() {
        assertThat((Map<String, Object>) completeness("2018-Q1").get("lateItems")).containsEntry("total", 0);
        FocusFile late = new FocusFile();
        late.usage("close-late", "2018-02-01", "1.00", "Compute");
        late.usage("close-late", "2018-02-02", "2.00", "Compute");
        late.usage("close-late", "2018-02-03", "3.00", "Compute");
        Map<String, Object> r = imported(late);
        assertThat(unit(r)).containsEntry("late", true);
        assertThat(customerTotal("2018-02", "close-late")).isEqualByComparingTo("6.00");

        Map<String, Object> c = completeness("2018-Q1");
        assertThat((Map<String, Object>) c.get("lateItems")).containsEntry("total", 3).containsEntry("byDayReceived",
                List.of(Map.of("day", today().toString(), "items", 3)));
        assertThat(month(c, "2018-02")).containsEntry("final", true).containsEntry("imported", true);
        assertThat(month(c, "2018-01")).containsEntry("imported", false);
        assertThat(c).containsEntry("dataThrough", null).containsEntry("final", false);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFileBringingAFinalMonthAsItStandsBesideAChangedOpenMonthRestatesOnlyTheOpenMonth() {
        String day = today().withDayOfMonth(1).toString();
        String open = day.substring(0, 7);
        FocusFile first = new FocusFile();
        first.usage("close-range", "2018-08-08", "40.00", "Compute");
        first.usage("close-range", day, "1.00", "Compute");
        Map<String, Object> a = imported(first);

        FocusFile again = new FocusFile();
        again.usage("close-range", day, "3.00", "Compute");
        again.usage("close-range", "2018-08-08", "40.00", "Compute");
        Map<String, Object> b = imported(again);
        assertThat(b).containsEntry("replaced", List.of(a.get("importId"))).containsEntry("billingPeriods", List.of(open));
        assertThat(customerTotal(open, "close-range")).isEqualByComparingTo("3.00");
        assertThat(customerTotal("2018-08", "close-range")).isEqualByComparingTo("40.00");
        assertThat(month(completeness("2018-08"), "2018-08")).containsEntry("restatements", 0);
        assertThat(((List<Map<String, Object>>) api.get("/api/v1/ledger/imports/" + a.get("importId")).get("units")))
                .extracting(u -> u.get("supersededBy")).containsExactlyInAnyOrder(null, b.get("importId"));

        FocusFile changed = new FocusFile();
        changed.usage("close-range", "2018-08-08", "41.00", "Compute");
        changed.usage("close-range", day, "5.00", "Compute");
        assertThat(api.problem(FocusImportTest.csv(changed.bytes()), 409)).containsEntry("month", "2018-08")
                .containsEntry("importId", a.get("importId"));
        assertThat(customerTotal(open, "close-range")).isEqualByComparingTo("3.00");
        assertThat(customerTotal("2018-08", "close-range")).isEqualByComparingTo("40.00");
    }

    @Test
    void theSameFileTwiceIsADuplicateNotARestatement() {
        FocusFile f = usage("close-twice", "2018-05-05", "9.00");
        Map<String, Object> a = imported(f);
        HttpResponse<Map<String, Object>> again = send(f);
        assertThat(again.getStatus().getCode()).isEqualTo(200);
        assertThat(again.body()).containsEntry("unchanged", true).containsEntry("importId", a.get("importId"));
        assertThat(customerTotal("2018-05", "close-twice")).isEqualByComparingTo("9.00");
        assertThat(month(completeness("2018-05"), "2018-05")).containsEntry("restatements", 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLongPastQuarterIsCompleteThroughItsLastImportedMonthAndFinalOnceAllAre() {
        FocusFile janFeb = new FocusFile();
        janFeb.usage("close-quarter", "2017-01-15", "1.00", "Compute");
        janFeb.usage("close-quarter", "2017-02-15", "1.00", "Compute");
        imported(janFeb);
        Map<String, Object> partial = completeness("2017-Q1");
        assertThat(partial).containsEntry("dataThrough", "2017-02-28").containsEntry("final", false);
        assertThat((List<String>) partial.get("notes")).contains("2017-03 has no FOCUS import yet.");

        imported(usage("close-quarter", "2017-03-15", "1.00"));
        Map<String, Object> c = completeness("2017-Q1");
        assertThat(c).containsEntry("period", "2017-Q1").containsEntry("from", "2017-01-01")
                .containsEntry("to", "2017-03-31").containsEntry("zone", "Asia/Shanghai")
                .containsEntry("dataThrough", "2017-03-31").containsEntry("final", true)
                .containsEntry("lateItems", Map.of("total", 3,
                        "byDayReceived", List.of(Map.of("day", today().toString(), "items", 3))))
                .containsEntry("months", List.of(
                        Map.of("month", "2017-01", "final", true, "imported", true, "restatements", 0),
                        Map.of("month", "2017-02", "final", true, "imported", true, "restatements", 0),
                        Map.of("month", "2017-03", "final", true, "imported", true, "restatements", 0)));
        assertThat(c.keySet()).containsExactly("period", "from", "to", "zone", "dataThrough", "final", "lateItems",
                "months", "notes", "dataVersion");
        // The same quarter named as a fiscal quarter, and a fiscal year whose later months are not imported.
        assertThat(completeness("FY2017-Q4")).containsEntry("dataThrough", "2017-03-31").containsEntry("final", true);
        assertThat(completeness("FY2017")).containsEntry("dataThrough", null);
    }

    @Test
    void aMalformedOrMissingPeriodIs400() {
        for (String bad : List.of("2025-Q5", "next-quarter", "")) {
            Map<String, Object> p = api.problem(HttpRequest.GET("/api/v1/completeness?period=" + bad), 400);
            assertThat((String) p.get("detail")).isNotBlank();
        }
        api.problem(HttpRequest.GET("/api/v1/completeness"), 400);
    }

    static FocusFile usage(String account, String day, String cost) {
        FocusFile f = new FocusFile();
        f.usage(account, day, cost, "Compute");
        return f;
    }
}
