package aikpi.billing.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One ledger line as a billing system sends it. Every field is optional here so that the ingestion rules can name
 * each missing or wrong field of each line; the enums arrive as text for the same reason.
 */
@Serdeable
public record LedgerLineRequest(
        @Nullable String lineId,
        @Nullable String customerId,
        @Nullable String customerKind,
        @Nullable String businessUnit,
        @Nullable LocalDate bookedOn,
        @Nullable String product,
        @Nullable BigDecimal amountCny,
        @Nullable String funding,
        @Nullable String voucherId,
        @Nullable Long tokens,
        @Nullable String correctionOf) {
}
