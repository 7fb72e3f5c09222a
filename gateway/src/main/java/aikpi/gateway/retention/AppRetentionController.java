package aikpi.gateway.retention;

import aikpi.gateway.sources.quark.RetentionTable;
import aikpi.security.Roles;
import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;

@Tag(name = "executive view")
@Controller("/api/v1/executive/apps")
public class AppRetentionController {

    private final AppRetentionService retention;

    public AppRetentionController(AppRetentionService retention) {
        this.retention = retention;
    }

    @Operation(summary = "An app's retention by cohort, from quark-service (executives)",
            description = "cohort: week (default) or month; from/to: dates (default: the last 13 weeks or months); "
                    + "segment: all (default), ai or non-ai (an AI session in the cohort's first window). Each cohort's "
                    + "size and, per window after it, the users back (an app open) and their share; partial windows "
                    + "are marked.")
    @Secured(Roles.EXECUTIVE)
    @Get("/{appId}/retention")
    public CompletableFuture<RetentionTable> retention(@PathVariable String appId, @Nullable @QueryValue String cohort,
                                                       @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                                       @Nullable @QueryValue String segment) {
        return retention.table(Slug.require("appId", appId), cohort, from, to, segment);
    }
}
