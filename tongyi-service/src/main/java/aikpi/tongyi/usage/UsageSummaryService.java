package aikpi.tongyi.usage;

import aikpi.vocabulary.Period;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage totals for a period, read from the daily rollup (never from raw events). The rollup's days are already
 * cut in the reporting zone, so a period is a plain range of dates here.
 */
@Singleton
public class UsageSummaryService {

    private final TransactionOperations<Connection> transactions;

    public UsageSummaryService(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    public List<UsageSummaryRow> summarize(Period period, UsageGrouping grouping) {
        String sql = "SELECT " + grouping.column + " AS group_key, SUM(d.events), SUM(d.input_tokens), SUM(d.output_tokens)"
                + " FROM usage_daily d"
                + (grouping.needsCustomer() ? " JOIN customer c ON c.customer_id = d.customer_id" : "")
                + " WHERE d.usage_day >= ? AND d.usage_day <= ?"
                + (grouping == UsageGrouping.BUSINESS_UNIT ? " AND c.business_unit IS NOT NULL" : "")
                + (grouping == UsageGrouping.TOTAL ? "" : " GROUP BY " + grouping.column + " ORDER BY group_key");
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setDate(1, Date.valueOf(period.firstDay()));
                ps.setDate(2, Date.valueOf(period.lastDay()));
                List<UsageSummaryRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(UsageSummaryRow.of(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                    }
                }
                return rows;
            } catch (SQLException e) {
                throw new IllegalStateException("usage summary failed", e);
            }
        });
    }

    /**
     * Customers with metered usage in the period, by customer kind (only customers onboarded by the period's end
     * count, as in the customer totals).
     */
    public java.util.Map<String, Long> activeCustomersByKind(Period period) {
        String sql = """
                SELECT c.kind, COUNT(DISTINCT d.customer_id) FROM usage_daily d
                JOIN customer c ON c.customer_id = d.customer_id
                WHERE d.usage_day >= ? AND d.usage_day <= ? AND d.events > 0 AND c.onboarded_on <= ?
                GROUP BY c.kind""";
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setDate(1, Date.valueOf(period.firstDay()));
                ps.setDate(2, Date.valueOf(period.lastDay()));
                ps.setDate(3, Date.valueOf(period.lastDay()));
                java.util.Map<String, Long> active = new java.util.HashMap<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        active.put(rs.getString(1), rs.getLong(2));
                    }
                }
                return active;
            } catch (SQLException e) {
                throw new IllegalStateException("active customers failed", e);
            }
        });
    }

    /** The period's totals as one row (zeros when nothing was metered). */
    public UsageSummaryRow total(Period period) {
        return summarize(period, UsageGrouping.TOTAL).get(0);
    }
}
