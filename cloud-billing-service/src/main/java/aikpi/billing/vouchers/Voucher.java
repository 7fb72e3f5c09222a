package aikpi.billing.vouchers;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A cloud voucher (代金券): credit a customer spends on cloud instead of cash, and how much of it was drawn. */
@MappedEntity("voucher")
public record Voucher(
        @Id String voucherId,
        String customerId,
        VoucherHolderKind customerKind,
        BigDecimal amountCny,
        BigDecimal drawnCny,
        LocalDate issuedOn,
        LocalDate expiresOn,
        Instant updatedAt) {
}
