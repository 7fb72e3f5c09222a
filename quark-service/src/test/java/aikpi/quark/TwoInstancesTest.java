package aikpi.quark;

import static aikpi.quark.QuarkApi.decimal;
import static aikpi.quark.QuarkApi.event;
import static aikpi.quark.QuarkApi.session;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.testing.ServiceInstances;
import aikpi.testing.SharedDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service on one database, sent the same batches at the same moment: every session and app
 * open is counted once, in the raw tables, the daily aggregates, the first sightings and the sketches, and both
 * instances answer alike. Nothing held in one instance's memory can do that, only the database (ids as primary keys,
 * row locks on apps and sketch buckets, aggregate rows by key).
 */
class TwoInstancesTest {

    private static final int ROUNDS = 4;
    private static final int SIZE = 200;
    /** Each batch starts this far after the one before: it repeats the last 50 items of the one before. */
    private static final int STEP = 150;
    private static final String[] OUTCOMES = {"RESOLVED", "ABANDONED", "ESCALATED", "UNKNOWN"};

    @TempDir
    Path dir;

    SharedDatabase database;
    ServiceInstances instances;
    QuarkApi[] apis;

    @BeforeEach
    void startTwoInstances() {
        // On H2, batches for one app queue on its row lock; the wait is raised as in the service's own configuration.
        database = SharedDatabase.create(dir, "quark", ";LOCK_TIMEOUT=30000");
        instances = ServiceInstances.start(database, 2);
        apis = new QuarkApi[] {new QuarkApi(instances.client(0)), new QuarkApi(instances.client(1))};
        apis[0].app("amap", "amap", "2010-01-01");
        apis[1].app("amap-auto", "amap", "2018-01-01");
        apis[0].feature("amap", "nav-agent", "AGENT", "2024-06-01");
        apis[1].feature("amap", "ask", "ASSISTANT", "2024-06-01");
    }

    @AfterEach
    void stop() {
        instances.close();
        database.close();
    }

    @Test
    void theSameSessionBatchSentToBothInstancesAtOnceIsCountedOnceAndBothAnswerAlike() throws Exception {
        sendEveryRoundToBothAtOnce("/api/v1/ai-sessions", TwoInstancesTest::aiSession);

        long sessions = 0;
        long turns = 0;
        long resolved = 0;
        BigDecimal value = BigDecimal.ZERO;
        Set<String> users = new HashSet<>();
        for (int n = 0; n < (ROUNDS - 1) * STEP + SIZE; n++) {
            Map<String, Object> s = aiSession(n);
            sessions++;
            turns += (Long) s.get("turns");
            resolved += s.get("outcome").equals("RESOLVED") ? 1 : 0;
            value = s.containsKey("conversionValueCny") ? value.add((BigDecimal) s.get("conversionValueCny")) : value;
            users.add((String) s.get("userId"));
        }
        assertAlike("/api/v1/apps/amap/metrics?period=2025-03", "/api/v1/apps/amap/metrics?period=2025-Q1",
                "/api/v1/apps/amap/metrics?period=2025-03-15", "/api/v1/kpis?period=2025-03");
        Map<String, Object> march = apis[1].get("/api/v1/apps/amap/metrics?period=2025-03");
        assertThat(march).containsEntry("aiUsers", users.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> volume = (Map<String, Object>) march.get("volume");
        assertThat(volume).containsEntry("aiSessions", (int) sessions).containsEntry("turns", (int) turns);
        @SuppressWarnings("unchecked")
        Map<String, Object> quality = (Map<String, Object>) march.get("quality");
        assertThat(quality).containsEntry("resolvedSessions", (int) resolved);
        assertThat(decimal(quality.get("conversionValueCny"))).isEqualByComparingTo(value);
    }

    @Test
    void theSameAppOpenBatchSentToBothInstancesAtOnceCountsEveryUserOnce() throws Exception {
        sendEveryRoundToBothAtOnce("/api/v1/activity/events", TwoInstancesTest::appOpen);

        Set<String> users = new HashSet<>();
        for (int n = 0; n < (ROUNDS - 1) * STEP + SIZE; n++) {
            users.add((String) appOpen(n).get("userId"));
        }
        assertAlike("/api/v1/apps/amap/metrics?period=2025-03", "/api/v1/apps/amap-auto/metrics?period=2025-03",
                "/api/v1/apps/amap/metrics?period=2025-03-15", "/api/v1/kpis?period=2025-03");
        @SuppressWarnings("unchecked")
        Map<String, Object> unit = ((List<Map<String, Object>>) apis[0].get("/api/v1/kpis?period=2025-03")
                .get("businessUnits")).get(0);
        // Every user opens both apps: counted once in the unit, every one new in March.
        assertThat(unit).containsEntry("totalUsers", users.size()).containsEntry("newUsers", users.size())
                .containsEntry("activeUsers", users.size());
    }

    /**
     * Sends round after round: each round's batch (items {@code round * STEP} to {@code round * STEP + SIZE - 1})
     * twice to each instance, all four at the same moment. Across the four answers, the items new in the round are
     * accepted once and every other item is a duplicate.
     */
    private void sendEveryRoundToBothAtOnce(String uri, IntFunction<Map<String, Object>> item) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int n = round * STEP; n < round * STEP + SIZE; n++) {
                batch.add(item.apply(n));
            }
            List<Callable<Map<String, Object>>> sends = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                QuarkApi api = apis[s % 2];
                sends.add(() -> api.post(uri, batch));
            }
            List<Map<String, Object>> answers = ServiceInstances.atOnce(sends);
            int fresh = round == 0 ? SIZE : STEP;
            assertThat(answers.stream().mapToInt(a -> (Integer) a.get("accepted")).sum()).as("round %d", round)
                    .isEqualTo(fresh);
            assertThat(answers.stream().mapToInt(a -> (Integer) a.get("duplicates")).sum()).as("round %d", round)
                    .isEqualTo(4 * SIZE - fresh);
        }
    }

    private void assertAlike(String... uris) {
        for (String uri : uris) {
            assertThat(apis[1].get(uri)).as(uri).isEqualTo(apis[0].get(uri));
        }
    }

    /** Session {@code n}: two features, 97 users, every outcome, a rating in two, a conversion in seven. */
    private static Map<String, Object> aiSession(int n) {
        String at = Instant.parse("2025-03-01T01:00:00Z").plus(n % 700, ChronoUnit.HOURS).toString();
        boolean converted = n % 7 == 0;
        return session("s-" + n, "amap", n % 2 == 0 ? "nav-agent" : "ask", "u" + n % 97, at, 1 + n % 6, n % 3,
                OUTCOMES[n % OUTCOMES.length], n % 2 == 0 ? 1 + n % 5 : null, converted,
                converted ? (n % 40 + 1) + ".50" : null);
    }

    /** App open {@code n}: 151 users, each opening both apps of the unit, over March. */
    private static Map<String, Object> appOpen(int n) {
        String at = Instant.parse("2025-03-01T01:00:00Z").plus(n % 700, ChronoUnit.HOURS).toString();
        return event("o-" + n, n % 2 == 0 ? "amap" : "amap-auto", "u" + n % 151, at);
    }
}
