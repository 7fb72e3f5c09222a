package aikpi.gateway.sources;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * The part of a source's {@code GET /api/v1/completeness} the gateway reads, the same from all three: the last day of
 * the period its data is complete through (null: not even the first), whether the period is final, and the data
 * version the answer was taken at, which the source's {@code GET /api/v1/changes?since=} takes back.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record Completeness(String period, @Nullable LocalDate dataThrough, @JsonProperty("final") boolean isFinal,
                           @Nullable String dataVersion) {
}
