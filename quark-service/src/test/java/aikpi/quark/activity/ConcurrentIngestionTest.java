package aikpi.quark.activity;

import static aikpi.quark.QuarkApi.event;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.QuarkApi;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Batches sent at the same time, overlapping in users and in event ids: the dedup, the first-seen counts and the
 * sketches must come out as if they had been sent one after another.
 */
@MicronautTest
class ConcurrentIngestionTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void concurrentOverlappingBatchesCountEveryEventAndUserOnce() throws Exception {
        QuarkApi api = new QuarkApi(client.toBlocking());
        api.app("taobao", "taobao", "2003-05-10");
        api.app("tmall", "taobao", "2008-04-10");
        // 8 batches of 200 opens; batch b repeats the ids of batch b - 1's second half, so ids overlap across
        // concurrent batches. Users u0..u300 each open both apps (ids of one user alternate in parity), on days
        // spread over March, so late batches bring earlier first days for users already recorded.
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = b * 100 + i;
                int day = 28 - (n % 28);
                batch.add(event("c-" + n, n % 2 == 0 ? "taobao" : "tmall", "u" + (n % 301),
                        String.format("2025-03-%02dT04:00:00Z", day)));
            }
            batches.add(batch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Map<String, Object>>> answers = new ArrayList<>();
        for (List<Map<String, Object>> batch : batches) {
            answers.add(pool.submit(() -> api.post("/api/v1/activity/events", batch)));
        }
        long accepted = 0;
        long duplicates = 0;
        for (Future<Map<String, Object>> f : answers) {
            accepted += ((Number) f.get().get("accepted")).longValue();
            duplicates += ((Number) f.get().get("duplicates")).longValue();
        }
        pool.shutdown();
        // Ids c-0 .. c-899 are distinct: 900 events, the other 700 items were repeats.
        assertThat(accepted).isEqualTo(900);
        assertThat(duplicates).isEqualTo(700);

        @SuppressWarnings("unchecked")
        Map<String, Object> unit = ((List<Map<String, Object>>) api.get("/api/v1/kpis?period=2025-03").get("businessUnits")).get(0);
        // 301 users, each in both apps: counted once in the unit, every one new in March.
        assertThat(unit).containsEntry("totalUsers", 301).containsEntry("newUsers", 301).containsEntry("activeUsers", 301);
        Map<String, Object> taobao = api.get("/api/v1/apps/taobao/metrics?period=2025-03");
        assertThat(taobao).containsEntry("totalUsers", 301).containsEntry("activeUsers", 301);
        // The new users of each day add up to the month's: the first-seen moves from late batches balanced out.
        long byDay = 0;
        for (int d = 1; d <= 31; d++) {
            byDay += ((Number) api.get(String.format("/api/v1/apps/taobao/metrics?period=2025-03-%02d", d))
                    .get("newUsers")).longValue();
        }
        assertThat(byDay).isEqualTo(301);
    }
}
