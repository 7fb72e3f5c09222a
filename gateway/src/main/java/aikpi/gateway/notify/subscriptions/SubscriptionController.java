package aikpi.gateway.notify.subscriptions;

import aikpi.gateway.notify.subscriptions.SubscriptionWriter.Stored;
import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

@Tag(name = "notifications")
@Controller("/api/v1/subscriptions")
// Subscriptions are read and written over JDBC, and a target's host is resolved (the SSRF guard): off the event loop.
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.EXECUTIVE, Roles.BU_LEAD})
public class SubscriptionController {

    private final Subscriptions subscriptions;

    public SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(summary = "Create or replace a subscription (executives any scope, a unit's lead its own unit)",
            description = "201 on creation, 200 on replacement. A webhook subscription without a secret gets a "
                    + "generated Standard Webhooks secret, answered in `secret` this once; secrets are never answered "
                    + "otherwise.")
    @Put("/{id}")
    public HttpResponse<SubscriptionView> put(@PathVariable String id, @Body SubscriptionRequest body,
                                              Authentication caller) {
        Stored stored = subscriptions.put(id, body, caller);
        return HttpResponse.<SubscriptionView>status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(SubscriptionView.of(stored.subscription(), stored.generatedSecret()))
                .header("Location", "/api/v1/subscriptions/" + id);
    }

    @Operation(summary = "A subscription (executives, and the lead of its unit)")
    @Get("/{id}")
    public SubscriptionView get(@PathVariable String id, Authentication caller) {
        return SubscriptionView.of(subscriptions.get(id, caller), null);
    }

    @Operation(summary = "Remove a subscription (executives, and the lead of its unit)")
    @Delete("/{id}")
    public HttpResponse<Void> delete(@PathVariable String id, Authentication caller) {
        subscriptions.delete(id, caller);
        return HttpResponse.noContent();
    }

    @Operation(summary = "The subscriptions the caller may see, by id, a page at a time (limit, cursor)")
    @Get
    public HttpResponse<List<SubscriptionView>> list(@Nullable @QueryValue String limit,
                                                     @Nullable @QueryValue String cursor, Authentication caller,
                                                     HttpRequest<?> request) {
        Page<Subscription> page = subscriptions.list(PageRequest.of("subscriptions", 1, limit, cursor), caller);
        return new Page<>(page.items().stream().map(s -> SubscriptionView.of(s, null)).toList(), page.nextCursor())
                .respond(request);
    }
}
