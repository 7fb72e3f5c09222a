package aikpi.tongyi.customers;

import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Customers onboarded per (kind, day), advanced in the same transaction as every customer upsert: a new customer
 * adds one to its day, a changed kind or onboarding date moves one from the old day to the new. The days are business
 * dates, not instants, so the counts do not depend on the reporting zone.
 */
@Singleton
public class OnboardingCounts {

    private final Transactions transactions;

    public OnboardingCounts(Transactions transactions) {
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
            List<Map.Entry<String, Long>> missing = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE customer_onboarding_daily SET customers = customers + ? WHERE kind = ? AND onboarded_on = ?")) {
                for (var m : moves) {
                    String[] key = m.getKey().split("\\|");
                    ps.setLong(1, m.getValue());
                    ps.setString(2, key[0]);
                    ps.setObject(3, LocalDate.parse(key[1]));
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] == 0) {
                        missing.add(moves.get(i));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO customer_onboarding_daily (kind, onboarded_on, customers) VALUES (?, ?, ?)")) {
                for (var m : missing) {
                    String[] key = m.getKey().split("\\|");
                    ps.setString(1, key[0]);
                    ps.setObject(2, LocalDate.parse(key[1]));
                    ps.setLong(3, m.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
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
