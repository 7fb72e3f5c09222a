package aikpi.tongyi.hubstats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.LocalDate;

/** One snapshot as a hub reports it: cumulative all-time totals on {@code date}. */
@Serdeable
public record HubSnapshotRequest(
        @Nullable LocalDate date,
        @Nullable Platform platform,
        @Nullable Long downloads,
        @Nullable Long likes,
        @Nullable DerivativeCounts derivatives) {

    /** Derivative counts as sent; missing kinds are zero. */
    @Serdeable
    public record DerivativeCounts(@Nullable Long finetune, @Nullable Long quantized, @Nullable Long adapter,
                                   @Nullable Long merge) {
    }
}
