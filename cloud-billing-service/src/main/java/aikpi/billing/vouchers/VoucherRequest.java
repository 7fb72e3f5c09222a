package aikpi.billing.vouchers;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/** The body of {@code PUT /api/v1/vouchers/{voucherId}}. */
@Serdeable
public record VoucherRequest(
        @Nullable String customerId,
        @Nullable VoucherHolderKind customerKind,
        @Nullable BigDecimal amountCny,
        @Nullable LocalDate issuedOn,
        @Nullable LocalDate expiresOn) {
}
