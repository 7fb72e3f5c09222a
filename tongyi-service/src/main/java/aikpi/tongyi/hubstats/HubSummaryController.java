package aikpi.tongyi.hubstats;

import aikpi.security.Roles;
import aikpi.tongyi.hubstats.InfluenceCalculator.PeriodInfluence;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@Tag(name = "hub statistics")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/hub-stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HubSummaryController {

    private final HubStatsService hubStats;

    public HubSummaryController(HubStatsService hubStats) {
        this.hubStats = hubStats;
    }

    /** What every model gained in a period, and the same per model or platform: the rows add up to it. */
    @Serdeable
    public record HubSummary(String period, LocalDate from, LocalDate to, String groupBy, Influence gained,
                             List<Row> rows) {
    }

    @Serdeable
    public record Row(String key, Influence gained) {
    }

    @Operation(summary = "Downloads, likes and derivatives gained in a period by all models, in total and by model "
            + "or platform")
    @Get("/summary")
    public HubSummary summary(@QueryValue String period, @QueryValue @Nullable String groupBy) {
        Period p = Period.parse(period);
        HubGrouping grouping = HubGrouping.parse(groupBy);
        PeriodInfluence all = hubStats.influence(p);
        Map<?, Influence> parts = switch (grouping) {
            case TOTAL -> Map.of();
            case MODEL -> hubStats.gainedByModel(p);
            case PLATFORM -> all.gainedByPlatform();
        };
        List<Row> rows = new ArrayList<>();
        parts.forEach((key, gained) -> rows.add(new Row(key instanceof Platform platform ? platform.name()
                : key.toString(), gained)));
        return new HubSummary(p.label(), p.firstDay(), p.lastDay(), grouping.label(), all.gained(), rows);
    }
}
