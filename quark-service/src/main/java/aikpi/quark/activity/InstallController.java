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
@Controller("/api/v1/installs")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InstallController {

    private final UserEventIngestService ingest;

    public InstallController(UserEventIngestService ingest) {
        this.ingest = ingest;
    }

    @Operation(summary = "Ingest a batch of up to 10,000 installs {eventId, appId, userId, occurredAt}",
            description = "Atomic: one bad install rejects the batch (400, every offender named by index) and nothing "
                    + "is stored; more than 10,000 items is 413. Idempotent: an eventId seen before (or repeated in "
                    + "the batch) is acknowledged as a duplicate and counted once. An install counts toward installs "
                    + "and makes its user seen (totalUsers, newUsers).")
    @Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_EVENTS})
    @AuditedWrite
    @Post
    public IngestResult ingest(@Body List<UserEventRequest> installs) {
        return ingest.ingest(UserEventStream.INSTALL, installs);
    }
}
