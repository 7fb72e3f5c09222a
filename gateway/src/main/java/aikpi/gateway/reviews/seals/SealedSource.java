package aikpi.gateway.reviews.seals;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/**
 * What a seal kept of one source: the data version its completeness answer gave (what the source's changes are asked
 * since), the last day of the period its data was complete through, and whether the period was final for it.
 */
@Serdeable
public record SealedSource(String dataVersion, @Nullable LocalDate dataThrough,
                           @JsonProperty("final") boolean isFinal) {
}
