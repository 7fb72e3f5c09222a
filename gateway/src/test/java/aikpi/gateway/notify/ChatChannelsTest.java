package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import aikpi.gateway.notify.channels.DeliveryException;
import aikpi.gateway.notify.channels.DingTalkChannel;
import aikpi.gateway.notify.channels.Recipient;
import aikpi.gateway.notify.channels.SlackChannel;
import aikpi.gateway.notify.outbox.NoticeEvents;
import com.sun.net.httpserver.HttpServer;
import io.cloudevents.CloudEvent;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The DingTalk and Slack channels against real HTTP receivers on the loopback address: the message's shape in each
 * service's format and in the subscriber's language, the dashboard link made absolute, DingTalk's signature checked
 * here with HMAC-SHA256 computed independently, and each service's failures judged retryable or permanent.
 */
@MicronautTest(transactional = false)
@Property(name = "gateway.public-url", value = "https://kpi.example.com/")
class ChatChannelsTest {

    static final String SECRET = "SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    @Inject
    DingTalkChannel dingtalk;

    @Inject
    SlackChannel slack;

    @Inject
    NoticeEvents events;

    @Inject
    JsonMapper json;

    @Inject
    @io.micronaut.http.client.annotation.Client("/")
    io.micronaut.http.client.HttpClient client;

    @Inject
    aikpi.testing.TestTokens tokens;

    @Inject
    Outbox outbox;

    @Inject
    aikpi.platform.store.Transactions transactions;

    @Inject
    aikpi.gateway.notify.outbox.NotificationDispatcher dispatcher;

    Receiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    /** A chat service's webhook: records each request's query and body, answers what it is told. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> queries = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();
        final List<Long> receivedAt = new CopyOnWriteArrayList<>();
        volatile int status = 200;
        volatile String answer = "ok";

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                receivedAt.add(System.currentTimeMillis());
                queries.add(exchange.getRequestURI().getRawQuery());
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
                exchange.close();
            });
            server.start();
        }

        String url(String query) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook" + (query == null ? "" : "?" + query);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    CloudEvent notice() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rule", "STATUS");
        data.put("reason", "toc-ai-sessions of tongyi-app FY2026-Q2 went from ON_TRACK to AT_RISK.");
        data.put("before", Map.of("value", "ON_TRACK", "figure", 1200000));
        data.put("after", Map.of("value", "AT_RISK", "figure", 980000));
        data.put("link", "/dashboard/index.html?period=2025-Q2");
        return events.event(new Notice("n-1", NoticeTypes.STATUS_CHANGED, Instant.parse("2025-09-30T16:00:00Z"),
                "tongyi-app", "FY2026-Q2", "toc-ai-sessions", data));
    }

    Map<String, Object> map(String body) throws Exception {
        return json.readValue(body, Argument.mapOf(String.class, Object.class));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            q.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return q;
    }

    @Test
    @SuppressWarnings("unchecked")
    void dingTalkGetsASignedMarkdownMessageInChinese() throws Exception {
        receiver = new Receiver();
        receiver.answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        long before = System.currentTimeMillis();
        dingtalk.deliver(notice(), new Recipient("ding", receiver.url("access_token=abc123"), SECRET, "zh"));
        long after = System.currentTimeMillis();

        Map<String, String> q = query(receiver.queries.get(0));
        assertThat(q.get("access_token")).isEqualTo("abc123");
        long timestamp = Long.parseLong(q.get("timestamp"));
        assertThat(timestamp).isBetween(before, after);
        // DingTalk's check, computed here: base64 of HMAC-SHA256 of "timestamp\nsecret" keyed by the secret.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(
                mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8)));
        assertThat(URLDecoder.decode(q.get("sign"), StandardCharsets.UTF_8)).isEqualTo(expected);

        Map<String, Object> body = map(receiver.bodies.get(0));
        assertThat(body).containsEntry("msgtype", "markdown");
        Map<String, Object> markdown = (Map<String, Object>) body.get("markdown");
        assertThat(markdown).containsEntry("title", "KPI 状态变化");
        assertThat((String) markdown.get("text")).contains("范围", "tongyi-app", "周期", "FY2026-Q2", "toc-ai-sessions",
                        "之前", "ON_TRACK (1200000)", "之后", "AT_RISK (980000)", "打开看板")
                .contains("(https://kpi.example.com/dashboard/index.html?period=2025-Q2)");
    }

    @Test
    @SuppressWarnings("unchecked")
    void dingTalkWithoutASecretIsNotSignedAndSpeaksEnglish() throws Exception {
        receiver = new Receiver();
        receiver.answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        dingtalk.deliver(notice(), new Recipient("ding", receiver.url("access_token=abc123"), null, "en"));
        assertThat(receiver.queries.get(0)).isEqualTo("access_token=abc123");
        Map<String, Object> markdown = (Map<String, Object>) map(receiver.bodies.get(0)).get("markdown");
        assertThat(markdown).containsEntry("title", "KPI status changed");
        assertThat((String) markdown.get("text")).contains("Scope", "Before", "After", "Open the dashboard")
                .doesNotContain("范围");
    }

    @Test
    void dingTalkErrcodesAreFailures() throws Exception {
        receiver = new Receiver();
        Recipient to = new Recipient("ding", receiver.url("access_token=abc123"), SECRET, "en");
        receiver.answer = "{\"errcode\":310000,\"errmsg\":\"sign not match\"}";
        assertThatThrownBy(() -> dingtalk.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("310000");
        receiver.answer = "{\"errcode\":130101,\"errmsg\":\"send too fast\"}";
        assertThatThrownBy(() -> dingtalk.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("130101");
        receiver.status = 503;
        receiver.answer = "busy";
        assertThatThrownBy(() -> dingtalk.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isTrue()).hasMessageContaining("503");
        receiver.status = 404;
        assertThatThrownBy(() -> dingtalk.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isFalse());
    }

    @Test
    @SuppressWarnings("unchecked")
    void slackGetsBlockKitInEitherLanguage() throws Exception {
        receiver = new Receiver();
        slack.deliver(notice(), new Recipient("s", receiver.url(null), null, "en"));
        Map<String, Object> body = map(receiver.bodies.get(0));
        assertThat((String) body.get("text")).startsWith("KPI status changed").contains("tongyi-app");
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) body.get("blocks");
        assertThat(blocks).extracting(b -> b.get("type")).containsExactly("header", "section");
        assertThat((Map<String, Object>) blocks.get(0).get("text")).containsEntry("type", "plain_text")
                .containsEntry("text", "KPI status changed");
        Map<String, Object> section = blocks.get(1);
        assertThat((Map<String, Object>) section.get("text")).containsEntry("type", "mrkdwn");
        assertThat((String) ((Map<String, Object>) section.get("text")).get("text"))
                .contains("<https://kpi.example.com/dashboard/index.html?period=2025-Q2|Open the dashboard>");
        List<Map<String, Object>> fields = (List<Map<String, Object>>) section.get("fields");
        assertThat(fields).allSatisfy(f -> assertThat(f).containsEntry("type", "mrkdwn"));
        assertThat(fields).extracting(f -> f.get("text")).containsExactly("*Scope*\ntongyi-app", "*Period*\nFY2026-Q2",
                "*KPI*\ntoc-ai-sessions", "*Before*\nON_TRACK (1200000)", "*After*\nAT_RISK (980000)");

        slack.deliver(notice(), new Recipient("s", receiver.url(null), null, "zh"));
        Map<String, Object> zh = map(receiver.bodies.get(1));
        List<Map<String, Object>> zhBlocks = (List<Map<String, Object>>) zh.get("blocks");
        assertThat((Map<String, Object>) zhBlocks.get(0).get("text")).containsEntry("text", "KPI 状态变化");
        assertThat((List<Map<String, Object>>) zhBlocks.get(1).get("fields")).extracting(f -> f.get("text"))
                .contains("*范围*\ntongyi-app", "*之后*\nAT_RISK (980000)");
        assertThat((String) ((Map<String, Object>) zhBlocks.get(1).get("text")).get("text")).contains("|打开看板>");
    }

    @Test
    void slackFailuresAreJudgedByStatus() throws Exception {
        receiver = new Receiver();
        Recipient to = new Recipient("s", receiver.url(null), null, "en");
        receiver.status = 404;
        receiver.answer = "no_service";
        assertThatThrownBy(() -> slack.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isFalse()).hasMessageContaining("404").hasMessageContaining("no_service");
        receiver.status = 400;
        receiver.answer = "invalid_blocks";
        assertThatThrownBy(() -> slack.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isFalse());
        receiver.status = 429;
        receiver.answer = "rate_limited";
        assertThatThrownBy(() -> slack.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isTrue());
        receiver.status = 500;
        receiver.answer = "internal_error";
        assertThatThrownBy(() -> slack.deliver(notice(), to)).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).isTrue());
        receiver.status = 200;
        receiver.answer = "ok";
        slack.deliver(notice(), to);
        assertThat(receiver.bodies).hasSize(5);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDingTalkSubscriptionIsDeliveredByTheDispatcherWithItsStoredSecret() throws Exception {
        receiver = new Receiver();
        receiver.answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        client.toBlocking().exchange(io.micronaut.http.HttpRequest.PUT("/api/v1/subscriptions/ding-eleme",
                        Map.of("scopes", List.of("eleme"), "types", NoticeTypes.ALL, "channel", "dingtalk",
                                "target", receiver.url("access_token=abc123"), "secret", SECRET, "language", "zh"))
                .header(io.micronaut.http.HttpHeaders.AUTHORIZATION, tokens.bearer(aikpi.security.Roles.EXECUTIVE)));
        Notice n = new Notice(java.util.UUID.randomUUID().toString(), NoticeTypes.SOURCE_STALE, Instant.now(), "eleme",
                null, null, Map.of("reason", "quark is stale.", "link", "/dashboard/index.html"));
        transactions.write(c -> {
            outbox.enqueue(c, n);
            return null;
        });
        dispatcher.dispatchDue().get();
        assertThat(receiver.bodies).hasSize(1);
        Map<String, String> q = query(receiver.queries.get(0));
        assertThat(URLDecoder.decode(q.get("sign"), StandardCharsets.UTF_8))
                .isEqualTo(URLDecoder.decode(DingTalkChannel.sign(Long.parseLong(q.get("timestamp")), SECRET),
                        StandardCharsets.UTF_8));
        Map<String, Object> markdown = (Map<String, Object>) map(receiver.bodies.get(0)).get("markdown");
        assertThat(markdown).containsEntry("title", "数据源延迟");
    }
}
