package aikpi.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's notifications ({@code DEMO_NOTIFY=1 ./run-suite.sh}): two subscriptions to the Tongyi app's quality
 * floors, one by webhook to {@link DemoReceivers}' receiver (signed with {@code DEMO_WEBHOOK_SECRET}) and one by e-mail
 * through its SMTP server; and, on the first load, the FY2026-Q2 floor break told through them. SYNTHETIC, like the
 * targets: the Tongyi app's FY2026 AI-session target is first set with a 0.5 resolution floor, which FY2026-Q2's rate
 * (about 0.57) meets; once the gateway's notification rules have seen that (they watch FY2026-Q2 by
 * {@code GATEWAY_NOTIFY_PERIODS}, every {@code GATEWAY_NOTIFY_EVERY}), the executives raise it to the 0.6 the demo's
 * review shows, the quarter's sessions no longer count, and the rules queue {@code aikpi.review.floor-broken} for both
 * subscriptions. (A floor first seen already broken is recorded and not told, as after any first deployment: the rules
 * tell changes.)
 */
final class DemoNotifications {

    static final String WEBHOOK_SUBSCRIPTION = "/api/v1/subscriptions/demo-tongyi-app-floor-webhook";
    static final String EMAIL_SUBSCRIPTION = "/api/v1/subscriptions/demo-tongyi-app-floor-email";
    static final String DINGTALK_SUBSCRIPTION = "/api/v1/subscriptions/demo-tongyi-app-floor-dingtalk";
    static final List<String> TYPES = List.of("aikpi.review.floor-broken", "aikpi.review.floor-restored");

    /**
     * @param webhookUrl the receiver's URL ({@code DEMO_WEBHOOK_URL}, default the local receiver's)
     * @param secret     the webhook subscription's secret ({@code DEMO_WEBHOOK_SECRET}, {@code whsec_…})
     * @param email      the address the e-mails go to ({@code DEMO_NOTIFY_EMAIL})
     * @param settle     how long the rules are given to see the floor as first set ({@code DEMO_NOTIFY_SETTLE}, s)
     * @param dingTalk   a real DingTalk robot's webhook URL to subscribe too ({@code DEMO_DINGTALK_URL}), or null
     * @param dingTalkSecret its {@code SEC…} signing secret ({@code DEMO_DINGTALK_SECRET}), or null
     */
    record Settings(String webhookUrl, String secret, String email, Duration settle, String dingTalk,
                    String dingTalkSecret) {

        static Settings fromEnvironment(Map<String, String> env) {
            String secret = env.getOrDefault("DEMO_WEBHOOK_SECRET", "");
            if (!secret.startsWith("whsec_")) {
                throw new IllegalArgumentException("DEMO_NOTIFY=1 needs DEMO_WEBHOOK_SECRET, the webhook subscription's "
                        + "secret (whsec_ and base64 of 24 to 64 bytes), the one the receiver checks signatures with");
            }
            return new Settings(env.getOrDefault("DEMO_WEBHOOK_URL", "http://127.0.0.1:8090" + DemoReceivers.WEBHOOK_PATH),
                    secret, env.getOrDefault("DEMO_NOTIFY_EMAIL", "lead-tongyi-app@example.com"),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("DEMO_NOTIFY_SETTLE", "75"))),
                    blankAsNull(env.get("DEMO_DINGTALK_URL")), blankAsNull(env.get("DEMO_DINGTALK_SECRET")));
        }

        private static String blankAsNull(String value) {
            return value == null || value.isBlank() ? null : value;
        }

        /** The subscriptions made: webhook, e-mail and, when given, the DingTalk robot. */
        int subscriptions() {
            return dingTalk == null ? 2 : 3;
        }
    }

    private DemoNotifications() {
    }

    static boolean enabled(Map<String, String> env) {
        return "1".equals(env.get("DEMO_NOTIFY"));
    }

    /** The two subscriptions (a replacement keeps what it replaces: a second run changes nothing). */
    static DemoDataSet.Step subscriptions(Settings settings) {
        Map<String, Object> webhook = subscription("webhook", settings.webhookUrl(), "en");
        webhook.put("secret", settings.secret());
        Map<String, Object> email = subscription("email", settings.email(), "zh");
        List<DemoDataSet.Request> requests = new ArrayList<>(List.of(
                new DemoDataSet.Request("PUT", WEBHOOK_SUBSCRIPTION, webhook, 1),
                new DemoDataSet.Request("PUT", EMAIL_SUBSCRIPTION, email, 1)));
        if (settings.dingTalk() != null) {
            Map<String, Object> robot = subscription("dingtalk", settings.dingTalk(), "zh");
            if (settings.dingTalkSecret() != null) {
                robot.put("secret", settings.dingTalkSecret());
            }
            requests.add(new DemoDataSet.Request("PUT", DINGTALK_SUBSCRIPTION, robot, 1));
        }
        return new DemoDataSet.Step("gateway", "subscriptions to the Tongyi app's floors: webhook, e-mail"
                + (settings.dingTalk() == null ? "" : ", DingTalk"), requests);
    }

    private static Map<String, Object> subscription(String channel, String target, String language) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scopes", List.of("tongyi-app"));
        body.put("types", TYPES);
        body.put("channel", channel);
        body.put("target", target);
        body.put("language", language);
        body.put("digest", "none");
        return body;
    }

    /** The executives raise the Tongyi app's FY2026 session floor to 0.6: FY2026-Q2's sessions stop counting. */
    static DemoDataSet.Step raiseFloor() {
        DemoTargets.DemoTarget target = DemoTargets.tongyiSessionsFy2026();
        return new DemoDataSet.Step("gateway", "the Tongyi app's FY2026 session floor raised from "
                + DemoTargets.TONGYI_FLOOR_FIRST_SET + " to 0.6 (synthetic)",
                List.of(new DemoDataSet.Request("PUT", target.path(), target.body(), 1)));
    }
}
