package aikpi.quark.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.platform.store.Transactions;
import aikpi.quark.activity.UserEventIngestService;
import aikpi.quark.activity.UserEventRequest;
import aikpi.quark.activity.UserEventStream;
import aikpi.quark.apps.App;
import aikpi.quark.apps.AppService;
import aikpi.quark.apps.Feed;
import aikpi.feeds.days.DaySketchUpload;
import aikpi.quark.days.AppDayService;
import aikpi.quark.days.DayRequest;
import aikpi.quark.features.AiFeature;
import aikpi.quark.features.FeatureKind;
import aikpi.quark.features.FeatureRepository;
import aikpi.quark.sessions.AiSessionIngestService;
import aikpi.quark.sessions.AiSessionRequest;
import aikpi.testing.MovableClock;
import aikpi.testing.ProviderVerification;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.StateChangeAction;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.annotation.MockBean;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Verifies quark-service against every pact in {@code contracts/pacts/} that names it (the gateway's). Provider
 * states are seeded through the service's own repositories and ingestion rules.
 */
@MicronautTest(transactional = false)
@Provider("quark-service")
@PactFolder("../contracts/pacts")
class QuarkPactVerificationTest extends ProviderVerification {

    @Inject
    AppService apps;

    @Inject
    FeatureRepository features;

    @Inject
    UserEventIngestService userEvents;

    @Inject
    AiSessionIngestService sessions;

    @Inject
    AppDayService days;

    @Inject
    JsonMapper json;

    @Inject
    Transactions transactions;

    /** The service's clock: now, but for the states that need their data received at a given instant. */
    final MovableClock clock = new MovableClock(Instant.now());

    @MockBean(Clock.class)
    Clock clock() {
        return clock;
    }

    private static AiSessionRequest session(String id, String feature, String user, String at, long turns,
                                            String outcome, Integer rating, boolean converted) {
        return new AiSessionRequest(id, "quark", feature, user, Instant.parse(at), turns, 1L, outcome, rating, converted,
                converted ? new BigDecimal("128.50") : null);
    }

    @State("quark has app activity and rated, resolved and converted AI sessions in 2025-Q1")
    void activityAndSessions() {
        apps.put(new App("quark", "Quark", "quark", LocalDate.parse("2015-01-01"), Feed.EVENTS), List.of());
        for (String[] f : List.of(new String[] {"ai-camera", "CAMERA"}, new String[] {"assistant", "ASSISTANT"})) {
            if (features.findByAppIdAndFeatureId("quark", f[0]).isEmpty()) {
                features.save(new AiFeature(null, "quark", f[0], f[0], FeatureKind.valueOf(f[1]), LocalDate.parse("2024-06-01")));
            }
        }
        // Received before 2025-06-01, so that they are not among what changed since then (a later state's data).
        receivedAt("2025-05-01T00:00:00Z", () -> {
            // Fixed ids: seeding the state again is acknowledged as duplicates and changes nothing.
            var opens = userEvents.ingest(UserEventStream.ACTIVITY, List.of(
                    new UserEventRequest("pact-open-1", "quark", "user-1", Instant.parse("2025-02-10T02:00:00Z")),
                    new UserEventRequest("pact-open-2", "quark", "user-2", Instant.parse("2025-02-10T03:00:00Z")),
                    new UserEventRequest("pact-open-3", "quark", "user-1", Instant.parse("2025-03-05T02:00:00Z")),
                    // A user without AI, and user-1 back in week 4 (Mar 10-16) of the week of Feb 10: the cohort that
                    // week has AI and non-AI users and a week-4 retention, so the AI lift is a number.
                    new UserEventRequest("pact-open-4", "quark", "user-3", Instant.parse("2025-02-11T02:00:00Z")),
                    new UserEventRequest("pact-open-5", "quark", "user-1", Instant.parse("2025-03-12T02:00:00Z"))));
            assertThat(opens.accepted() + opens.duplicates()).isEqualTo(5);
            var result = sessions.ingest(List.of(
                    session("pact-session-1", "ai-camera", "user-1", "2025-02-10T02:05:00Z", 2, "RESOLVED", 5, true),
                    session("pact-session-2", "assistant", "user-1", "2025-02-10T02:10:00Z", 6, "RESOLVED", 4, false),
                    session("pact-session-3", "assistant", "user-2", "2025-02-10T03:05:00Z", 3, "ABANDONED", null, false),
                    session("pact-session-4", "assistant", "user-1", "2025-03-05T02:05:00Z", 1, "UNKNOWN", null, false)));
            assertThat(result.accepted() + result.duplicates()).isEqualTo(4);
        });
    }

    /** The app quark is fed by events, received on 2025-05-01, long after 2025-Q1's days were complete: the quarter is final. */
    @State("quark has events of 2025-Q1 from apps fed by events only, every day of it long complete")
    void quarterLongComplete() {
        activityAndSessions();
    }

    /**
     * taobao-dp's pipeline sent its 2025-03-14 (version 1) before a review of 2025-Q1 was sealed on 2025-06-01 and
     * again (version 2, other figures) after it.
     */
    @State("taobao-dp, fed by daily aggregates, sent its 2025-03-14 of 2025-Q1 again after 2025-06-01")
    void daySentAgain() throws IOException {
        apps.put(new App(DAY_SENDER, "Taobao data platform", "taobao", LocalDate.parse("2025-01-01"), Feed.AGGREGATES),
                List.of());
        DayRequest first = day("ann");
        DayRequest second = day("ann", "bob");
        receivedAt("2025-05-20T02:00:00Z", () -> days.put(DAY_SENDER, LocalDate.parse("2025-03-14"), first));
        receivedAt("2025-06-15T02:00:00Z", () -> days.put(DAY_SENDER, LocalDate.parse("2025-03-14"), second));
    }

    /** Runs {@code write} with the service's clock at {@code instant}, then sets it back. */
    private void receivedAt(String instant, Runnable write) {
        Instant now = clock.instant();
        clock.set(instant);
        try {
            write.run();
        } finally {
            clock.set(now);
        }
    }

    /**
     * Takes the app away again: the other states hold apps fed by events only, and an app fed by daily aggregates
     * changes what the quarter's KPIs and completeness answer (no AI retention, days not sent). There is no endpoint
     * that forgets an app, so the test does it in SQL.
     */
    @State(value = "taobao-dp, fed by daily aggregates, sent its 2025-03-14 of 2025-Q1 again after 2025-06-01",
            action = StateChangeAction.TEARDOWN)
    void forgetTheDaySender() {
        transactions.write(c -> {
            try (Statement st = c.createStatement()) {
                for (String table : List.of("user_sketch", "install_daily", "feature_daily", "app_day_replaced",
                        "app_day", "app_bundle", "ai_feature", "app")) {
                    st.executeUpdate("DELETE FROM " + table + " WHERE app_id = '" + DAY_SENDER + "'");
                }
                return st.executeUpdate("DELETE FROM user_set WHERE scope = 'app:" + DAY_SENDER + "'");
            }
        });
    }

    private static final String DAY_SENDER = "taobao-dp";

    private DayRequest day(String... users) throws IOException {
        List<String> lines = Arrays.stream(users).map(u -> "open," + u).toList();
        return json.readValue(DaySketchUpload.figures(lines, Set.of(), 12, false).json(), DayRequest.class);
    }
}
