package aikpi.billing.ledger;

import aikpi.platform.store.Transactions;
import aikpi.vocabulary.Money;
import aikpi.vocabulary.Period;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Sums of the ledger over a period, by booking date, read from the daily rollup ({@link LedgerDaily}). Corrections
 * are lines like any other: a correction booked in the period counts in the period, with its sign, whenever the
 * line it corrects was booked.
 */
@Singleton
public class LedgerQueries {

    private static final String AMOUNTS = """
            SELECT customer_id, customer_kind, NULLIF(business_unit, ''), product, funding, SUM(amount_cny), SUM(tokens)
            FROM ledger_daily WHERE booked_on >= ? AND booked_on <= ?
            GROUP BY customer_id, customer_kind, business_unit, product, funding""";

    private final Transactions transactions;

    public LedgerQueries(Transactions transactions) {
        this.transactions = transactions;
    }

    /** The period's amounts by customer, product and funding. */
    public List<LedgerAmount> amountsIn(Period period) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(AMOUNTS)) {
                ps.setObject(1, period.firstDay());
                ps.setObject(2, period.lastDay());
                List<LedgerAmount> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new LedgerAmount(rs.getString(1), CustomerKind.valueOf(rs.getString(2)),
                                rs.getString(3), Product.valueOf(rs.getString(4)), Funding.valueOf(rs.getString(5)),
                                Money.cny(rs.getBigDecimal(6)), tokens(rs.getBigDecimal(7))));
                    }
                }
                return rows;
            }
        });
    }

    /** The period's lines summed in total or by one dimension; by business unit covers INTERNAL lines only. */
    public List<LedgerSummaryRow> summary(Period period, LedgerGrouping grouping) {
        String sql = "SELECT " + grouping.column + " AS group_key, SUM(line_count), SUM(amount_cny),"
                + " SUM(CASE WHEN funding = 'CASH' THEN amount_cny ELSE 0 END),"
                + " SUM(CASE WHEN funding = 'VOUCHER' THEN amount_cny ELSE 0 END), SUM(tokens)"
                + " FROM ledger_daily WHERE booked_on >= ? AND booked_on <= ?"
                + (grouping == LedgerGrouping.BUSINESS_UNIT ? " AND customer_kind = 'INTERNAL'" : "")
                + (grouping == LedgerGrouping.TOTAL ? "" : " GROUP BY " + grouping.column + " ORDER BY group_key");
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, period.firstDay());
                ps.setObject(2, period.lastDay());
                List<LedgerSummaryRow> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new LedgerSummaryRow(rs.getString(1), count(rs.getBigDecimal(2)), fen(rs.getBigDecimal(3)),
                                fen(rs.getBigDecimal(4)), fen(rs.getBigDecimal(5)), tokens(rs.getBigDecimal(6))));
                    }
                }
                return rows;
            }
        });
    }

    /** A count of lines; SUM over no rows is NULL, zero here. */
    private static long count(BigDecimal sum) {
        return sum == null ? 0 : sum.longValueExact();
    }

    /** A sum of tokens, read as a decimal since it may exceed a {@code long}; SUM over no tokens is NULL, zero here. */
    private static BigInteger tokens(BigDecimal sum) {
        return sum == null ? BigInteger.ZERO : sum.toBigIntegerExact();
    }

    /** A sum at fen scale; SUM over no rows is NULL, which is zero here. */
    private static BigDecimal fen(BigDecimal sum) {
        return Money.cny(sum == null ? BigDecimal.ZERO : sum);
    }
}
