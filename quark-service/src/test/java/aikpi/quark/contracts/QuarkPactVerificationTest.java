package aikpi.quark.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.quark.activity.UserEventIngestService;
import aikpi.quark.activity.UserEventRequest;
import aikpi.quark.activity.UserEventStream;
import aikpi.quark.apps.App;
import aikpi.quark.apps.AppService;
import aikpi.quark.apps.Feed;
import aikpi.quark.features.AiFeature;
import aikpi.quark.features.FeatureKind;
import aikpi.quark.features.FeatureRepository;
import aikpi.quark.sessions.AiSessionIngestService;
import aikpi.quark.sessions.AiSessionRequest;
import aikpi.testing.ProviderVerification;
import au.com.dius.pact.provider.junitsupport.Provider;
import au.com.dius.pact.provider.junitsupport.State;
import au.com.dius.pact.provider.junitsupport.loader.PactFolder;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

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
    }

    /** The app quark is fed by events, received now, long after 2025-Q1's days were complete: the quarter is final. */
    @State("quark has events of 2025-Q1 from apps fed by events only, every day of it long complete")
    void quarterLongComplete() {
        activityAndSessions();
    }
}
