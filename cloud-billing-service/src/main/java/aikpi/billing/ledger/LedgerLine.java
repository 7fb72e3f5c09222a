package aikpi.billing.ledger;

import io.micronaut.core.annotation.Creator;
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
 * billing period again, never corrected line by line. Every line keeps what it was billed in ({@code billedCurrency},
 * {@code billedAmount}) and the rate that made its {@code amountCny} ({@code fxRate} of {@code fxDay}, version
 * {@code fxVersion}; rate 1 and no day for CNY). A MaaS token line may name the {@code model} it billed (a model
 * id as tongyi-service names it): MaaS revenue by model.
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
        @Nullable String importId,
        String billedCurrency,
        @Nullable BigDecimal billedAmount,
        BigDecimal fxRate,
        @Nullable LocalDate fxDay,
        @Nullable Integer fxVersion,
        @Nullable String pricingCurrency,
        @Nullable BigDecimal pricingCost,
        @Nullable String model) {

    @Creator
    public LedgerLine {
        if (billedAmount == null) {
            // A line written without it (by the previous version during a deploy) is a CNY line, billed as booked.
            billedAmount = amountCny;
        }
    }

    /** A line that names no model. */
    public LedgerLine(String lineId, String customerId, CustomerKind customerKind, @Nullable String businessUnit,
                      LocalDate bookedOn, Product product, BigDecimal amountCny, Funding funding,
                      @Nullable String voucherId, @Nullable Long tokens, @Nullable String correctionOf,
                      @Nullable Instant recordedAt, @Nullable String importId, String billedCurrency,
                      @Nullable BigDecimal billedAmount, BigDecimal fxRate, @Nullable LocalDate fxDay,
                      @Nullable Integer fxVersion, @Nullable String pricingCurrency, @Nullable BigDecimal pricingCost) {
        this(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding, voucherId, tokens,
                correctionOf, recordedAt, importId, billedCurrency, billedAmount, fxRate, fxDay, fxVersion,
                pricingCurrency, pricingCost, null);
    }

    /** A line billed in CNY: the billed amount is the CNY amount, at rate 1. */
    public LedgerLine(String lineId, String customerId, CustomerKind customerKind, @Nullable String businessUnit,
                      LocalDate bookedOn, Product product, BigDecimal amountCny, Funding funding,
                      @Nullable String voucherId, @Nullable Long tokens, @Nullable String correctionOf,
                      @Nullable Instant recordedAt, @Nullable String importId) {
        this(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding, voucherId, tokens,
                correctionOf, recordedAt, importId, CNY, amountCny, BigDecimal.ONE, null, null, null, null);
    }

    public static final String CNY = "CNY";

    /** This line billed in {@code c}'s currency and converted by it. */
    public LedgerLine converted(Conversion c) {
        return new LedgerLine(lineId, customerId, customerKind, businessUnit, bookedOn, product, c.amountCny(), funding,
                voucherId, tokens, correctionOf, recordedAt, importId, c.currency(), c.billedAmount(), c.rate(),
                c.rateDay(), c.rateVersion(), pricingCurrency, pricingCost, model);
    }

    /** This line with FOCUS 1.2's pricing currency and its effective cost. */
    public LedgerLine priced(@Nullable String currency, @Nullable BigDecimal cost) {
        return new LedgerLine(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding,
                voucherId, tokens, correctionOf, recordedAt, importId, billedCurrency, billedAmount, fxRate, fxDay,
                fxVersion, currency, cost, model);
    }

    /** This line naming the model it billed (a MaaS token line's model id), or none. */
    public LedgerLine withModel(@Nullable String modelId) {
        return new LedgerLine(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding,
                voucherId, tokens, correctionOf, recordedAt, importId, billedCurrency, billedAmount, fxRate, fxDay,
                fxVersion, pricingCurrency, pricingCost, modelId);
    }

    /** Tokens as a number, zero when the line carries none. */
    public long tokenCount() {
        return tokens == null ? 0 : tokens;
    }

    LedgerLine withRecordedAt(Instant at) {
        return new LedgerLine(lineId, customerId, customerKind, businessUnit, bookedOn, product, amountCny, funding,
                voucherId, tokens, correctionOf, at, importId, billedCurrency, billedAmount, fxRate, fxDay, fxVersion,
                pricingCurrency, pricingCost, model);
    }
}
