package aikpi.quark.segment;

import aikpi.platform.json.JsonTrees;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.security.audit.AuditedWrite;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@Tag(name = "Segment-spec events")
@Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_SEGMENT})
@Controller("/api/v1/segment")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SegmentController {

    private static final String MAPPING = " Mapping: track 'Application Installed' → an install, 'Application Opened' → "
            + "an app open, 'AI Session Ended' (properties featureId, turns, agentCalls, outcome, rating?, converted, "
            + "conversionValue? in CNY, sessionId?) → an AI session; any other track, and identify, screen, page, "
            + "group, alias calls → ignored (acknowledged and counted, never refused). The app: properties.appId, or "
            + "the app whose bundleIds list context.app.namespace. The user: userId, else anonymousId. The instant: "
            + "timestamp, else originalTimestamp (corrected by sentAt). messageId identifies a call: a repeated one is "
            + "a duplicate forever. Answers {accepted, duplicates, ignored}.";

    private final SegmentIngestService ingest;
    private final JsonMapper json;

    public SegmentController(SegmentIngestService ingest, JsonMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    @Operation(summary = "Ingest Segment-spec calls: {\"batch\": [call, …]}, as Segment's HTTP Tracking API batch",
            description = "Up to 10,000 calls (more is 413) in a body of up to QUARK_MAX_REQUEST_SIZE; the batch's "
                    + "context and sentAt apply to every call that has none. Atomic: one bad call rejects the body (400, "
                    + "every offender named by index, messageId and Segment field) and nothing is stored." + MAPPING)
    @AuditedWrite
    @Post(value = "/batch", consumes = MediaType.APPLICATION_JSON)
    public SegmentResult batch(@Body byte[] body) {
        return ingest.batch(read(body));
    }

    @Operation(summary = "Ingest one Segment-spec track call, as Segment's HTTP Tracking API track",
            description = "type may be left out (it is track)." + MAPPING)
    @AuditedWrite
    @Post(value = "/track", consumes = MediaType.APPLICATION_JSON)
    public SegmentResult track(@Body byte[] body) {
        return ingest.track(read(body));
    }

    /** Segment calls are read as a tree, under the rules of every JSON body. */
    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("The body is empty: send Segment calls as JSON.");
        }
        return JsonTrees.read(json, body);
    }
}
