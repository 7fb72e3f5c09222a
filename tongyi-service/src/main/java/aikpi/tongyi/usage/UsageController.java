package aikpi.tongyi.usage;

import aikpi.platform.ingest.IngestResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.security.keys.IngestStreams;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.Slug;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.List;

@Tag(name = "token usage")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/usage")
@ExecuteOn(TaskExecutors.BLOCKING)
public class UsageController {

    private final UsageIngestService ingest;
    private final UsageCloudEvents cloudEvents;
    private final UsageSummaryService summaries;
    private final ReportingZone zone;

    public UsageController(UsageIngestService ingest, UsageCloudEvents cloudEvents, UsageSummaryService summaries,
                           ReportingZone zone) {
        this.ingest = ingest;
        this.cloudEvents = cloudEvents;
        this.summaries = summaries;
        this.zone = zone;
    }

    @Operation(summary = "Ingest a batch of up to 10,000 metered usage events",
            description = "Atomic: one bad event rejects the batch (400, every offender named by index) and nothing "
                    + "is stored. Idempotent: an eventId seen before is acknowledged as a duplicate and not counted.")
    @Secured({Roles.TONGYI_WRITER, IngestStreams.TONGYI_USAGE})
    @AuditedWrite
    @Post("/events")
    public IngestResult ingest(@Body List<UsageEventRequest> events) {
        return ingest.ingest(events);
    }

    @Operation(summary = "Ingest token usage as CloudEvents 1.0 (structured JSON: one event, or a batch of up to "
            + "10,000; or one event in binary mode)",
            description = "application/cloudevents+json for one event, application/cloudevents-batch+json for a JSON "
                    + "array; binary mode: ce-specversion, ce-id, ce-source, ce-type, ce-subject, ce-time headers and "
                    + "the data as the body. (source, id) identifies an event: a repeated pair is a duplicate, counted "
                    + "once forever. subject = the customer; data = {model, type: input|output, tokens}, OpenAI's "
                    + "usage object or OpenTelemetry's gen_ai.* attributes. Atomic like POST /api/v1/usage/events; "
                    + "answers {accepted, duplicates}.")
    @Secured({Roles.TONGYI_WRITER, IngestStreams.TONGYI_USAGE})
    @Post(value = "/cloudevents", consumes = MediaType.ALL) // binary mode's media type is its data's
    public IngestResult ingestCloudEvents(@Body byte[] body, HttpHeaders headers) {
        // audited by UsageCloudEvents.ingest, as OpenMeter's path is
        return cloudEvents.ingest(headers, body, null);
    }

    /** A usage summary: the period, how its days were cut, and one row per group. */
    @Serdeable
    public record UsageSummary(String period, LocalDate from, LocalDate to, String zone, String groupBy,
                               List<UsageSummaryRow> rows) {
    }

    @Operation(summary = "Metered tokens in a period, in total or by customer, model, customerKind, businessUnit (internal customers) or day",
            description = "businessUnit: that unit's own usage (its internal customers) only, by model (groupBy=model).")
    @Get("/summary")
    public UsageSummary summary(@QueryValue String period, @QueryValue @Nullable String groupBy,
                                @QueryValue @Nullable String businessUnit) {
        Period p = Period.parse(period);
        UsageGrouping grouping = UsageGrouping.parse(groupBy);
        if (businessUnit != null) {
            String unit = Slug.require("businessUnit", businessUnit);
            if (grouping != UsageGrouping.MODEL) {
                throw new InvalidRequestException("businessUnit narrows a summary by model only: add groupBy=model.");
            }
            return new UsageSummary(p.label(), p.firstDay(), p.lastDay(), zone.zoneId().getId(), grouping.label(),
                    summaries.byModelOf(p, unit));
        }
        return new UsageSummary(p.label(), p.firstDay(), p.lastDay(), zone.zoneId().getId(), grouping.label(),
                summaries.summarize(p, grouping));
    }
}
