package aikpi.quark.features;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.quark.apps.AppController;
import aikpi.quark.apps.AppRepository;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.vocabulary.CalendarDates;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.List;

@Tag(name = "AI features")
@Secured({Roles.SERVICE, Roles.QUARK_WRITER})
@Controller("/api/v1/apps/{appId}/features")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FeatureController {

    private final FeatureRepository features;
    private final AppRepository apps;

    public FeatureController(FeatureRepository features, AppRepository apps) {
        this.features = features;
        this.apps = apps;
    }

    @Operation(summary = "Create or replace an AI feature of an app",
            description = "201 when created, 200 when replaced. A feature counts as live in a period if it launched "
                    + "on or before the period's last day.")
    @Secured(Roles.QUARK_WRITER)
    @AuditedWrite
    @Put("/{featureId}")
    @Transactional
    public HttpResponse<Feature> put(@PathVariable String appId,
                                     @PathVariable @Pattern(regexp = AppController.SLUG, message = "must be a lower-case slug")
                                     String featureId,
                                     @Body @Valid FeatureRequest request) {
        CalendarDates.check("launchedOn", request.launchedOn());
        requireApp(appId);
        AiFeature feature = new AiFeature(null, appId, featureId, request.name(), request.kind(), request.launchedOn());
        var existing = features.findByAppIdAndFeatureId(appId, featureId);
        if (existing.isPresent()) {
            return HttpResponse.ok(features.update(feature.withId(existing.get().id())).view());
        }
        return HttpResponse.created(features.save(feature).view());
    }

    @Operation(summary = "The AI features of an app by id; a page of up to limit (1,000 at most and by default), the "
            + "next page's address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<Feature>> list(@PathVariable String appId, @QueryValue @Nullable String limit,
                                            @QueryValue @Nullable String cursor, HttpRequest<?> request) {
        PageRequest page = PageRequest.of("features", 1, limit, cursor);
        requireApp(appId);
        Page<AiFeature> found = page.page(features.findByAppIdAndFeatureIdGreaterThanOrderByFeatureId(appId,
                page.after(0, ""), Pageable.from(0, page.fetchSize())), f -> List.of(f.featureId()));
        return new Page<>(found.items().stream().map(AiFeature::view).toList(), found.nextCursor()).respond(request);
    }

    private void requireApp(String appId) {
        if (!apps.existsById(appId)) {
            throw new NotFoundException("app", appId);
        }
    }
}
