package aikpi.billing.grouprevenue;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** The body of {@code PUT /api/v1/group-revenue/{quarter}}: the figures as the group reported them. */
@Serdeable
public record GroupRevenueRequest(
        @Nullable BigDecimal groupRevenueCny,
        @Nullable BigDecimal cloudRevenueCny,
        @Nullable String source) {
}
