package aikpi.billing.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One ledger line as a billing system sends it. Every field is optional here so that the ingestion rules can name
 * each missing or wrong field of each line; the enums arrive as text for the same reason. The amount is either
 * {@code amountCny} or a {@code currency} (ISO 4217) and its {@code amount}, converted at the booking day's rate. A MaaS token line may name the {@code model} it billed (a model id).
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
        @Nullable String correctionOf,
        @Nullable String currency,
        @Nullable BigDecimal amount,
        @Nullable String model) {

    /** A line that names no model. */
    public LedgerLineRequest(String lineId, String customerId, String customerKind, String businessUnit,
                             LocalDate bookedOn, String product, BigDecimal amountCny, String funding, String voucherId,
                             Long tokens, String correctionOf, String currency, BigDecimal amount) {
        this(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding, voucherId, tokens,
                correctionOf, currency, amount, null);
    }

    /** A line in CNY, as billing systems sent them before lines named a currency. */
    public LedgerLineRequest(String lineId, String customerId, String customerKind, String businessUnit,
                             LocalDate bookedOn, String product, BigDecimal amountCny, String funding, String voucherId,
                             Long tokens, String correctionOf) {
        this(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding, voucherId, tokens,
                correctionOf, null, null, null);
    }
}
