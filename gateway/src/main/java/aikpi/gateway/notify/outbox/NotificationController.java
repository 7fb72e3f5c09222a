package aikpi.gateway.notify.outbox;

import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.ProblemResponses;
import aikpi.security.Roles;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Singleton;
import java.util.List;

@Tag(name = "notifications")
@Controller("/api/v1/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.EXECUTIVE)
public class NotificationController {

    private final Notifications notifications;

    public NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "The outbox, newest first, of one status (PENDING, SENT, DEAD, HELD, DIGESTED) or all (executives)")
    @Get
    public HttpResponse<List<Notification>> list(@Nullable @QueryValue String status, @Nullable @QueryValue String limit,
                                                 @Nullable @QueryValue String cursor, HttpRequest<?> request) {
        return notifications.list(status, PageRequest.of("notifications", 2, limit, cursor)).respond(request);
    }

    @Operation(summary = "Send a DEAD notification again (executives): back to PENDING, due at once; 409 otherwise")
    @Post("/{id}/retry")
    public Notification retry(@PathVariable String id) {
        return notifications.retry(id).notification();
    }

    /** A retry of a row that is not DEAD: 409 problem+json. */
    @Produces
    @Singleton
    @Requires(classes = ExceptionHandler.class)
    static class NotDeadHandler implements ExceptionHandler<Notifications.NotDeadException, HttpResponse<?>> {
        @Override
        public HttpResponse<?> handle(HttpRequest request, Notifications.NotDeadException e) {
            return ProblemResponses.respond(HttpStatus.CONFLICT, "Not dead", e.getMessage());
        }
    }
}
