package aikpi.billing.ledger;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/**
 * An amount billed in a currency and its CNY value: {@code amountCny} = billed amount x rate, rounded to the fen
 * half-even, once per ledger line. CNY converts at rate 1 with no rate day or version.
 */
public record Conversion(String currency, BigDecimal billedAmount, BigDecimal rate, @Nullable LocalDate rateDay,
                         @Nullable Integer rateVersion, BigDecimal amountCny) {

    public static Conversion cny(BigDecimal amount) {
        return new Conversion(LedgerLine.CNY, amount, BigDecimal.ONE, null, null, amount.setScale(2, RoundingMode.HALF_EVEN));
    }

    public static Conversion of(String currency, BigDecimal billed, BigDecimal rate, LocalDate day, int version) {
        return new Conversion(currency, billed, rate, day, version, billed.multiply(rate).setScale(2, RoundingMode.HALF_EVEN));
    }
}
