package aikpi.billing.vouchers;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.NotFoundException;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.data.model.Pageable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Issues and amends vouchers. A voucher's terms may be replaced, but never so that its drawn history becomes
 * false: the amount cannot drop below what was drawn, and a voucher drawn on keeps its customer
 * ({@link VoucherRepository#updateTerms}, which enforces both in one guarded update).
 */
@Singleton
public class VoucherService {

    private final VoucherRepository vouchers;
    private final Clock clock;
    private final ReportingZone zone;

    public VoucherService(VoucherRepository vouchers, Clock clock, ReportingZone zone) {
        this.vouchers = vouchers;
        this.clock = clock;
        this.zone = zone;
    }

    /** The stored voucher and whether this call issued it (rather than amending it). */
    public record Stored(VoucherBalance voucher, boolean created) {
    }

    @Transactional
    public Stored put(String voucherId, VoucherRequest r) {
        VoucherRules.check(voucherId, r);
        BigDecimal amount = Money.cny(r.amountCny());
        Instant now = clock.instant();
        String kind = r.customerKind().name();
        // A lost race between two first PUTs ends in the update branch on the next turn.
        for (int turn = 0; turn < 3; turn++) {
            if (vouchers.updateTerms(voucherId, r.customerId(), kind, amount, r.issuedOn(), r.expiresOn(), now) == 1) {
                return new Stored(get(voucherId), false);
            }
            vouchers.findById(voucherId).ifPresent(stored -> refuse(stored, r, amount));
            if (vouchers.insertIfAbsent(voucherId, r.customerId(), kind, amount, r.issuedOn(), r.expiresOn(), now) == 1) {
                return new Stored(get(voucherId), true);
            }
        }
        throw new IllegalStateException("voucher " + voucherId + " could neither be inserted nor updated");
    }

    public VoucherBalance get(String voucherId) {
        return vouchers.findById(voucherId).map(v -> VoucherBalance.of(v, zone.today(clock)))
                .orElseThrow(() -> new NotFoundException("voucher", voucherId));
    }

    /** A page of the vouchers in id order, optionally of one customer, each with its balance today. */
    public Page<VoucherBalance> list(String customerId, PageRequest page) {
        LocalDate today = zone.today(clock);
        Pageable rows = Pageable.from(0, page.fetchSize());
        String after = page.after(0, "");
        Page<Voucher> found = page.page(customerId == null ? vouchers.findByVoucherIdGreaterThanOrderByVoucherId(after, rows)
                : vouchers.findByCustomerIdAndVoucherIdGreaterThanOrderByVoucherId(customerId, after, rows),
                v -> List.of(v.voucherId()));
        return new Page<>(found.items().stream().map(v -> VoucherBalance.of(v, today)).toList(), found.nextCursor());
    }

    /** The voucher exists but the guarded update refused it: say which rule its history enforces. */
    private static void refuse(Voucher stored, VoucherRequest r, BigDecimal amount) {
        BigDecimal drawn = Money.cny(stored.drawnCny());
        if (drawn.compareTo(amount) > 0) {
            throw new VoucherConflictException("Voucher " + stored.voucherId() + " has already been drawn down by "
                    + drawn.toPlainString() + " CNY; its amount cannot drop to " + amount.toPlainString()
                    + ". Ledger history is never edited: correct the drawing lines first.");
        }
        if (!stored.customerId().equals(r.customerId())) {
            throw new VoucherConflictException("Voucher " + stored.voucherId() + " has been drawn on by customer '"
                    + stored.customerId() + "'; it cannot be moved to '" + r.customerId() + "'.");
        }
    }
}
