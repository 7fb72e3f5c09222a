package aikpi.tongyi.models;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.security.audit.AuditedWrite;
import aikpi.security.Roles;
import aikpi.tongyi.hubstats.Platform;
import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.Slug;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.validation.Validated;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;
import java.util.Set;

@Tag(name = "models")
@Secured({Roles.SERVICE, Roles.TONGYI_WRITER})
@Controller("/api/v1/models")
@Validated
@ExecuteOn(TaskExecutors.BLOCKING)
public class ModelController {

    private final ModelRepository models;
    private final ModelHubIds hubIds;

    public ModelController(ModelRepository models, ModelHubIds hubIds) {
        this.models = models;
        this.hubIds = hubIds;
    }

    @Operation(summary = "Create or replace a model (own or a reference model of another vendor)")
    @Secured(Roles.TONGYI_WRITER)
    @AuditedWrite
    @Put("/{modelId}")
    public HttpResponse<ModelView> put(@PathVariable String modelId,
                                       @Body @Valid ModelRequest request) {
        Slug.require("modelId", modelId);
        CalendarDates.check("releaseDate", request.releaseDate());
        if (request.hubIds() != null) {
            request.hubIds().forEach((platform, id) -> {
                String holder = hubIds.modelsOf(platform, Set.of(id)).get(id);
                if (holder != null && !holder.equals(modelId)) {
                    throw new HttpStatusException(HttpStatus.CONFLICT, "The " + platform + " id '" + id
                            + "' already names model '" + holder + "'; a hub id names one model.");
                }
            });
        }
        Model model = new Model(modelId, request.family(), request.vendor(), request.displayName(),
                request.parametersBillions(), request.openSource(), request.license(), request.releaseDate());
        boolean existed = models.existsById(modelId);
        Model stored = existed ? models.update(model) : models.save(model);
        if (request.hubIds() != null) {
            hubIds.replace(modelId, request.hubIds());
        }
        ModelView view = ModelView.of(stored, hubIds.of(modelId));
        return existed ? HttpResponse.ok(view) : HttpResponse.created(view);
    }

    @Operation(summary = "List models by id, optionally by family, vendor and open-source flag; a page of up to limit "
            + "(1,000 at most and by default), the next page's address in the Link: rel=\"next\" header")
    @Get
    public HttpResponse<List<ModelView>> list(@QueryValue @Nullable String family, @QueryValue @Nullable String vendor,
                                              @QueryValue @Nullable String openSource, @QueryValue @Nullable String limit,
                                              @QueryValue @Nullable String cursor, HttpRequest<?> request) {
        Boolean open = parseFlag("openSource", openSource);
        PageRequest page = PageRequest.of("models", 1, limit, cursor);
        List<Model> fetched = models.page(page.after(0, ""), family, vendor, open, page.fetchSize());
        Page<Model> models = page.page(fetched, m -> List.of(m.modelId()));
        Map<String, Map<Platform, String>> ids = hubIds.of(models.items().stream().map(Model::modelId).toList());
        return new Page<>(models.items().stream().map(m -> ModelView.of(m, ids.getOrDefault(m.modelId(), Map.of())))
                .toList(), models.nextCursor()).respond(request);
    }

    private static Boolean parseFlag(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidRequestException(name + " must be true or false, not '" + value + "'.");
        };
    }

    @Operation(summary = "One model")
    @Get("/{modelId}")
    public ModelView get(@PathVariable String modelId) {
        return ModelView.of(models.findById(modelId).orElseThrow(() -> new NotFoundException("model", modelId)),
                hubIds.of(modelId));
    }
}
