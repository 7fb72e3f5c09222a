package aikpi.security.keys;

import aikpi.platform.problem.NotFoundException;
import aikpi.security.Roles;
import aikpi.security.audit.AuditedWrite;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;

/**
 * The service's ingest keys, kept by the team's writer or an executive: a key for a feed that cannot hold a token
 * (Segment's libraries, webhooks, collectors), shown once at creation, listed without secrets, revoked at once.
 */
@Tag(name = "ingest-keys")
@Controller("/api/v1/ingest-keys")
@Secured({Roles.EXECUTIVE, Roles.TONGYI_WRITER, Roles.QUARK_WRITER, Roles.BILLING_WRITER})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(bean = IngestKeys.class)
public class IngestKeyController {

    private final IngestKeys keys;
    private final String writerRole;

    public IngestKeyController(IngestKeys keys, @Value("${micronaut.application.name}") String service) {
        this.keys = keys;
        this.writerRole = Roles.WRITER_OF_SERVICE.get(service);
    }

    /** A key to create: its name, the streams it may write, and when it stops working (never, by default). */
    @Serdeable
    public record NewKey(@Nullable String name, @Nullable List<String> streams, @Nullable Instant expiresAt) {
    }

    @Operation(summary = "Create an ingest key for some of this service's streams; the key is in this answer only",
            description = "streams: tongyi-service usage; quark-service segment, events, days; cloud-billing-service "
                    + "imports. The key is sent as 'Authorization: Bearer aik_…' or as HTTP Basic user name with an "
                    + "empty password (a Segment write key); it writes only its streams' routes and reads nothing.")
    @Post
    @AuditedWrite
    public HttpResponse<IngestKeys.CreatedKey> create(@Body NewKey body, Authentication caller) {
        requireKeeper(caller);
        // The key is in this answer only: no cache along the way keeps it.
        return HttpResponse.created(keys.create(body.name(), body.streams(), body.expiresAt(), caller.getName()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Operation(summary = "Every ingest key of this service, revoked and expired ones included, without secrets")
    @Get
    public List<IngestKey> list(Authentication caller) {
        requireKeeper(caller);
        return keys.list();
    }

    @Operation(summary = "Revoke an ingest key: refused (401) at once on every replica; revoking again changes nothing")
    @Delete("/{id}")
    @AuditedWrite
    public HttpResponse<Void> revoke(@PathVariable String id, Authentication caller) {
        requireKeeper(caller);
        if (!keys.revoke(id)) {
            throw new NotFoundException("ingest key", id);
        }
        return HttpResponse.noContent();
    }

    /** Executives, and the writer of this service only (another team's writer keeps its own service's keys). */
    private void requireKeeper(Authentication caller) {
        if (!caller.getRoles().contains(Roles.EXECUTIVE) && !caller.getRoles().contains(writerRole)) {
            throw new AuthorizationException(caller);
        }
    }
}
