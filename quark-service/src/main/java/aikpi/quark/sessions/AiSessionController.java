package aikpi.quark.sessions;

import aikpi.platform.ingest.IngestResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "AI sessions")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/ai-sessions")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AiSessionController {

    private final AiSessionIngestService ingest;

    public AiSessionController(AiSessionIngestService ingest) {
        this.ingest = ingest;
    }

    @Operation(summary = "Ingest a batch of up to 10,000 AI sessions",
            description = "Each: {sessionId, appId, featureId, userId, startedAt, turns, agentCalls, outcome "
                    + "(RESOLVED|ABANDONED|ESCALATED|UNKNOWN), rating (1-5, optional), converted, conversionValueCny "
                    + "(optional, at most two decimals, only when converted)}. The feature must exist for the app. "
                    + "Atomic: one bad session rejects the batch (400, every offender named by index) and nothing is "
                    + "stored; more than 10,000 items is 413. Idempotent: a sessionId seen before (or repeated in the "
                    + "batch) is acknowledged as a duplicate and counted once.")
    @Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_EVENTS})
    @AuditedWrite
    @Post
    public IngestResult ingest(@Body List<AiSessionRequest> sessions) {
        return ingest.ingest(sessions);
    }
}
