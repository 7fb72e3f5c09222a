package aikpi.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoNotificationsTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    @SuppressWarnings("unchecked")
    void theFloorIsFirstSetAtHalfThenRaisedToTheReviewsSixTenthsAndNothingElseDiffers() {
        List<DemoTargets.DemoTarget> plain = DemoTargets.all();
        List<DemoTargets.DemoTarget> staged = DemoTargets.all(true);
        assertThat(staged).hasSameSizeAs(plain);
        for (int i = 0; i < plain.size(); i++) {
            if (!plain.get(i).path().equals("/api/v1/targets/FY2026/tongyi-app/toc-ai-sessions")) {
                assertThat(staged.get(i)).isEqualTo(plain.get(i));
                continue;
            }
            Map<String, Object> first = (Map<String, Object>) staged.get(i).body().get("qualityFloor");
            assertThat(first).containsEntry("kpiId", "assistant-resolution-rate");
            assertThat((BigDecimal) first.get("min")).isEqualByComparingTo("0.5");
            assertThat(staged.get(i).body().get("target")).isEqualTo(plain.get(i).body().get("target"));
            // The raise is the target as the demo has it without notifications: the 0.6 floor.
            DemoDataSet.Request raise = DemoNotifications.raiseFloor().requests().get(0);
            assertThat(raise.path()).isEqualTo(plain.get(i).path());
            assertThat(raise.body()).isEqualTo(plain.get(i).body());
            assertThat((BigDecimal) ((Map<String, Object>) plain.get(i).body().get("qualityFloor")).get("min"))
                    .isEqualByComparingTo("0.6");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void subscriptionsGoToTheLocalReceiversAndTheRobotOnlyWhenGiven() {
        DemoNotifications.Settings local = DemoNotifications.Settings.fromEnvironment(Map.of("DEMO_WEBHOOK_SECRET", SECRET));
        List<DemoDataSet.Request> two = DemoNotifications.subscriptions(local).requests();
        assertThat(two).extracting(DemoDataSet.Request::path).containsExactly(
                "/api/v1/subscriptions/demo-tongyi-app-floor-webhook", "/api/v1/subscriptions/demo-tongyi-app-floor-email");
        Map<String, Object> webhook = (Map<String, Object>) two.get(0).body();
        assertThat(webhook).containsEntry("channel", "webhook").containsEntry("target", "http://127.0.0.1:8090/webhook")
                .containsEntry("secret", SECRET).containsEntry("scopes", List.of("tongyi-app"));
        assertThat((List<String>) webhook.get("types")).contains("aikpi.review.floor-broken");
        assertThat((Map<String, Object>) two.get(1).body()).containsEntry("channel", "email")
                .containsEntry("target", "lead-tongyi-app@example.com").doesNotContainKey("secret");

        DemoNotifications.Settings robot = DemoNotifications.Settings.fromEnvironment(Map.of("DEMO_WEBHOOK_SECRET", SECRET,
                "DEMO_DINGTALK_URL", "https://oapi.dingtalk.com/robot/send?access_token=abc", "DEMO_DINGTALK_SECRET", "SECxyz"));
        List<DemoDataSet.Request> three = DemoNotifications.subscriptions(robot).requests();
        assertThat(three).hasSize(3);
        assertThat((Map<String, Object>) three.get(2).body()).containsEntry("channel", "dingtalk")
                .containsEntry("secret", "SECxyz");
        assertThat(robot.subscriptions()).isEqualTo(3);
    }

    @Test
    void notificationsNeedTheWebhookSecretTheReceiverChecks() {
        assertThat(DemoNotifications.enabled(Map.of())).isFalse();
        assertThat(DemoNotifications.enabled(Map.of("DEMO_NOTIFY", "1"))).isTrue();
        assertThatThrownBy(() -> DemoNotifications.Settings.fromEnvironment(Map.of("DEMO_NOTIFY", "1")))
                .hasMessageContaining("DEMO_WEBHOOK_SECRET");
    }
}
