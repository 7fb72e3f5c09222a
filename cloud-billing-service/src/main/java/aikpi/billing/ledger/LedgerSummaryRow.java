package aikpi.billing.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * One row of a ledger summary: a customer, kind, product, business unit or funding, and its totals. Tokens are a
 * {@link BigInteger}: a single batch of lines at the per-line maximum already sums past a {@code long}. Every amount
 * is CNY; by currency, {@code billedAmount} is the rows' sum in the currency of the key as billed. {@code aiCny}: the
 * AI-attributed part (MaaS tokens, AI compute, AI apps), {@code aiCashCny} the part of it paid in cash,
 * {@code maasCny} MaaS token revenue; null by currency.
 */
@Serdeable
public record LedgerSummaryRow(String key, long lines, BigDecimal amountCny, BigDecimal cashCny, BigDecimal voucherCny,
                               BigInteger tokens, @Nullable BigDecimal billedAmount, @Nullable BigDecimal aiCny,
                               @Nullable BigDecimal aiCashCny, @Nullable BigDecimal maasCny) {

    public LedgerSummaryRow(String key, long lines, BigDecimal amountCny, BigDecimal cashCny, BigDecimal voucherCny,
                            BigInteger tokens, @Nullable BigDecimal billedAmount) {
        this(key, lines, amountCny, cashCny, voucherCny, tokens, billedAmount, null, null, null);
    }
}
