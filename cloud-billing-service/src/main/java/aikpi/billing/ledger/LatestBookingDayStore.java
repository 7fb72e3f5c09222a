package aikpi.billing.ledger;

import aikpi.platform.store.Transactions;
import aikpi.platform.warmup.LatestDataDay;
import jakarta.inject.Singleton;
import java.time.LocalDate;
import java.util.Optional;

/** billing's latest data day: the last booking day in the ledger's daily rollup (its primary key starts with the day). */
@Singleton
public class LatestBookingDayStore implements LatestDataDay {

    private static final String LATEST = "SELECT MAX(booked_on) FROM ledger_daily";

    private final Transactions transactions;

    public LatestBookingDayStore(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public Optional<LocalDate> latestDataDay() {
        return LatestDataDay.read(transactions, LATEST);
    }
}
