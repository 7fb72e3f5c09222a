package aikpi.billing.vouchers;

import aikpi.vocabulary.reporting.ReportingZone;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.problem.NotFoundException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Issues and amends vouchers. A voucher's terms may be replaced, but never so that its drawn history becomes
 * false: the amount cannot drop below what was drawn, and a voucher drawn on keeps its customer. Both rules are
 * part of the UPDATE's WHERE clause, so a drawdown racing with the amendment cannot slip between check and write.
 */
@Singleton
public class VoucherService {

    private static final String UPDATE_TERMS = """
            UPDATE voucher SET customer_id = ?, customer_kind = ?, amount_cny = ?, issued_on = ?, expires_on = ?,
                   updated_at = ?
            WHERE voucher_id = ? AND drawn_cny <= ? AND (drawn_cny = 0 OR customer_id = ?)""";
    private static final String INSERT = """
            INSERT INTO voucher (voucher_id, customer_id, customer_kind, amount_cny, drawn_cny, issued_on, expires_on,
                                 updated_at)
            VALUES (?, ?, ?, ?, 0, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final VoucherRepository vouchers;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;
    private final ReportingZone zone;

    public VoucherService(VoucherRepository vouchers, TransactionOperations<Connection> transactions, Clock clock,
                          ReportingZone zone) {
        this.vouchers = vouchers;
        this.transactions = transactions;
        this.clock = clock;
        this.zone = zone;
    }

    /** The stored voucher and whether this call issued it (rather than amending it). */
    public record Stored(VoucherBalance voucher, boolean created) {
    }

    public Stored put(String voucherId, VoucherRequest r) {
        VoucherRules.check(voucherId, r);
        BigDecimal amount = Money.cny(r.amountCny());
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean created = transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            // A lost race between two first PUTs ends in the update branch on the next turn.
            for (int turn = 0; turn < 3; turn++) {
                if (updateTerms(c, voucherId, r, amount, now) == 1) {
                    return false;
                }
                refuseIfExists(c, voucherId, r, amount);
                if (insert(c, voucherId, r, amount, now) == 1) {
                    return true;
                }
            }
            throw new IllegalStateException("voucher " + voucherId + " could neither be inserted nor updated");
        });
        return new Stored(get(voucherId), created);
    }

    public VoucherBalance get(String voucherId) {
        return vouchers.findById(voucherId).map(v -> VoucherBalance.of(v, zone.today(clock)))
                .orElseThrow(() -> new NotFoundException("voucher", voucherId));
    }

    public List<VoucherBalance> list(String customerId) {
        LocalDate today = zone.today(clock);
        List<Voucher> found = customerId == null ? vouchers.findAllOrderByVoucherId()
                : vouchers.findByCustomerIdOrderByVoucherId(customerId);
        return found.stream().map(v -> VoucherBalance.of(v, today)).toList();
    }

    private static int updateTerms(Connection c, String voucherId, VoucherRequest r, BigDecimal amount,
                                   OffsetDateTime now) {
        try (PreparedStatement ps = c.prepareStatement(UPDATE_TERMS)) {
            ps.setString(1, r.customerId());
            ps.setString(2, r.customerKind().name());
            ps.setBigDecimal(3, amount);
            ps.setObject(4, r.issuedOn());
            ps.setObject(5, r.expiresOn());
            ps.setObject(6, now);
            ps.setString(7, voucherId);
            ps.setBigDecimal(8, amount);
            ps.setString(9, r.customerId());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("voucher update failed", e);
        }
    }

    /** The voucher exists but the guarded update refused it: say which rule its history enforces. */
    private static void refuseIfExists(Connection c, String voucherId, VoucherRequest r, BigDecimal amount) {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT drawn_cny, customer_id FROM voucher WHERE voucher_id = ?")) {
            ps.setString(1, voucherId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return;
                }
                BigDecimal drawn = Money.cny(rs.getBigDecimal(1));
                String customer = rs.getString(2);
                if (drawn.compareTo(amount) > 0) {
                    throw new VoucherConflictException("Voucher " + voucherId + " has already been drawn down by "
                            + drawn.toPlainString() + " CNY; its amount cannot drop to " + amount.toPlainString()
                            + ". Ledger history is never edited: correct the drawing lines first.");
                }
                if (!customer.equals(r.customerId())) {
                    throw new VoucherConflictException("Voucher " + voucherId + " has been drawn on by customer '"
                            + customer + "'; it cannot be moved to '" + r.customerId() + "'.");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("voucher read failed", e);
        }
    }

    private static int insert(Connection c, String voucherId, VoucherRequest r, BigDecimal amount, OffsetDateTime now) {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, voucherId);
            ps.setString(2, r.customerId());
            ps.setString(3, r.customerKind().name());
            ps.setBigDecimal(4, amount);
            ps.setObject(5, r.issuedOn());
            ps.setObject(6, r.expiresOn());
            ps.setObject(7, now);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("voucher insert failed", e);
        }
    }
}
