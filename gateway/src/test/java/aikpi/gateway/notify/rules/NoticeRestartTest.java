package aikpi.gateway.notify.rules;

import static org.assertj.core.api.Assertions.assertThat;

import aikpi.gateway.notify.NoticeTypes;
import aikpi.gateway.notify.RecordingOutbox;
import aikpi.testing.SharedDatabase;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rules' state lives in the database: a gateway restarted, or a second one on the same database, tells nothing
 * the first told, and goes on from what it saw.
 */
class NoticeRestartTest {

    @TempDir
    Path dir;

    static Observation status(String value) {
        return new Observation(Rule.STATUS, "quark", "FY2025-Q4", "toc-ai-sessions", value,
                Instant.now(), "100", Map.of("link", "/dashboard/index.html?period=2025-Q1"));
    }

    static Observation source(String value, Instant since) {
        return new Observation(Rule.SOURCE, "group", null, "quark-service", value, since, value, Map.of());
    }

    @Test
    void aRestartedGatewayTellsNothingTwiceAndKnowsSinceWhenASourceIsDown() throws InterruptedException {
        Map<String, Object> properties = Map.of(RecordingOutbox.PROPERTY, "true", "gateway.notify.enabled", "false",
                "gateway.notify.stale-after", "1s");
        Instant down;
        try (SharedDatabase db = SharedDatabase.create(dir, "notices", ";LOCK_TIMEOUT=30000")) {
            try (EmbeddedServer first = db.start(properties)) {
                NoticeEvaluation evaluation = first.getApplicationContext().getBean(NoticeEvaluation.class);
                assertThat(evaluation.apply(status("MET"))).isFalse();
                assertThat(evaluation.apply(status("OFF_TRACK"))).isTrue();
                down = Instant.now();
                assertThat(evaluation.apply(source("DOWN", down))).as("not a second yet").isFalse();
            }
            while (Instant.now().isBefore(down.plusMillis(1_100))) {
                Thread.sleep(50);
            }
            try (EmbeddedServer second = db.start(properties)) {
                NoticeEvaluation evaluation = second.getApplicationContext().getBean(NoticeEvaluation.class);
                RecordingOutbox outbox = second.getApplicationContext().getBean(RecordingOutbox.class);
                assertThat(evaluation.apply(status("OFF_TRACK"))).as("told before the restart").isFalse();
                // Down since before the restart, as stored: over the threshold now, although seen down only just.
                assertThat(evaluation.apply(source("DOWN", Instant.now()))).isTrue();
                assertThat(evaluation.apply(source("DOWN", Instant.now()))).isFalse();
                assertThat(outbox.notices()).extracting(RecordingOutbox.Recorded::type)
                        .containsExactly(NoticeTypes.STATUS_CHANGED, NoticeTypes.SOURCE_STALE);
            }
        }
    }
}
