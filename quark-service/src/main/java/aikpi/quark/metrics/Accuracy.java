package aikpi.quark.metrics;

import aikpi.quark.audience.UserSketches;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/** Whether a figure is an estimate, and if so one standard deviation of its relative error. */
@Serdeable
public record Accuracy(
        @Schema(description = "true when the figure comes from sketches") boolean estimate,
        @Schema(description = "one standard deviation of the relative error (0.004058 = 0.41%): about 95% of estimates "
                + "fall within twice it; null for an exact figure, or when no sketch was read", nullable = true)
        @Nullable BigDecimal relativeStandardError) {

    public static final Accuracy EXACT = new Accuracy(false, null);

    /** A figure merged from sketches as fine as {@code lgK} at the coarsest (null: none was read). */
    public static Accuracy sketched(@Nullable Integer lgK) {
        return new Accuracy(true, lgK == null ? null : UserSketches.relativeStandardError(lgK));
    }
}
