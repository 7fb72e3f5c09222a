package aikpi.tongyi.resources;

import aikpi.platform.ingest.IngestResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "resources")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/resources")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ResourceUsageController {

    private final ResourceUsageService resources;
    private final UnitCostService unitCosts;
    private final ResourceSummaryService summaries;
    private final ResourceUsageRepository entries;

    public ResourceUsageController(ResourceUsageService resources, UnitCostService unitCosts,
                                   ResourceSummaryService summaries, ResourceUsageRepository entries) {
        this.resources = resources;
        this.unitCosts = unitCosts;
        this.summaries = summaries;
        this.entries = entries;
    }

    @Operation(summary = "GPU hours and their cost in a period (any period: day, month, quarter), in total and by "
            + "model or purpose",
            description = "gpuHours and costCny are the period's whole; rows break it down by groupBy. By model, "
                    + "entries naming no model are in the whole and in no row.")
    @Get("/summary")
    public ResourceSummary summary(@QueryValue String period, @QueryValue @Nullable String groupBy) {
        return summaries.summary(Period.parse(period), ResourceGrouping.parse(groupBy));
    }

    @Operation(summary = "GPU hours and their cost per day of a period (any period), training and inference together",
            description = "The daily series a running period's AI resource cost is projected from; a day without an "
                    + "entry has no row. Its rows add up to the period's resources.costCny in GET /api/v1/kpis.")
    @Get("/daily")
    public DailyResourceCosts daily(@QueryValue String period) {
        Period p = Period.parse(period);
        return new DailyResourceCosts(p.label(), p.firstDay(), p.lastDay(),
                entries.totalsByDay(p.firstDay(), p.lastDay()).stream()
                        .map(d -> new DailyResourceCosts.Day(d.usageDate(), d.gpuHours(), Money.cny(d.costCny())))
                        .toList());
    }

    @Operation(summary = "What AI answers cost in a period: each model's inference cost per million tokens, and each "
            + "business unit's tokens (as an internal customer) priced at it",
            description = "A unit's inferenceCostCny = Σ over models of its tokens × the model's inference cost ÷ all "
                    + "the model's tokens in the period; tokens of a model without inference cost are uncostedTokens.")
    @Get("/unit-costs")
    public UnitCosts unitCosts(@QueryValue String period) {
        return unitCosts.unitCosts(Period.parse(period));
    }

    @Operation(summary = "Record GPU hours and their cost; idempotent by entryId, atomic per batch")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Post("/usage")
    public IngestResult record(@Body List<ResourceUsageRequest> entries) {
        return resources.ingest(entries);
    }
}
