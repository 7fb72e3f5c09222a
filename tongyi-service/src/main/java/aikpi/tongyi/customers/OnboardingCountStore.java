package aikpi.tongyi.customers;

import aikpi.platform.store.Rollup;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Customers onboarded per (kind, day), advanced in the same transaction as every customer upsert: a new customer
 * adds one to its day, a changed kind or onboarding date moves one from the old day to the new. The days are business
 * dates, not instants, so the counts do not depend on the reporting zone. Advanced by the platform's
 * {@link Rollup#addSums}, so a day that a concurrent upsert creates first is waited for and added to.
 */
@Singleton
public class OnboardingCountStore {

    private static final String ADD =
            "UPDATE customer_onboarding_daily SET customers = customers + ? WHERE kind = ? AND onboarded_on = ?";
    private static final String CREATE =
            "INSERT INTO customer_onboarding_daily (kind, onboarded_on, customers) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";

    private final Transactions transactions;

    public OnboardingCountStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** Collects the changes of one upsert. */
    public static final class Changes {
        private final Map<String, Long> deltas = new TreeMap<>();

        public void stored(Customer before, Customer after) {
            if (before != null) {
                deltas.merge(before.kind() + "|" + before.onboardedOn(), -1L, Long::sum);
            }
            deltas.merge(after.kind() + "|" + after.onboardedOn(), 1L, Long::sum);
        }
    }

    public void apply(Changes changes) {
        List<Map.Entry<String, Long>> moves = changes.deltas.entrySet().stream().filter(e -> e.getValue() != 0).toList();
        if (moves.isEmpty()) {
            return;
        }
        transactions.write(c -> {
            Rollup.<Map.Entry<String, Long>>addSums(c, ADD, (ps, m) -> {
                ps.setLong(1, m.getValue());
                ps.setString(2, kind(m));
                ps.setObject(3, onboardedOn(m));
            }, CREATE, (ps, m) -> {
                ps.setString(1, kind(m));
                ps.setObject(2, onboardedOn(m));
                ps.setLong(3, m.getValue());
            }, moves);
            return null;
        });
    }

    private static String kind(Map.Entry<String, Long> move) {
        return move.getKey().substring(0, move.getKey().indexOf('|'));
    }

    private static LocalDate onboardedOn(Map.Entry<String, Long> move) {
        return LocalDate.parse(move.getKey().substring(move.getKey().indexOf('|') + 1));
    }

    /**
     * Recounts every (kind, day) from the customers themselves, for when the counts may have drifted from them (a
     * crash of the embedded database).
     *
     * @return the number of customers counted
     */
    public long recount() {
        return transactions.write(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("TRUNCATE TABLE customer_onboarding_daily");
                st.executeUpdate("INSERT INTO customer_onboarding_daily (kind, onboarded_on, customers)"
                        + " SELECT kind, onboarded_on, COUNT(*) FROM customer GROUP BY kind, onboarded_on");
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM customer")) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }
}
