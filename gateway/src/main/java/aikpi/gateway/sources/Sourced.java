package aikpi.gateway.sources;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** A source's answer (or its absence), with how it was obtained. */
public record Sourced<T>(@Nullable T value, SourceStatus status, @Nullable Instant asOf, @Nullable String detail) {

    public static <T> Sourced<T> notApplicable(String detail) {
        return new Sourced<>(null, SourceStatus.NOT_APPLICABLE, null, detail);
    }

    public boolean hasData() {
        return value != null && status.hasData();
    }
}
