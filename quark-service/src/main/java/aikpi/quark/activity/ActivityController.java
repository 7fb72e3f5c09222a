package aikpi.quark.activity;

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

@Tag(name = "installs and activity")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/activity")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ActivityController {

    private final UserEventIngestService ingest;

    public ActivityController(UserEventIngestService ingest) {
        this.ingest = ingest;
    }

    @Operation(summary = "Ingest a batch of up to 10,000 app opens {eventId, appId, userId, occurredAt}",
            description = "One event per app open; userId is a pseudonymous id. Atomic: one bad event rejects the "
                    + "batch (400, every offender named by index) and nothing is stored; more than 10,000 items is "
                    + "413. Idempotent: an eventId seen before (or repeated in the batch) is acknowledged as a "
                    + "duplicate and counted once. An app open makes its user active (dau, mau, activeUsers) and seen.")
    @Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_EVENTS})
    @AuditedWrite
    @Post("/events")
    public IngestResult ingest(@Body List<UserEventRequest> events) {
        return ingest.ingest(UserEventStream.ACTIVITY, events);
    }
}
