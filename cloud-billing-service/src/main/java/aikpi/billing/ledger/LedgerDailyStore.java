package aikpi.billing.ledger;

import aikpi.platform.store.KeyRanges;
import aikpi.platform.store.Rollup;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger's daily rollup ({@code ledger_daily}): one row per booking day, customer, customer kind, business
 * unit, product and funding, with the number of lines, their amount and their tokens. It is advanced in the same
 * transaction as the lines it sums, so a summary or an attribution reads a few rows per day instead of every line.
 */
@Singleton
public class LedgerDailyStore {

    private static final String ADVANCE = """
            UPDATE ledger_daily SET line_count = line_count + ?, amount_cny = amount_cny + ?, tokens = tokens + ?
            WHERE booked_on = ? AND customer_id = ? AND customer_kind = ? AND business_unit = ? AND product = ?
              AND funding = ?""";
    private static final String DROP_EMPTY = """
            DELETE FROM ledger_daily
            WHERE booked_on = ? AND customer_id = ? AND customer_kind = ? AND business_unit = ? AND product = ?
              AND funding = ? AND line_count = 0""";
    private static final String CREATE = """
            INSERT INTO ledger_daily (line_count, amount_cny, tokens, booked_on, customer_id, customer_kind,
                                      business_unit, product, funding)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""";
    private record Key(LocalDate bookedOn, String customerId, String customerKind, String businessUnit, String product,
                       String funding) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::bookedOn).thenComparing(Key::customerId)
                .thenComparing(Key::customerKind).thenComparing(Key::businessUnit).thenComparing(Key::product)
                .thenComparing(Key::funding);

        /** Binds the key to parameters {@code first} to {@code first + 5}, in the order of the statements' WHERE. */
        void bind(PreparedStatement ps, int first) throws SQLException {
            ps.setObject(first, bookedOn);
            String[] rest = {customerId, customerKind, businessUnit, product, funding};
            for (int i = 0; i < rest.length; i++) {
                ps.setString(first + 1 + i, rest[i]);
            }
        }
    }

    private static final class Sums {
        long lines;
        BigDecimal amount = BigDecimal.ZERO;
        BigInteger tokens = BigInteger.ZERO;
    }

    /** Lines per range of a recut: a few MB of lines and rollup rows in the service's heap. */
    static final int RECUT_RANGE = 20_000;

    private final Transactions transactions;

    public LedgerDailyStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /**
     * Adds the new lines to their days, in key order, by the platform's {@link Rollup#addSums}: a day row that a
     * concurrent batch creates first is waited for and added to.
     */
    public void advance(Connection c, Collection<LedgerLine> lines) throws SQLException {
        Rollup.<Map.Entry<Key, Sums>>addSums(c, ADVANCE, (ps, e) -> bind(ps, e.getKey(), e.getValue()),
                CREATE, (ps, e) -> bind(ps, e.getKey(), e.getValue()), new ArrayList<>(byDay(lines, 1).entrySet()));
    }

    /**
     * Takes lines that are about to be deleted (a restated FOCUS import's lines of one billing unit) out of their days,
     * and drops the day rows left with no line.
     */
    public void retract(Connection c, Collection<LedgerLine> lines) throws SQLException {
        Map<Key, Sums> days = byDay(lines, -1);
        if (days.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(ADVANCE)) {
            for (Map.Entry<Key, Sums> e : days.entrySet()) {
                bind(ps, e.getKey(), e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement(DROP_EMPTY)) {
            for (Key k : days.keySet()) {
                k.bind(ps, 1);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The lines summed per rollup row, in key order; {@code sign} -1 sums them negated (to take them out). */
    private static Map<Key, Sums> byDay(Collection<LedgerLine> lines, int sign) {
        Map<Key, Sums> days = new TreeMap<>(Key.ORDER);
        for (LedgerLine l : lines) {
            Sums s = days.computeIfAbsent(new Key(l.bookedOn(), l.customerId(), l.customerKind().name(),
                    l.businessUnit() == null ? "" : l.businessUnit(), l.product().name(), l.funding().name()),
                    k -> new Sums());
            s.lines += sign;
            s.amount = s.amount.add(sign < 0 ? l.amountCny().negate() : l.amountCny());
            s.tokens = s.tokens.add(BigInteger.valueOf(sign * l.tokenCount()));
        }
        return days;
    }

    private static void bind(PreparedStatement ps, Key k, Sums s) throws SQLException {
        ps.setLong(1, s.lines);
        ps.setBigDecimal(2, s.amount);
        ps.setBigDecimal(3, new BigDecimal(s.tokens));
        k.bind(ps, 4);
    }

    /**
     * Recuts the whole rollup from the lines (after a crash of the embedded database): emptied, then advanced by the
     * lines a range of line ids at a time, each range its own transaction, through the code that advances it on write.
     * Memory and transactions are bounded by the range, never by the ledger (one {@code INSERT ... SELECT ... GROUP
     * BY} over every line ran a 192 MB service out of heap at about 600,000 rollup rows). Nothing else writes while it
     * runs ({@link aikpi.platform.store.FiguresReadiness}); stopped half-way, it is run again from the start.
     *
     * @return the number of lines summed
     */
    long recut() {
        transactions.write(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("TRUNCATE TABLE ledger_daily");
            }
        });
        return KeyRanges.forEach(transactions, "ledger_line", "line_id", RECUT_RANGE, (c, range) -> {
            List<LedgerLine> lines = new ArrayList<>(RECUT_RANGE);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.COLUMNS + " FROM ledger_line WHERE "
                    + range.condition())) {
                range.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(LedgerStore.readLine(rs));
                    }
                }
            }
            advance(c, lines);
            return lines.size();
        });
    }
}
