package aikpi.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.notify.channels.EmailChannel;
import aikpi.gateway.notify.outbox.NotificationDispatcher;
import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The e-mail channel against a real SMTP server (GreenMail, on a free port): a notice queued for an email
 * subscription arrives once, as a text and an HTML part in the subscriber's language, with the type in words, the
 * scope, period, KPI, before and after and the dashboard's absolute link; a server that cannot be reached leaves the
 * row PENDING for a retry.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailDeliveryTest implements TestPropertyProvider {

    static final int PORT = freePort();

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

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

    @Override
    public Map<String, String> getProperties() {
        return Map.of("gateway.notify.email.host", "127.0.0.1", "gateway.notify.email.port", Integer.toString(PORT),
                "gateway.notify.email.starttls", "false", "gateway.notify.email.from", "kpi@aikpi.example",
                "gateway.public-url", "https://kpi.example.com/", "gateway.notify.retry-base-delay", "1h");
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeEach
    void emptyOutbox() {
        transactions.write(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM notification_outbox");
                s.executeUpdate("DELETE FROM notification_subscription");
            }
            return null;
        });
    }

    void subscribe(String address, String language) {
        String id = "mail-" + UUID.randomUUID().toString().substring(0, 8);
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/subscriptions/" + id,
                        Map.of("scopes", List.of("tongyi-app"), "types", NoticeTypes.ALL, "channel", "email",
                                "target", address, "language", language))
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)));
    }

    Notice notice() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rule", "STATUS");
        data.put("reason", "toc-ai-sessions went from ON_TRACK to AT_RISK");
        data.put("before", Map.of("value", "ON_TRACK", "figure", 1200));
        data.put("after", Map.of("value", "AT_RISK", "figure", 900));
        data.put("link", "/dashboard/index.html?period=2025-Q2");
        return new Notice(UUID.randomUUID().toString(), NoticeTypes.STATUS_CHANGED,
                Instant.parse("2025-09-30T16:00:00Z"), "tongyi-app", "FY2026-Q2", "toc-ai-sessions", data);
    }

    void enqueue(Notice n) {
        transactions.write(c -> {
            outbox.enqueue(c, n);
            return null;
        });
    }

    Map<String, Object> row(String noticeId) {
        return new ServiceApi(client.toBlocking()).getList("/api/v1/notifications?limit=1000").stream()
                .filter(r -> r.get("noticeId").equals(noticeId)).findFirst().orElseThrow();
    }

    static String part(MimeMessage m, String type) throws Exception {
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getContentType()).startsWith("multipart/alternative");
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart p = parts.getBodyPart(i);
            if (p.isMimeType(type)) {
                return (String) p.getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    @Test
    void aNoticeArrivesAsTextAndHtmlInEnglish() throws Exception {
        subscribe("cfo@aikpi.example", "en");
        Notice n = notice();
        enqueue(n);
        dispatcher.dispatchDue().get();
        dispatcher.dispatchDue().get();

        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("cfo@aikpi.example");
        assertThat(m.getFrom()[0].toString()).isEqualTo("kpi@aikpi.example");
        assertThat(m.getHeader(EmailChannel.NOTICE_ID)[0]).isEqualTo(n.id());
        assertThat(m.getHeader("Content-Language")[0]).isEqualTo("en");
        assertThat(m.getSubject()).isEqualTo("[AI KPI] KPI status changed: tongyi-app, FY2026-Q2, toc-ai-sessions");
        String link = "https://kpi.example.com/dashboard/index.html?period=2025-Q2";
        String text = part(m, "text/plain");
        assertThat(text).contains("KPI status changed", "Scope:  tongyi-app", "Period: FY2026-Q2",
                "KPI:    toc-ai-sessions", "Before: ON_TRACK (1200)", "After:  AT_RISK (900)", "Dashboard: " + link)
                .doesNotContain("<", "&amp;");
        String html = part(m, "text/html");
        assertThat(html).contains("<h2>KPI status changed</h2>", "tongyi-app", "FY2026-Q2", "toc-ai-sessions",
                "ON_TRACK", "AT_RISK", "<a href=\"" + link.replace("&", "&amp;") + "\"");
        assertThat(row(n.id())).containsEntry("status", "SENT").containsEntry("attempts", 1);
    }

    @Test
    void aChineseSubscriberReadsChinese() throws Exception {
        subscribe("ceo@aikpi.example", "zh");
        Notice n = notice();
        enqueue(n);
        dispatcher.dispatchDue().get();

        MimeMessage m = smtp.getReceivedMessages()[0];
        assertThat(m.getSubject()).isEqualTo("[AI KPI] KPI 状态变化：tongyi-app，FY2026-Q2，toc-ai-sessions");
        assertThat(m.getHeader("Content-Language")[0]).isEqualTo("zh");
        assertThat(part(m, "text/plain")).contains("范围：tongyi-app", "期间：FY2026-Q2", "之前：ON_TRACK（1200）",
                "之后：AT_RISK（900）", "仪表盘：https://kpi.example.com/dashboard/index.html?period=2025-Q2")
                .doesNotContain("Scope");
        assertThat(part(m, "text/html")).contains("<h2>KPI 状态变化</h2>", "打开仪表盘");
        assertThat(GreenMailUtil.getBody(m)).isNotEmpty();
    }

    @Test
    void aServerThatCannotBeReachedLeavesTheRowPending() throws Exception {
        subscribe("cfo@aikpi.example", "en");
        smtp.stop();
        Notice n = notice();
        enqueue(n);
        dispatcher.dispatchDue().get();
        Map<String, Object> row = row(n.id());
        assertThat(row).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat((String) row.get("lastError")).contains("SMTP delivery");
    }
}
