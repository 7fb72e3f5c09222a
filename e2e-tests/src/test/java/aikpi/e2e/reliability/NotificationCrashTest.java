package aikpi.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The notification outbox's promise, on the shipped jars as separate processes: delivery is at least once with a
 * stable id, so a receiver that dedups on {@code webhook-id} acts on every notice exactly once, whatever moment the
 * gateway is killed at. Notices are made by the product's own path (an executive seals a review; the notice is queued
 * in the seal's transaction) for two webhook subscriptions, each with its own secret, received by {@link WebhookSink}
 * (a real HTTP server verifying each signature with Standard Webhooks' own library). The gateway is killed with
 * {@code kill -9} twice: once after the outbox rows were written and before any was delivered (it runs without a
 * dispatcher, as a replica with {@code GATEWAY_NOTIFY_DISPATCH=false} does), once while the receiver holds every
 * delivery open, having taken it, before the gateway could mark any sent. Started again on the same database each
 * time, it delivers every notice; the receiver saw duplicates of the held ones and, after dedup, each id once.
 */
class NotificationCrashTest {

    private static final String PERIOD = "FY2026-Q1";
    private static final int SEALS_BEFORE = 3;
    private static final int SEALS_AFTER = 2;
    private static final List<String> PATHS = List.of("/hooks/a", "/hooks/b");

    @Test
    void everyNoticeReachesTheReceiverAndEachIdOnceAfterDedupAcrossTwoKills() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String path : PATHS) {
            secrets.put(path, secret());
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GATEWAY_NOTIFY_ENABLED", "false");            // only the seals make notices
        env.put("GATEWAY_SOURCE_TIMEOUT", "10s");              // the first reads of cold services on a busy machine
        env.put("GATEWAY_NOTIFY_DISPATCH_EVERY", "200ms");
        env.put("GATEWAY_NOTIFY_TIMEOUT", "8s");
        env.put("GATEWAY_NOTIFY_LEASE", "10s");
        env.put("GATEWAY_NOTIFY_RETRY_BASE_DELAY", "1s");
        env.put("GATEWAY_NOTIFY_RETRY_MAX_DELAY", "2s");
        long t0 = System.nanoTime();
        try (WebhookSink sink = new WebhookSink(secrets); Services s = new Services("notify-crash", env)) {
            s.configure(Services.GATEWAY, Map.of("GATEWAY_NOTIFY_DISPATCH", "false"));
            s.start(Services.ALL.toArray(String[]::new));
            for (String path : PATHS) {
                s.write("PUT", Services.GATEWAY, "/api/v1/subscriptions/crash" + path.replace('/', '-'),
                        "{\"scopes\":[\"group\"],\"types\":[\"aikpi.review.sealed\"],\"channel\":\"webhook\",\"target\":"
                                + Services.q(sink.url(path)) + ",\"secret\":" + Services.q(secrets.get(path)) + "}");
            }

            // A review needs a target in force to be sealed.
            s.write("PUT", Services.GATEWAY, "/api/v1/targets/FY2026/group/cloud-share", "{\"target\":0.12,"
                    + "\"direction\":\"AT_LEAST\",\"weight\":1,\"period\":\"YEAR\",\"note\":\"notification crash test\"}");

            // 1. Written, not delivered: the seals' rows are in the outbox, none sent, and the gateway dies.
            for (int v = 1; v <= SEALS_BEFORE; v++) {
                seal(s, v);
            }
            JsonNode pending = s.read(Services.GATEWAY, "/api/v1/notifications?status=PENDING&limit=100");
            assertThat(pending.size()).as("one row per seal and subscription").isEqualTo(SEALS_BEFORE * PATHS.size());
            for (JsonNode row : pending) {
                assertThat(row.path("attempts").asInt()).as("never tried").isZero();
            }
            assertThat(sink.deliveries).isEmpty();
            s.kill9(Services.GATEWAY);

            // 2. Delivered, not marked: started with its dispatcher, the gateway sends the rows; the receiver takes each
            // and holds the answer back, and the gateway dies with every request open.
            sink.hold();
            s.configure(Services.GATEWAY, Map.of());
            s.restart(Services.GATEWAY);
            int rows = SEALS_BEFORE * PATHS.size();
            await("the receiver takes all " + rows + " rows and holds them").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(20)).until(() -> sink.held.get() >= rows);
            s.kill9(Services.GATEWAY);
            int heldAtKill = sink.held.get();
            sink.release();

            // 3. Started again on the same data: the held rows go again when their lease ends; new seals go at once.
            s.restart(Services.GATEWAY);
            for (int v = SEALS_BEFORE + 1; v <= SEALS_BEFORE + SEALS_AFTER; v++) {
                seal(s, v);
            }
            int all = (SEALS_BEFORE + SEALS_AFTER) * PATHS.size();
            await("every notification SENT").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> s.read(Services.GATEWAY, "/api/v1/notifications?status=SENT&limit=100").size() == all);
            JsonNode outbox = s.read(Services.GATEWAY, "/api/v1/notifications?limit=100");
            assertThat(outbox.size()).as("nothing but the sent rows").isEqualTo(all);

            // What the receiver saw: every signature verified; each (subscription, id) at least once; after dedup, one
            // notice per seal version on each path, the same ids on both, each duplicate the same event as its first.
            assertThat(sink.refused).isEmpty();
            Map<String, Map<String, JsonNode>> firsts = new HashMap<>();
            Map<String, Integer> copies = new HashMap<>();
            for (WebhookSink.Delivery d : sink.deliveries) {
                JsonNode event = Services.JSON.readTree(d.body());
                JsonNode first = firsts.computeIfAbsent(d.path(), p -> new HashMap<>()).putIfAbsent(d.id(), event);
                if (first != null) {
                    assertThat(event).as("a duplicate of %s is the same event", d.id()).isEqualTo(first);
                }
                copies.merge(d.path() + " " + d.id(), 1, Integer::sum);
            }
            Set<String> idsOnA = null;
            for (String path : PATHS) {
                Map<String, JsonNode> taken = firsts.getOrDefault(path, Map.of());
                Set<Integer> versions = new TreeSet<>();
                for (Map.Entry<String, JsonNode> e : taken.entrySet()) {
                    assertThat(e.getValue().path("id").asText()).as("the CloudEvent id is the webhook-id").isEqualTo(e.getKey());
                    assertThat(e.getValue().path("type").asText()).isEqualTo("aikpi.review.sealed");
                    versions.add(e.getValue().path("data").path("version").asInt());
                }
                assertThat(versions).as("after dedup, one notice per seal on %s", path)
                        .containsExactlyElementsOf(range(1, SEALS_BEFORE + SEALS_AFTER));
                assertThat(taken).hasSize(SEALS_BEFORE + SEALS_AFTER);
                if (idsOnA == null) {
                    idsOnA = taken.keySet();
                } else {
                    assertThat(taken.keySet()).as("the same notices to both subscriptions").isEqualTo(idsOnA);
                }
            }
            Set<String> noticeIds = new HashSet<>();
            outbox.forEach(row -> noticeIds.add(row.path("noticeId").asText()));
            assertThat(noticeIds).as("the ids received are the outbox's notice ids").isEqualTo(idsOnA);
            // Every row held at the kill came again: twice at least; the rows of the later seals once.
            long duplicates = sink.deliveries.size() - all;
            List<String> heldTwice = new ArrayList<>();
            copies.forEach((key, n) -> {
                if (n >= 2) {
                    heldTwice.add(key);
                }
            });
            assertThat(heldAtKill).isEqualTo(rows);
            assertThat(heldTwice).as("each held row delivered again").hasSize(rows);
            assertThat(duplicates).isGreaterThanOrEqualTo(rows);
            System.out.printf("Notification crash: %d notices to %d subscriptions (%d rows); killed once with %d rows "
                            + "written and none sent, once with %d deliveries taken and held open; "
                            + "the receiver got %d requests, %d duplicates, %d distinct after dedup; %.0f s%n",
                    SEALS_BEFORE + SEALS_AFTER, PATHS.size(), all, rows, heldAtKill,
                    sink.deliveries.size(), duplicates, firsts.values().stream().mapToInt(Map::size).sum(),
                    (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Seals the period again (forced, with a reason: its sources need not be final) and checks the version. A 503 (a
     * source not answering in time, which seals nothing) is tried again.
     */
    private static void seal(Services s, int version) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Services.Answer a = s.postJson(Services.GATEWAY, "/api/v1/executive/reviews/" + PERIOD + "/seal",
                    "{\"reason\":\"crash test, seal " + version + "\",\"force\":true}");
            if (a.status() == 503 && attempt < 10) {
                Thread.sleep(2_000);
                continue;
            }
            assertThat(a.status()).as(a.summary()).isEqualTo(201);
            assertThat(a.json().path("version").asInt()).isEqualTo(version);
            return;
        }
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            r.add(i);
        }
        return r;
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
