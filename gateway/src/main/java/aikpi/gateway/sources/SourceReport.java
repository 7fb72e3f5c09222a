package aikpi.gateway.sources;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** How one source answered a view: its status, the time of the figures shown, and why it failed. */
@Serdeable
public record SourceReport(SourceStatus status, @Nullable Instant asOf, @Nullable String detail) {

    public static SourceReport of(Sourced<?> answer) {
        return new SourceReport(answer.status(), answer.asOf(), answer.detail());
    }
}
