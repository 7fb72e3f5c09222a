package aikpi.billing.grouprevenue;

import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import aikpi.vocabulary.problem.NotFoundException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Reported group and cloud revenue per quarter; a re-sent quarter (by either of its names) replaces the figures. */
@Singleton
public class GroupRevenueService {

    private static final String UPDATE = """
            UPDATE group_revenue SET group_revenue_cny = ?, cloud_revenue_cny = ?, source = ?, updated_at = ?
            WHERE quarter = ?""";
    private static final String INSERT = """
            INSERT INTO group_revenue (quarter, first_day, last_day, group_revenue_cny, cloud_revenue_cny, source, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";

    private final GroupRevenueRepository reports;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public GroupRevenueService(GroupRevenueRepository reports, TransactionOperations<Connection> transactions, Clock clock) {
        this.reports = reports;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The stored quarter and whether this call created it (rather than replacing earlier figures). */
    public record Stored(GroupRevenue revenue, boolean created) {
    }

    public Stored put(String quarterText, GroupRevenueRequest request) {
        Period quarter = GroupRevenueRules.quarter(quarterText);
        GroupRevenueRules.check(request);
        GroupRevenue revenue = new GroupRevenue(quarter.label(), quarter.firstDay(), quarter.lastDay(),
                Money.cny(request.groupRevenueCny()), Money.cny(request.cloudRevenueCny()), request.source().trim(),
                clock.instant());
        // Update first, insert if absent, update again if a concurrent first PUT won the insert: no unique
        // violation surfaces, and the last writer's figures stand.
        boolean created = transactions.executeWrite(status -> {
            Connection c = status.getConnection();
            if (update(c, revenue) == 1) {
                return false;
            }
            if (insert(c, revenue) == 1) {
                return true;
            }
            update(c, revenue);
            return false;
        });
        return new Stored(revenue, created);
    }

    public GroupRevenue get(String quarterText) {
        Period quarter = GroupRevenueRules.quarter(quarterText);
        return find(quarter).orElseThrow(() -> new NotFoundException("group revenue for quarter", quarter.label()));
    }

    /** The figures reported for a quarter (named either way), if any. */
    public Optional<GroupRevenue> find(Period quarter) {
        return reports.findById(quarter.asCalendarQuarter().label());
    }

    public List<GroupRevenue> list() {
        return reports.findAllOrderByFirstDay();
    }

    private static int update(Connection c, GroupRevenue r) {
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            ps.setBigDecimal(1, r.groupRevenueCny());
            ps.setBigDecimal(2, r.cloudRevenueCny());
            ps.setString(3, r.source());
            ps.setObject(4, OffsetDateTime.ofInstant(r.updatedAt(), ZoneOffset.UTC));
            ps.setString(5, r.quarter());
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("group revenue update failed", e);
        }
    }

    private static int insert(Connection c, GroupRevenue r) {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, r.quarter());
            ps.setObject(2, r.firstDay());
            ps.setObject(3, r.lastDay());
            ps.setBigDecimal(4, r.groupRevenueCny());
            ps.setBigDecimal(5, r.cloudRevenueCny());
            ps.setString(6, r.source());
            ps.setObject(7, OffsetDateTime.ofInstant(r.updatedAt(), ZoneOffset.UTC));
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("group revenue insert failed", e);
        }
    }
}
