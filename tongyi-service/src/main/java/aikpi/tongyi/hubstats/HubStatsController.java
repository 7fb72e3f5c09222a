package aikpi.tongyi.hubstats;

import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.tongyi.hubstats.HubStatsService.SnapshotResult;
import aikpi.tongyi.hubstats.InfluenceCalculator.PeriodInfluence;
import aikpi.vocabulary.Period;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;

@Tag(name = "hub statistics")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/models/{modelId}/hub-stats")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HubStatsController {

    private final HubStatsService hubStats;

    public HubStatsController(HubStatsService hubStats) {
        this.hubStats = hubStats;
    }

    @Operation(summary = "Record cumulative hub snapshots; a snapshot for a known (platform, date) replaces it")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Post
    public SnapshotResult record(@PathVariable String modelId, @Body List<HubSnapshotRequest> snapshots) {
        return hubStats.record(modelId, snapshots);
    }

    /** A model's influence in a period, by platform. */
    @Serdeable
    public record ModelInfluence(String modelId, String period, Influence gained, Influence cumulative,
                                 Map<Platform, Influence> gainedByPlatform, Map<Platform, Influence> cumulativeByPlatform) {
    }

    @Operation(summary = "A model's downloads, likes and derivatives gained in a period and cumulative at its end")
    @Get
    public ModelInfluence influence(@PathVariable String modelId, @QueryValue String period) {
        Period p = Period.parse(period);
        PeriodInfluence i = hubStats.influence(modelId, p);
        return new ModelInfluence(modelId, p.label(), i.gained(), i.cumulative(), i.gainedByPlatform(),
                i.cumulativeByPlatform());
    }
}
