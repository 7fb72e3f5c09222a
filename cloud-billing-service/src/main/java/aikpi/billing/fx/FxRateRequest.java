package aikpi.billing.fx;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** A day's rate as a writer sends it; optional here so that the rules name what is missing. */
@Serdeable
public record FxRateRequest(@Nullable BigDecimal cnyPerUnit, @Nullable String source) {
}
