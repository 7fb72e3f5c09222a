package aikpi.quark.apps;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Moving an app to another business unit recounts both units' users exactly. */
@MicronautTest
class AppMoveTest {

    @Inject
    @Client("/")
    HttpClient client;

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> units(QuarkApi api, String period) {
        Map<String, Map<String, Object>> byId = new java.util.TreeMap<>();
        for (Map<String, Object> u : (List<Map<String, Object>>) api.get("/api/v1/kpis?period=" + period).get("businessUnits")) {
            byId.put((String) u.get("businessUnit"), u);
        }
        return byId;
    }

    /** A unit's retention summary of 2025-Q1. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> retention(QuarkApi api, String unit) {
        return (Map<String, Object>) units(api, "2025-Q1").get(unit).get("retention");
    }

    @Test
    void movingAnAppRecountsBothUnits() {
        QuarkApi api = new QuarkApi(client.toBlocking());
        api.app("taobao", "taobao", "2003-05-10");
        api.app("tmall", "taobao", "2008-04-10");
        api.app("fliggy", "fliggy", "2010-05-01");
        // A second app of the unit tmall moves to, without users of its own: that unit's figures are read from the
        // unit's own records, not from one app's.
        api.app("tmall-mini", "tmall", "2024-01-01");
        api.post("/api/v1/activity/events", List.of(
                event("m-1", "taobao", "ann", "2025-01-10T02:00:00Z"),
                event("m-2", "tmall", "ann", "2024-12-01T02:00:00Z"),   // ann first seen in the unit in December
                event("m-3", "tmall", "bob", "2025-01-11T02:00:00Z"),
                event("m-4", "fliggy", "cat", "2025-01-12T02:00:00Z"),
                event("m-6", "taobao", "ann", "2025-01-15T02:00:00Z"),    // ann back in taobao the week after
                event("m-7", "tmall", "bob", "2025-01-16T02:00:00Z")));   // bob back in tmall the week after

        Map<String, Map<String, Object>> before = units(api, "2025-01");
        assertThat(before.get("taobao")).containsEntry("totalUsers", 2).containsEntry("newUsers", 1);
        assertThat(before.get("fliggy")).containsEntry("totalUsers", 1).containsEntry("newUsers", 1);
        // The unit's cohort of the week of Jan 6 is bob (ann was seen in December), back in week 1.
        assertThat(retention(api, "taobao")).containsEntry("cohortUsers", 1);
        assertThat(decimal(retention(api, "taobao").get("week1"))).isEqualByComparingTo("1");
        assertThat(retention(api, "tmall")).containsEntry("cohortUsers", 0);

        // Tmall moves to its own unit: taobao keeps ann (new in January now), tmall gets ann (December) and bob.
        assertThat(api.put("/api/v1/apps/tmall", Map.of("name", "Tmall", "businessUnit", "tmall",
                "launchedOn", "2008-04-10")).getStatus().getCode()).isEqualTo(200);
        Map<String, Map<String, Object>> after = units(api, "2025-01");
        assertThat(after.get("taobao")).containsEntry("totalUsers", 1).containsEntry("newUsers", 1)
                .containsEntry("appIds", List.of("taobao"));
        assertThat(after.get("tmall")).containsEntry("totalUsers", 2).containsEntry("newUsers", 1)
                .containsEntry("activeUsers", 1);
        // Recut cohorts: taobao's week of Jan 6 is now ann, back in week 1; tmall's (read from the unit's own sets, as
        // it has two apps now) is bob, back in week 1 too.
        assertThat(retention(api, "taobao")).containsEntry("cohortUsers", 1);
        assertThat(decimal(retention(api, "taobao").get("week1"))).isEqualByComparingTo("1");
        assertThat(retention(api, "tmall")).containsEntry("cohortUsers", 1);
        assertThat(decimal(retention(api, "tmall").get("week1"))).isEqualByComparingTo("1");

        // Writes after the move count toward the new unit.
        api.post("/api/v1/activity/events", List.of(event("m-5", "tmall", "dan", "2025-01-20T02:00:00Z")));
        assertThat(units(api, "2025-01").get("tmall")).containsEntry("totalUsers", 3).containsEntry("newUsers", 2);
        assertThat(units(api, "2025-01").get("taobao")).containsEntry("totalUsers", 1);
    }
}
