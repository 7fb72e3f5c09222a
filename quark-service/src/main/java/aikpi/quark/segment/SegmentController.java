package aikpi.quark.segment;

import aikpi.platform.json.JsonTrees;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.security.audit.AuditedWrite;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Segment-spec calls, under quark's own paths ({@code /api/v1/segment/*}) and under Segment's HTTP Tracking API paths
 * ({@code /v1/batch}, {@code /v1/import}, {@code /v1/track}, …), so Segment's own libraries write here with only their
 * host and write key changed: one route each, the same rules, the same answer. A Segment library's write key is an
 * ingest key of the {@code segment} stream.
 */
@Tag(name = "Segment-spec events")
@Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_SEGMENT})
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SegmentController {

    private static final String MAPPING = " Mapping: track 'Application Installed' → an install, 'Application Opened' → "
            + "an app open, 'AI Session Ended' (properties featureId, turns, agentCalls, outcome, rating?, converted, "
            + "conversionValue? in CNY, sessionId?) → an AI session; any other track, and identify, screen, page, "
            + "group, alias calls → ignored (acknowledged and counted, never refused). The app: properties.appId, or "
            + "the app whose bundleIds list context.app.namespace. The user: userId, else anonymousId. The instant: "
            + "timestamp, else originalTimestamp (corrected by sentAt). messageId identifies a call: a repeated one is "
            + "a duplicate forever. Answers {success: true, accepted, duplicates, ignored}; a body of Content-Encoding "
            + "gzip is inflated first (its inflated size is bounded as the body's own).";

    private final SegmentIngestService ingest;
    private final JsonMapper json;

    public SegmentController(SegmentIngestService ingest, JsonMapper json) {
        this.ingest = ingest;
        this.json = json;
    }

    @Operation(summary = "Ingest Segment-spec calls: {\"batch\": [call, …]}, as Segment's HTTP Tracking API batch "
            + "and import (what analytics-java posts to /v1/import, the write key in the body)",
            description = "Up to 10,000 calls (more is 413) in a body of up to QUARK_MAX_REQUEST_SIZE; the batch's "
                    + "context and sentAt apply to every call that has none. Atomic: one bad call rejects the body (400, "
                    + "every offender named by index, messageId and Segment field) and nothing is stored." + MAPPING)
    @AuditedWrite
    @Post(uris = {"/api/v1/segment/batch", "/v1/batch", "/v1/import"}, consumes = MediaType.APPLICATION_JSON)
    public SegmentResult batch(@Body byte[] body) {
        return ingest.batch(read(body));
    }

    @Operation(summary = "Ingest one Segment-spec call of the method the path names (track, identify, page, screen, "
            + "group, alias), as Segment's HTTP Tracking API does",
            description = "type may be left out (it is the path's method); another method's call is a 400." + MAPPING)
    @AuditedWrite
    @Post(uris = {"/api/v1/segment/{method}", "/v1/{method}"}, consumes = MediaType.APPLICATION_JSON)
    public SegmentResult single(@PathVariable String method, @Body byte[] body) {
        return ingest.single(method, read(body));
    }

    /** Segment calls are read as a tree, under the rules of every JSON body. */
    private JsonNode read(byte[] body) {
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("The body is empty: send Segment calls as JSON.");
        }
        return JsonTrees.read(json, body);
    }
}
