package aikpi.billing.metering;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** tongyi-service's problem+json error, as far as billing reads it. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record TongyiProblem(@Nullable String title, int status, @Nullable String detail) {
}
