package aikpi.tongyi.hubstats;

import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;

@Tag(name = "hub statistics")
@Secured(Roles.TONGYI_WRITER)
@Controller("/api/v1/hub-stats/imports")
@ExecuteOn(TaskExecutors.BLOCKING)
public class HubListingController {

    private final HuggingFaceListing huggingFace;

    public HubListingController(HuggingFaceListing huggingFace) {
        this.huggingFace = huggingFace;
    }

    @Operation(summary = "Import a Hugging Face Hub model listing (the JSON array GET /api/models answers)",
            description = "Records, for every listed model whose id is a tracked model's hubIds.HUGGING_FACE, a snapshot "
                    + "on asOf (default today) of downloadsAllTime and likes, with derivatives counted from the listed "
                    + "models' base_model:finetune|quantized|adapter|merge:<id> tags. One transaction.")
    @AuditedWrite
    @Post(value = "/huggingface", consumes = MediaType.APPLICATION_JSON)
    public HuggingFaceListing.Imported huggingFace(@Body byte[] listing, @QueryValue @Nullable LocalDate asOf) {
        return huggingFace.importListing(listing, asOf);
    }
}
