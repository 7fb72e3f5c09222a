package aikpi.billing.ledger;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * An amount of the ledger: what one customer was billed for one product with one kind of funding, summed over
 * any number of lines (corrections included, with their sign). Attribution adds these up; it does not matter
 * whether a row stands for one line or many.
 */
public record LedgerAmount(
        String customerId,
        CustomerKind customerKind,
        @Nullable String businessUnit,
        Product product,
        Funding funding,
        BigDecimal amountCny,
        BigInteger tokens) {
}
