package aikpi.tongyi;

import static aikpi.tongyi.TongyiApi.usage;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service on one database, sent the same usage batches at the same moment: every event is
 * counted once, in the events and in both rollups, and both instances answer alike. Nothing held in one instance's
 * memory can do that, only the database (the event id as primary key, rollup rows by key).
 */
class TwoInstancesTest {

    private static final String[] CUSTOMERS = {"acme", "bank", "taobao"};
    private static final String[] MODELS = {"qwen-max", "qwen-plus"};
    private static final String[] GROUPINGS = {"", "day", "customer", "model", "customerKind", "businessUnit"};

    @TempDir
    Path dir;

    @Test
    void theSameBatchSentToBothInstancesAtOnceIsCountedOnceAndBothAnswerAlike() throws Exception {
        try (SharedDatabase database = SharedDatabase.create(dir, "tongyi");
             ServiceInstances instances = ServiceInstances.start(database, 2)) {
            TongyiApi[] apis = {new TongyiApi(instances.client(0)), new TongyiApi(instances.client(1))};
            apis[0].model("qwen-max", "Alibaba", false, "2024-09-19");
            apis[1].model("qwen-plus", "Alibaba", false, "2024-09-19");
            apis[0].customer("acme", "EXTERNAL", "2025-01-10");
            apis[1].customer("bank", "EXTERNAL", "2025-02-01");
            apis[0].customer("taobao", "INTERNAL", "2024-06-01");

            int rounds = 4;
            int size = 200;
            int step = 150;
            long input = 0;
            long output = 0;
            for (int round = 0; round < rounds; round++) {
                // Each batch repeats the last 50 events of the one before: a sender's retry of a batch it had no
                // answer to.
                List<Map<String, Object>> batch = new ArrayList<>();
                for (int n = round * step; n < round * step + size; n++) {
                    batch.add(event(n));
                    if (round == 0 || n >= round * step + size - step) {
                        input += 10 + n % 90;
                        output += 5 + n % 7;
                    }
                }
                // Two sends to each instance, all at the same moment.
                List<Callable<Map<String, Object>>> sends = new ArrayList<>();
                for (int s = 0; s < 4; s++) {
                    TongyiApi api = apis[s % 2];
                    sends.add(() -> api.post("/api/v1/usage/events", batch));
                }
                List<Map<String, Object>> answers = ServiceInstances.atOnce(sends);
                int fresh = round == 0 ? size : step;
                assertThat(answers.stream().mapToInt(a -> (Integer) a.get("accepted")).sum()).as("round %d", round)
                        .isEqualTo(fresh);
                assertThat(answers.stream().mapToInt(a -> (Integer) a.get("duplicates")).sum()).as("round %d", round)
                        .isEqualTo(4 * size - fresh);
            }

            for (String period : List.of("2025-03", "2025-Q1", "2025-03-15")) {
                for (String groupBy : GROUPINGS) {
                    String uri = "/api/v1/usage/summary?period=" + period
                            + (groupBy.isEmpty() ? "" : "&groupBy=" + groupBy);
                    assertThat(apis[1].get(uri)).as(uri).isEqualTo(apis[0].get(uri));
                }
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> total = ((List<Map<String, Object>>) apis[1]
                    .get("/api/v1/usage/summary?period=2025-Q1").get("rows")).get(0);
            assertThat(((Number) total.get("events")).longValue()).isEqualTo((rounds - 1) * step + size);
            assertThat(((Number) total.get("inputTokens")).longValue()).isEqualTo(input);
            assertThat(((Number) total.get("outputTokens")).longValue()).isEqualTo(output);
            // The day totals, advanced by concurrent writers too, add up to the same figures.
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> days = (List<Map<String, Object>>) apis[0]
                    .get("/api/v1/usage/summary?period=2025-Q1&groupBy=day").get("rows");
            assertThat(days.stream().mapToLong(d -> ((Number) d.get("events")).longValue()).sum())
                    .isEqualTo((rounds - 1) * step + size);
            assertThat(days.stream().mapToLong(d -> ((Number) d.get("inputTokens")).longValue()).sum()).isEqualTo(input);
            String kpis = "/api/v1/kpis?period=2025-Q1";
            assertThat(apis[1].get(kpis)).as(kpis).isEqualTo(apis[0].get(kpis));
        }
    }

    /** Event {@code n}: three customers, two models, spread over March 2025 by the hour. */
    private static Map<String, Object> event(int n) {
        String at = Instant.parse("2025-03-01T00:30:00Z").plus(n % 700, ChronoUnit.HOURS).toString();
        return usage("two-" + n, CUSTOMERS[n % CUSTOMERS.length], MODELS[n % MODELS.length], at,
                10 + n % 90, 5 + n % 7);
    }
}
