package aikpi.billing.ledger;

import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;

/** One row of a ledger summary: a customer, kind, product, business unit or funding, and its totals. */
@Serdeable
public record LedgerSummaryRow(String key, long lines, BigDecimal amountCny, BigDecimal cashCny, BigDecimal voucherCny,
                               long tokens) {
}
