package aikpi.billing.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A line of the revenue ledger, never changed once stored. A line with {@code correctionOf} is a correction: it
 * carries the signed difference to the line it names (amount, and tokens for MaaS tokens). A line with
 * {@code importId} came from a FOCUS billing export ({@code aikpi.billing.focus}): it is restated by importing its
 * billing period again, never corrected line by line.
 */
@Serdeable
@MappedEntity("ledger_line")
public record LedgerLine(
        @Id String lineId,
        String customerId,
        CustomerKind customerKind,
        @Nullable String businessUnit,
        LocalDate bookedOn,
        Product product,
        BigDecimal amountCny,
        Funding funding,
        @Nullable String voucherId,
        @Nullable Long tokens,
        @Nullable String correctionOf,
        @Nullable Instant recordedAt,
        @Nullable String importId) {

    /** Tokens as a number, zero when the line carries none. */
    public long tokenCount() {
        return tokens == null ? 0 : tokens;
    }

    LedgerLine withRecordedAt(Instant at) {
        return new LedgerLine(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding,
                voucherId, tokens, correctionOf, at, importId);
    }
}
