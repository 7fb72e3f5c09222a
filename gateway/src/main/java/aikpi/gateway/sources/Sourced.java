package aikpi.gateway.sources;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;

/**
 * A source's answer (or its absence), with how it was obtained and how long the call took (null when no call was
 * made: a cached answer, or a figure the source does not have).
 */
public record Sourced<T>(@Nullable T value, SourceStatus status, @Nullable Instant asOf, @Nullable String detail,
                         @Nullable Duration took) {

    public Sourced(@Nullable T value, SourceStatus status, @Nullable Instant asOf, @Nullable String detail) {
        this(value, status, asOf, detail, null);
    }

    public static <T> Sourced<T> notApplicable(String detail) {
        return new Sourced<>(null, SourceStatus.NOT_APPLICABLE, null, detail);
    }

    public boolean hasData() {
        return value != null && status.hasData();
    }
}
