package aikpi.tongyi.usage;

import aikpi.platform.store.Transactions;
import aikpi.platform.warmup.LatestDataDay;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Optional;

/** tongyi's latest data day: the last day of metered usage in the daily rollup (its primary key starts with the day). */
@Singleton
public class LatestUsageDayStore implements LatestDataDay {

    private static final String LATEST = "SELECT MAX(usage_day) FROM usage_daily";

    private final Transactions transactions;

    public LatestUsageDayStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<LocalDate> latestDataDay() {
        return LatestDataDay.read(transactions, LATEST);
    }
}
