package aikpi.tongyi.usage;

import aikpi.vocabulary.Period;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Usage totals for a period, read from the rollups (never from raw events): its whole months from the monthly
 * rollup, the remaining days from the daily one. Both are already cut in the reporting zone, so a period is a plain
 * range of dates here.
 */
@Singleton
public class UsageSummaryService {

    private final TransactionOperations<Connection> transactions;

    public UsageSummaryService(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /**
     * The rollup rows of a period: whole months from the monthly rollup, the days around them from the daily one.
     * Three date ranges are bound to it, in the order of {@link #bindRanges}; each is its own branch, so each is an
     * index range scan (an OR of two ranges is not, on H2).
     */
    private static final String ROLLUP_ROWS = """
            (SELECT usage_day, customer_id, model_id, events, input_tokens, output_tokens FROM usage_daily
              WHERE usage_day >= ? AND usage_day <= ?
             UNION ALL
             SELECT usage_day, customer_id, model_id, events, input_tokens, output_tokens FROM usage_daily
              WHERE usage_day >= ? AND usage_day <= ?
             UNION ALL
             SELECT usage_month, customer_id, model_id, events, input_tokens, output_tokens FROM usage_monthly
              WHERE usage_month >= ? AND usage_month <= ?) u""";

    private static int bindRanges(PreparedStatement ps, RollupRanges r) throws SQLException {
        ps.setObject(1, r.leadingFrom());
        ps.setObject(2, r.leadingTo());
        ps.setObject(3, r.trailingFrom());
        ps.setObject(4, r.trailingTo());
        ps.setObject(5, r.monthsFrom());
        ps.setObject(6, r.monthsTo());
        return 7;
    }

    public List<UsageSummaryRow> summarize(Period period, UsageGrouping grouping) {
        String sql = "SELECT " + grouping.column + " AS group_key, SUM(u.events), SUM(u.input_tokens), SUM(u.output_tokens)"
                + " FROM " + ROLLUP_ROWS
                + (grouping.needsCustomer() ? " JOIN customer c ON c.customer_id = u.customer_id" : "")
                + (grouping == UsageGrouping.BUSINESS_UNIT ? " WHERE c.business_unit IS NOT NULL" : "")
                + (grouping == UsageGrouping.TOTAL ? "" : " GROUP BY " + grouping.column + " ORDER BY group_key");
        RollupRanges ranges = RollupRanges.of(period, grouping == UsageGrouping.DAY);
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                bindRanges(ps, ranges);
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
        String sql = "SELECT c.kind, COUNT(DISTINCT u.customer_id) FROM " + ROLLUP_ROWS
                + " JOIN customer c ON c.customer_id = u.customer_id WHERE u.events > 0 AND c.onboarded_on <= ?"
                + " GROUP BY c.kind";
        RollupRanges ranges = RollupRanges.of(period, false);
        return transactions.executeRead(status -> {
            try (PreparedStatement ps = status.getConnection().prepareStatement(sql)) {
                ps.setObject(bindRanges(ps, ranges), period.lastDay());
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
