package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.notify.outbox.NotificationDispatcher;
import aikpi.gateway.notify.subscriptions.Subscription;
import aikpi.gateway.notify.subscriptions.SubscriptionSecrets;
import aikpi.gateway.notify.subscriptions.SubscriptionStore;
import aikpi.platform.store.Transactions;
import aikpi.testing.ServiceApi;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The SSRF guard as production has it ({@code GATEWAY_NOTIFY_ALLOW_PRIVATE_TARGETS=false}): a target naming or
 * resolving to the gateway's own network is refused when subscribed, and again at delivery for one stored before its
 * name resolved there (DNS rebinding): the row is DEAD with the reason and the receiver hears nothing.
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.notify.allow-private-targets", value = "false")
class PrivateTargetsTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    Transactions transactions;

    @Inject
    SubscriptionStore subscriptions;

    @Inject
    SubscriptionSecrets secrets;

    @Inject
    Outbox outbox;

    @Inject
    NotificationDispatcher dispatcher;

    @TestFactory
    Stream<DynamicTest> privateTargetsAreRefusedWhenSubscribed() {
        return Stream.of("http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]/x", "http://169.254.169.254/latest",
                        "http://10.0.0.5/x", "http://192.168.1.1/x", "http://172.16.0.1/x", "http://0.0.0.0/x",
                        "http://[fd00::1]/x", "https://[fe80::1]/x")
                .map(url -> DynamicTest.dynamicTest(url, () -> {
                    String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
                    Map<String, Object> problem = new ServiceApi(client.toBlocking()).problem(HttpRequest.PUT(
                            "/api/v1/subscriptions/" + id, Map.of("scopes", List.of("quark"), "types", NoticeTypes.ALL,
                                    "channel", "webhook", "target", url)), 400);
                    assertThat(problem.get("detail").toString()).contains("target").contains("gateway's own network");
                    new ServiceApi(client.toBlocking()).problem(HttpRequest.GET("/api/v1/subscriptions/" + id), 404);
                }));
    }

    @Test
    void aStoredTargetThatNowResolvesToThisMachineIsRefusedAtDelivery() throws Exception {
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
        try (WebhookReceiver receiver = new WebhookReceiver(secret)) {
            String id = "rebound-" + UUID.randomUUID().toString().substring(0, 8);
            Instant now = Instant.now();
            Notice notice = new Notice(UUID.randomUUID().toString(), NoticeTypes.SOURCE_STALE, now, "quark", null, null,
                    Map.of("source", "quark-service"));
            transactions.write(c -> {
                subscriptions.insert(c, new Subscription(id, List.of("quark"), List.of(NoticeTypes.SOURCE_STALE), "webhook",
                        receiver.url().replace("127.0.0.1", "localhost"), secrets.seal(id, secret), "en", "none",
                        "test", now, "test", now));
                outbox.enqueue(c, notice);
                return null;
            });
            dispatcher.dispatchDue().get();
            Map<String, Object> row = new ServiceApi(client.toBlocking()).getList("/api/v1/notifications?status=DEAD")
                    .stream().filter(n -> n.get("noticeId").equals(notice.id())).findFirst().orElseThrow();
            assertThat(row.get("lastError").toString()).contains("localhost").contains("gateway's own network");
            assertThat(receiver.deliveries).isEmpty();
            assertThat(receiver.refused).isEmpty();
        }
    }
}
