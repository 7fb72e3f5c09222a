package aikpi.tongyi.resources;

import aikpi.platform.ingest.IngestResult;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
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

    public ResourceUsageController(ResourceUsageService resources) {
        this.resources = resources;
    }

    @Operation(summary = "Record GPU hours and their cost; idempotent by entryId, atomic per batch")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Post("/usage")
    public IngestResult record(@Body List<ResourceUsageRequest> entries) {
        return resources.ingest(entries);
    }
}
