package aikpi.quark.days;

import aikpi.platform.store.Transactions;
import aikpi.platform.warmup.LatestDataDay;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Optional;

/**
 * quark's latest data day: the last day an app fed by daily aggregates sent, or the last day of AI sessions of an app
 * fed by events (both read from an index on the day).
 */
@Singleton
public class LatestDayStore implements LatestDataDay {

    private static final String LATEST = """
            SELECT MAX(d) FROM (
                SELECT MAX(report_day) AS d FROM app_day
                UNION ALL SELECT MAX(session_day) AS d FROM feature_daily) days""";

    private final Transactions transactions;

    public LatestDayStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<LocalDate> latestDataDay() {
        return LatestDataDay.read(transactions, LATEST);
    }
}
