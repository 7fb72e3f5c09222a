package aikpi.security.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * One accepted write: when, who (the token's subject and the suite roles it held), what (method and path, never the
 * body), how many items, with what outcome, and the request's id ({@code X-Request-Id}) to find it in the logs.
 */
@Serdeable
public record AuditEntry(Instant at, String subject, List<String> roles, String method, String path,
                         @Nullable Long items, @Nullable Long accepted, @Nullable Long duplicates, String outcome,
                         String requestId) {
}
