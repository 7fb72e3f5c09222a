package aikpi.gateway.notify;

import static aikpi.gateway.Figures.billing;
import static aikpi.gateway.Figures.group;
import static aikpi.gateway.Figures.quark;
import static aikpi.gateway.Figures.tokens;
import static aikpi.gateway.Figures.tongyi;
import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.SourceDoubles;
import aikpi.gateway.notify.ChatChannelsTest.Receiver;
import aikpi.gateway.notify.digests.Digests;
import aikpi.gateway.notify.outbox.NotificationDispatcher;
import aikpi.gateway.sources.billing.Attribution.BusinessUnitSpend;
import aikpi.gateway.targets.Target.Direction;
import aikpi.gateway.targets.Target.TargetPeriod;
import aikpi.gateway.targets.TargetRequest;
import aikpi.gateway.targets.TargetService;
import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.testing.MovableClock;
import aikpi.testing.ServiceApi;
import aikpi.testing.TestTokens;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Digests against a real SMTP server (GreenMail) and real chat receivers: a digest subscriber's notices are HELD, not
 * sent one by one; the first Monday 09:00 (Asia/Shanghai) after it subscribed makes one weekly digest, however often
 * the round runs, which takes the held notices (DIGESTED) and arrives as one e-mail in the subscriber's language with
 * the scope's score and rank as the review says them, the status changes, the floors broken, the alerts fired and the
 * sources; a notice after the slot waits for the next one; the same digest as DingTalk markdown and Slack Block Kit;
 * a subscription back to no digest releases what it held, and a deleted one's held notices are DEAD.
 */
@MicronautTest(transactional = false, rebuildContext = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "gateway.cache.ttl", value = "0s")
@Property(name = "gateway.cache.max-stale", value = "0s")
@Property(name = "gateway.notify.enabled", value = "false")
@Property(name = "gateway.notify.dispatch.enabled", value = "false")
class DigestTest extends SourceDoubles implements TestPropertyProvider {

    static final int PORT = EmailDeliveryTest.freePort();
    /** Sunday 2025-06-01, 12:00 in Shanghai: FY2026-Q1 runs. */
    static final Instant SUNDAY = Instant.parse("2025-06-01T04:00:00Z");
    /** Monday 2025-06-02, 09:05 in Shanghai: five minutes after the weekly slot. */
    static final Instant MONDAY = Instant.parse("2025-06-02T01:05:00Z");

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

    @Inject
    Digests digests;

    @Inject
    TargetService targets;

    @Inject
    JsonMapper json;

    @Inject
    Clock clock;

    Receiver chat;

    @MockBean(Clock.class)
    Clock reviewDay() {
        return new MovableClock(SUNDAY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of("gateway.notify.email.host", "127.0.0.1", "gateway.notify.email.port", Integer.toString(PORT),
                "gateway.notify.email.starttls", "false", "gateway.public-url", "https://kpi.example.com");
    }

    @BeforeEach
    void figuresTargetsAndAnEmptyOutbox() throws Exception {
        ((MovableClock) clock).set(SUNDAY);
        transactions.write(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM notification_outbox");
                s.executeUpdate("DELETE FROM notification_subscription");
            }
            return null;
        });
        everyPeriodAnswers(tongyi(100, 10, 100, 40, 20, 1_000_000, "5.00"), tokens("quark", 700L),
                quark(group(null, 4, 200, 600, "0.400000", 80, 10, "0.050000"),
                        group("quark", 2, 120, 300, "0.500000", 50, 5, "0.050000"),
                        group("taobao", 2, 80, 300, "0.300000", 30, 5, "0.050000")),
                billing("280154000000.00", "31742000000.00", "0.113302", "10.00", "8.00", "2.00", "5.00", "5.00", 2,
                        List.of(new BusinessUnitSpend("quark", new BigDecimal("12.34")))));
        for (String unit : List.of("quark", "taobao")) {
            targets.put(2026, unit, "toc-ai-sessions", new TargetRequest(new BigDecimal("100"), Direction.AT_LEAST,
                    BigDecimal.ONE, TargetPeriod.QUARTER, null, "synthetic: digest test"), "exec");
        }
        chat = new Receiver();
    }

    @AfterEach
    void stopChat() {
        chat.close();
    }

    void subscribe(String id, String channel, String target, String language, String digest) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scopes", List.of("quark"));
        body.put("types", NoticeTypes.ALL);
        body.put("channel", channel);
        body.put("target", target);
        body.put("language", language);
        body.put("digest", digest);
        client.toBlocking().exchange(HttpRequest.PUT("/api/v1/subscriptions/" + id, body)
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)));
    }

    Notice notice(String type, String kpiId, String before, String after, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("reason", kpiId + " went from " + before + " to " + after + ".");
        data.put("before", Map.of("value", before));
        data.put("after", Map.of("value", after));
        data.putAll(extra);
        return new Notice(UUID.randomUUID().toString(), type, clock.instant(), "quark", "FY2026-Q1", kpiId, data);
    }

    void enqueue(Notice n) {
        transactions.write(c -> {
            outbox.enqueue(c, n);
            return null;
        });
    }

    List<Map<String, Object>> rows(String status) {
        return new ServiceApi(client.toBlocking()).getList("/api/v1/notifications?limit=1000&status=" + status);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> review(String scope) {
        Map<String, Object> review = new ServiceApi(client.toBlocking())
                .get("/api/v1/executive/reviews?period=FY2026-Q1");
        return ((List<Map<String, Object>>) review.get("scopes")).stream().filter(s -> scope.equals(s.get("scope")))
                .findFirst().orElseThrow();
    }

    @Test
    void aWeeklyDigestTakesTheHeldNoticesOnceAndArrivesAsOneEmail() throws Exception {
        subscribe("cfo-weekly", "email", "cfo@aikpi.example", "zh", "weekly");
        enqueue(notice(NoticeTypes.STATUS_CHANGED, "toc-ai-sessions", "ON_TRACK", "AT_RISK", Map.of()));
        enqueue(notice(NoticeTypes.FLOOR_BROKEN, "toc-ai-sessions", "COUNTED", "NOT_COUNTED", Map.of()));
        enqueue(notice(NoticeTypes.VANITY_FIRED, null, "QUIET", "FIRING",
                Map.of("message", "AI 会话增长而解决率下降")));
        assertThat(rows("HELD")).as("held for the digest, not sent one by one").hasSize(3);
        assertThat(rows("PENDING")).isEmpty();

        assertThat(digests.composeDue()).as("the last Monday's slot was before the subscription").isZero();

        ((MovableClock) clock).set(MONDAY);
        assertThat(digests.composeDue()).isEqualTo(1);
        assertThat(digests.composeDue()).as("a slot makes one digest").isZero();
        assertThat(rows("HELD")).isEmpty();
        assertThat(rows("DIGESTED")).hasSize(3);
        List<Map<String, Object>> pending = rows("PENDING");
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).get("type")).isEqualTo(NoticeTypes.DIGEST_WEEKLY);
        assertThat(pending.get(0).get("noticeId")).isEqualTo("digest-weekly-2025-06-02-cfo-weekly");

        dispatcher.dispatchDue().get();
        assertThat(rows("SENT")).hasSize(1);
        MimeMessage[] mail = smtp.getReceivedMessages();
        assertThat(mail).hasSize(1);
        assertThat(mail[0].getSubject()).isEqualTo("[AI KPI] AI KPI 周报，FY2026-Q1：quark");
        String text = EmailDeliveryTest.part(mail[0], "text/plain");
        String html = EmailDeliveryTest.part(mail[0], "text/html");
        // quark: 120 of 100 sessions (attainment capped at the review's cap), taobao 80 of 100: quark ranks first of two.
        Map<String, Object> quark = review("quark");
        assertThat(quark.get("rank")).isEqualTo(1);
        String score = new BigDecimal(quark.get("score").toString()).setScale(3, java.math.RoundingMode.HALF_EVEN)
                .toPlainString();
        assertThat(text).contains("quark：得分 " + score).contains("排名 1/2")
                .contains("状态变化的 KPI：1 项").contains("toc-ai-sessions：ON_TRACK → AT_RISK")
                .contains("质量底线被突破：1 项").contains("虚荣指标告警：1 项").contains("AI 会话增长而解决率下降")
                .contains("数据源").contains("quark-service").contains("已定稿")
                .contains("看板：https://kpi.example.com/dashboard/index.html?period=2025-Q2");
        assertThat(html).contains("<h2>AI KPI 周报，FY2026-Q1</h2>").contains("排名 1/2")
                .contains("href=\"https://kpi.example.com/dashboard/index.html?period=2025-Q2\"");

        // A notice after the slot waits for next Monday's digest.
        ((MovableClock) clock).set(MONDAY.plusSeconds(3600));
        enqueue(notice(NoticeTypes.STATUS_CHANGED, "toc-ai-sessions", "AT_RISK", "OFF_TRACK", Map.of()));
        ((MovableClock) clock).set(MONDAY.plusSeconds(86_400));
        assertThat(digests.composeDue()).as("Tuesday: no weekly slot").isZero();
        assertThat(rows("HELD")).hasSize(1);
        ((MovableClock) clock).set(MONDAY.plusSeconds(7 * 86_400));
        assertThat(digests.composeDue()).isEqualTo(1);
        dispatcher.dispatchDue().get();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(EmailDeliveryTest.part(smtp.getReceivedMessages()[1], "text/plain"))
                .contains("toc-ai-sessions：AT_RISK → OFF_TRACK").contains("质量底线被突破：0 项");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSameDigestAsDingTalkMarkdownAndSlackBlocks() throws Exception {
        subscribe("lead-dingtalk", "dingtalk", chat.url(null), "en", "daily");
        subscribe("lead-slack", "slack", chat.url(null), "en", "daily");
        chat.answer = "{\"errcode\":0,\"errmsg\":\"ok\"}";
        enqueue(notice(NoticeTypes.STATUS_CHANGED, "toc-ai-sessions", "ON_TRACK", "AT_RISK", Map.of()));
        ((MovableClock) clock).set(MONDAY);
        assertThat(digests.composeDue()).isEqualTo(2);
        dispatcher.dispatchDue().get();
        assertThat(chat.bodies).hasSize(2);
        Map<String, Object> dingtalk = null;
        Map<String, Object> slack = null;
        for (String body : chat.bodies) {
            Map<String, Object> m = json.readValue(body, Argument.mapOf(String.class, Object.class));
            if ("markdown".equals(m.get("msgtype"))) {
                dingtalk = m;
            } else {
                slack = m;
            }
        }
        assertThat(dingtalk).isNotNull();
        assertThat(slack).isNotNull();
        Map<String, Object> markdown = (Map<String, Object>) dingtalk.get("markdown");
        assertThat(markdown.get("title")).isEqualTo("Daily AI KPI digest, FY2026-Q1");
        assertThat((String) markdown.get("text")).contains("**quark**: score").contains("rank 1 of 2")
                .contains("`toc-ai-sessions`: ON_TRACK → **AT_RISK**")
                .contains("[Open the dashboard](https://kpi.example.com/dashboard/index.html?period=2025-Q2)");
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) slack.get("blocks");
        assertThat(((Map<String, Object>) blocks.get(0).get("text")).get("text")).isEqualTo("Daily AI KPI digest, FY2026-Q1");
        String section = (String) ((Map<String, Object>) blocks.get(1).get("text")).get("text");
        assertThat(section).contains("*quark*: score").contains("`toc-ai-sessions`: ON_TRACK → *AT_RISK*")
                .contains("<https://kpi.example.com/dashboard/index.html?period=2025-Q2|Open the dashboard>");
    }

    @Test
    void aSubscriptionBackToNoDigestReleasesWhatItHeld() {
        subscribe("cfo-daily", "email", "cfo@aikpi.example", "en", "daily");
        enqueue(notice(NoticeTypes.STATUS_CHANGED, "toc-ai-sessions", "ON_TRACK", "AT_RISK", Map.of()));
        assertThat(rows("HELD")).hasSize(1);
        subscribe("cfo-daily", "email", "cfo@aikpi.example", "en", "none");
        assertThat(digests.composeDue()).isZero();
        assertThat(rows("HELD")).isEmpty();
        assertThat(rows("PENDING")).hasSize(1);
    }

    @Test
    void aDeletedSubscriptionsHeldNoticesAreDeadNotWaitingForever() {
        subscribe("cfo-weekly", "email", "cfo@aikpi.example", "en", "weekly");
        enqueue(notice(NoticeTypes.STATUS_CHANGED, "toc-ai-sessions", "ON_TRACK", "AT_RISK", Map.of()));
        client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/subscriptions/cfo-weekly")
                .header(HttpHeaders.AUTHORIZATION, tokens.bearer(Roles.EXECUTIVE)));
        ((MovableClock) clock).set(MONDAY);
        assertThat(digests.composeDue()).isZero();
        assertThat(rows("HELD")).isEmpty();
        assertThat(rows("DEAD")).singleElement()
                .satisfies(r -> assertThat(r.get("lastError")).isEqualTo("the subscription was deleted before its digest"));
    }
}
