package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.gateway.notify.channels.Channel;
import aikpi.gateway.notify.outbox.NoticeEvents;
import aikpi.gateway.notify.outbox.NotificationDispatcher;
import aikpi.gateway.notify.outbox.NotificationStore;
import aikpi.gateway.notify.subscriptions.SubscriptionSecrets;
import aikpi.gateway.notify.subscriptions.SubscriptionStore;
import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.testing.MovableClock;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox, its dispatcher and the webhook channel against a real receiver that checks every signature with the
 * Standard Webhooks library: each notice arrives signed and once after dedup, failures are retried with back-off,
 * the last failure makes a row DEAD and an executive's retry sends it, two dispatchers never send one row twice, and
 * a row whose dispatcher died is sent again when its lease ends. The clock is the real time, moved forward by the
 * tests (the library takes a signature's timestamp only within five minutes of its own clock).
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.notify.max-attempts", value = "3")
@Property(name = "gateway.notify.retry-base-delay", value = "1s")
@Property(name = "gateway.notify.retry-max-delay", value = "1s")
@Property(name = "gateway.notify.lease", value = "1m")
class WebhookDeliveryTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    TestTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    Transactions transactions;

    @Inject
    NotificationDispatcher dispatcher;

    @Inject
    NotificationStore store;

    @Inject
    Clock clock;

    @Inject
    SubscriptionStore subscriptionStore;

    @Inject
    SubscriptionSecrets secrets;

    @Inject
    NoticeEvents events;

    @Inject
    List<Channel> channels;

    @Inject
    JsonMapper json;

    WebhookReceiver receiver;
    String secret;

    /**
     * One clock for the class (a mock bean is made again for each test, while the singletons keep the first): the
     * real time at the start, moved by the tests (the moves add up to far less than the library's five minutes). Its
     * instants carry 700 ns past the microsecond: a row stored "due now" must be due to a round at that same instant,
     * although the databases keep microseconds and would round such an instant up.
     */
    static final MovableClock CLOCK = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MICROS).plusNanos(700));

    @MockBean(Clock.class)
    Clock now() {
        return CLOCK;
    }

    /** Each test starts from an empty outbox and no subscriptions: rows of another test's receivers are not due here. */
    @org.junit.jupiter.api.BeforeEach
    void emptyOutbox() {
        transactions.write(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM notification_outbox");
                s.executeUpdate("DELETE FROM notification_subscription");
            }
            return null;
        });
    }

    @AfterEach
    void stopReceiver() {
        if (receiver != null) {
            receiver.close();
        }
    }

    MovableClock movable() {
        return (MovableClock) clock;
    }

    void later(Duration d) {
        movable().set(movable().instant().plus(d));
    }

    ServiceApi api() {
        return new ServiceApi(client.toBlocking());
    }

    /** A webhook subscription of {@code scope} to a new receiver, with a secret of the subscriber's own. */
    String subscribe(String scope) throws Exception {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(key);
        receiver = new WebhookReceiver(secret);
        String id = "hook-" + UUID.randomUUID().toString().substring(0, 8);
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/subscriptions/" + id,
                        Map.of("scopes", List.of(scope), "types", NoticeTypes.ALL, "channel", "webhook",
                                "target", receiver.url(), "secret", secret))
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)));
        return id;
    }

    Notice notice(String scope) {
        return new Notice(UUID.randomUUID().toString(), NoticeTypes.FLOOR_BROKEN, Instant.parse("2025-09-30T16:00:00Z"),
                scope, "FY2026-Q2", "toc-ai-sessions", Map.of("floorKpiId", "toc-resolution-rate", "actual", 0.41));
    }

    void enqueue(Notice... notices) {
        transactions.write(c -> {
            for (Notice n : notices) {
                outbox.enqueue(c, n);
            }
            return null;
        });
    }

    void round() throws Exception {
        dispatcher.dispatchDue().get();
    }

    Map<String, Object> row(String noticeId) {
        return api().getList("/api/v1/notifications?limit=1000").stream()
                .filter(n -> n.get("noticeId").equals(noticeId)).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aNoticeArrivesAsASignedCloudEventOnce() throws Exception {
        subscribe("tongyi-app");
        Notice n = notice("tongyi-app");
        enqueue(n);
        enqueue(n);
        // Another unit's notice is not this subscription's.
        enqueue(notice("taobao"));
        round();
        round();
        assertThat(receiver.deliveries).containsExactly(n.id());
        assertThat(receiver.contentTypes).containsExactly("application/cloudevents+json");
        Map<String, Object> event = json.readValue(receiver.received.get(n.id()), Argument.mapOf(String.class, Object.class));
        assertThat(event).containsEntry("specversion", "1.0").containsEntry("id", n.id())
                .containsEntry("type", NoticeTypes.FLOOR_BROKEN).containsEntry("source", NoticeEvents.SOURCE)
                .containsEntry("subject", "tongyi-app").containsEntry("period", "FY2026-Q2")
                .containsEntry("kpiid", "toc-ai-sessions");
        assertThat((Map<String, Object>) event.get("data")).containsEntry("scope", "tongyi-app")
                .containsEntry("floorKpiId", "toc-resolution-rate");
        assertThat(row(n.id())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void aTamperedBodyIsRefusedByTheReceiver() throws Exception {
        subscribe("quark");
        Notice n = notice("quark");
        byte[] body = events.structured(events.event(n));
        long ts = Instant.now().getEpochSecond();
        String signature = aikpi.gateway.notify.channels.WebhookChannel.signature(
                java.util.Base64.getDecoder().decode(secret.substring("whsec_".length())), n.id(), ts, body);
        byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("0.41", "0.91").getBytes(StandardCharsets.UTF_8);
        assertThat(tampered).isNotEqualTo(body);
        assertThat(post(n.id(), ts, signature, tampered)).isEqualTo(401);
        assertThat(receiver.refused).isNotEmpty();
        assertThat(receiver.deliveries).isEmpty();
        // The same signature on the body it was made for verifies: the library and the gateway agree.
        assertThat(post(n.id(), ts, signature, body)).isEqualTo(204);
        assertThat(receiver.deliveries).containsExactly(n.id());
        // And so does the library's own signer.
        assertThat(new Webhook(secret).sign(n.id(), ts, new String(body, StandardCharsets.UTF_8))).isEqualTo(signature);
    }

    int post(String id, long ts, String signature, byte[] body) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(URI.create(receiver.url()))
                .header("content-type", NoticeEvents.CONTENT_TYPE).header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(ts)).header("webhook-signature", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return java.net.http.HttpClient.newHttpClient().send(request, BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aFailingReceiverIsTriedAgainWithBackOff() throws Exception {
        subscribe("quark");
        receiver.failNext.set(2);
        Notice n = notice("quark");
        enqueue(n);
        round();
        assertThat(row(n.id())).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) row(n.id()).get("lastError")).contains("500");
        // Not due before its back-off (at most the 1 s ceiling here) has passed.
        Instant next = Instant.parse((String) row(n.id()).get("nextAttemptAt"));
        assertThat(next).isAfterOrEqualTo(movable().instant()).isBeforeOrEqualTo(movable().instant().plusSeconds(1));
        later(Duration.ofSeconds(2));
        round();
        assertThat(row(n.id())).containsEntry("status", "PENDING").containsEntry("attempts", 2);
        later(Duration.ofSeconds(2));
        round();
        assertThat(row(n.id())).containsEntry("status", "SENT").containsEntry("attempts", 3);
        assertThat(receiver.deliveries).containsExactly(n.id());
    }

    @Test
    void afterTheLastAttemptARowIsDeadUntilAnExecutiveSendsItAgain() throws Exception {
        subscribe("tmall");
        receiver.failNext.set(3);
        Notice n = notice("tmall");
        enqueue(n);
        for (int i = 0; i < 4; i++) {
            round();
            later(Duration.ofSeconds(2));
        }
        Map<String, Object> dead = row(n.id());
        assertThat(dead).containsEntry("status", "DEAD").containsEntry("attempts", 3);
        assertThat(api().getList("/api/v1/notifications?status=DEAD")).extracting(m -> m.get("noticeId")).contains(n.id());
        assertThat(receiver.deliveries).isEmpty();

        Map<String, Object> requeued = api().post("/api/v1/notifications/" + dead.get("id") + "/retry", Map.of());
        assertThat(requeued).containsEntry("status", "PENDING").containsEntry("attempts", 0);
        round();
        assertThat(row(n.id())).containsEntry("status", "SENT");
        assertThat(receiver.deliveries).containsExactly(n.id());
        // Only a dead row is sent again.
        api().problem(HttpRequest.POST("/api/v1/notifications/" + dead.get("id") + "/retry", Map.of()), 409);
        api().problem(HttpRequest.POST("/api/v1/notifications/no-such-row/retry", Map.of()), 404);
    }

    @Test
    void twoDispatchersAtOnceSendEachRowOnce() throws Exception {
        subscribe("amap");
        NotificationDispatcher other = new NotificationDispatcher(transactions, store, subscriptionStore,
                new aikpi.gateway.notify.subscriptions.StandingSubscriptions(false, "unused"), secrets, events,
                channels, clock, 3, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMinutes(1), 4,
                Duration.ofMinutes(1));
        Notice[] notices = new Notice[40];
        for (int i = 0; i < notices.length; i++) {
            notices[i] = notice("amap");
        }
        enqueue(notices);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 20 && receiver.deliveries.size() < notices.length; i++) {
                Future<?> a = both.submit(() -> dispatcher.dispatchDue().join());
                Future<?> b = both.submit(() -> other.dispatchDue().join());
                a.get();
                b.get();
            }
        } finally {
            both.shutdownNow();
        }
        assertThat(receiver.deliveries).hasSize(notices.length);
        assertThat(new HashSet<>(receiver.deliveries)).hasSize(notices.length);
    }

    @Test
    void aRowClaimedByAKilledDispatcherIsSentAfterItsLease() throws Exception {
        subscribe("fliggy");
        Notice n = notice("fliggy");
        enqueue(n);
        // A replica claims the row and dies before delivering it.
        Instant t = movable().instant();
        List<NotificationStore.Claimed> claimed = transactions.write(
                c -> store.claim(c, t, t.plus(Duration.ofMinutes(1)), 10, "killed-replica"));
        assertThat(claimed).hasSize(1);
        round();
        assertThat(receiver.deliveries).isEmpty();
        assertThat(row(n.id())).containsEntry("status", "PENDING");
        later(Duration.ofSeconds(61));
        round();
        assertThat(receiver.deliveries).containsExactly(n.id());
        assertThat(row(n.id())).containsEntry("status", "SENT");
    }

    @Test
    void aChannelNotBuiltYetMakesTheRowDeadWithAClearError() throws Exception {
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/subscriptions/mail-eleme",
                        Map.of("scopes", List.of("eleme"), "types", NoticeTypes.ALL, "channel", "email",
                                "target", "lead@eleme.example.com"))
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)));
        Notice n = notice("eleme");
        enqueue(n);
        round();
        assertThat(row(n.id())).containsEntry("status", "DEAD");
        assertThat((String) row(n.id()).get("lastError")).contains("no email channel is available");
    }

    @Test
    void aFailingReceiverOpensItsCircuitAndCostsAnotherNothing() throws Exception {
        subscribe("quark");
        WebhookReceiver failing = receiver;
        failing.failNext.set(1_000);
        Notice[] toFailing = new Notice[6];
        for (int i = 0; i < toFailing.length; i++) {
            toFailing[i] = notice("quark");
        }
        enqueue(toFailing);
        round();
        assertThat(failing.deliveries).isEmpty();
        assertThat(1_000 - failing.failNext.get()).as("requests it answered 500").isEqualTo(6);
        // Six failures at once open its circuit: its rows now wait without spending attempts, and nothing is posted.
        later(Duration.ofSeconds(2));
        round();
        for (Notice n : toFailing) {
            Map<String, Object> row = row(n.id());
            assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 1);
            assertThat((String) row.get("lastError")).contains("circuit is open");
        }
        assertThat(1_000 - failing.failNext.get()).isEqualTo(6);
        // Another subscriber's receiver is served as ever.
        subscribe("taobao");
        Notice other = notice("taobao");
        enqueue(other);
        round();
        assertThat(receiver.deliveries).containsExactly(other.id());
        failing.close();
    }

    @Test
    void theReceiversSignatureCheckIsIndependent() {
        // The library refuses a wrong secret: the receiver's check is not a formality.
        assertThatThrownBy(() -> new Webhook("whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .verify("{}", Map.of("webhook-id", List.of("x"), "webhook-timestamp",
                        List.of(Long.toString(Instant.now().getEpochSecond())), "webhook-signature", List.of("v1,AAAA"))))
                .isInstanceOf(WebhookVerificationException.class);
    }
}
