package aikpi.tongyi.usage;

import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * OpenMeter's events API, {@code POST /api/v1/events}, as its SDKs, seeders and collector call it: the same CloudEvents
 * and rules as {@code POST /api/v1/usage/cloudevents} ({@link UsageCloudEvents}), answered as OpenMeter answers,
 * {@code 204} without a body (a repeated event is acknowledged the same way and counted once).
 */
@Tag(name = "token usage")
@Secured({Roles.TONGYI_WRITER, IngestStreams.TONGYI_USAGE})
@Controller("/api/v1/events")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EventsController {

    private final UsageCloudEvents cloudEvents;

    public EventsController(UsageCloudEvents cloudEvents) {
        this.cloudEvents = cloudEvents;
    }

    @Operation(summary = "Ingest token usage as OpenMeter's events API takes it (CloudEvents 1.0)",
            description = "application/cloudevents+json (one event), application/cloudevents-batch+json (a JSON "
                    + "array), application/json (either), or one event in binary mode (ce-* headers, the data as the "
                    + "body). Same rules, identity and atomicity as POST /api/v1/usage/cloudevents; answers 204.")
    @Post(consumes = MediaType.ALL)
    @Status(HttpStatus.NO_CONTENT)
    public void ingest(@Body byte[] body, HttpHeaders headers) {
        cloudEvents.ingest(headers, body, UsageCloudEvents.Body.ONE_OR_BATCH);
    }
}
