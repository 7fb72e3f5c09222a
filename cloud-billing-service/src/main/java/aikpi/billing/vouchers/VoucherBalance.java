package aikpi.billing.vouchers;

import aikpi.vocabulary.Money;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A voucher as the API answers it: what was issued, what was drawn, what is left, and whether it has expired. */
@Serdeable
public record VoucherBalance(
        String voucherId,
        String customerId,
        VoucherHolderKind customerKind,
        BigDecimal amountCny,
        BigDecimal drawnCny,
        BigDecimal balanceCny,
        LocalDate issuedOn,
        LocalDate expiresOn,
        boolean expired,
        Instant updatedAt) {

    /** The voucher's balance as of {@code today} (a voucher is usable through its expiry date). */
    public static VoucherBalance of(Voucher v, LocalDate today) {
        return new VoucherBalance(v.voucherId(), v.customerId(), v.customerKind(), Money.cny(v.amountCny()),
                Money.cny(v.drawnCny()), Money.cny(v.amountCny().subtract(v.drawnCny())), v.issuedOn(), v.expiresOn(),
                today.isAfter(v.expiresOn()), v.updatedAt());
    }
}
