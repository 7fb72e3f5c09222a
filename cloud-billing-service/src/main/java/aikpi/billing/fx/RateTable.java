package aikpi.billing.fx;

import aikpi.billing.ledger.Conversion;
import aikpi.billing.ledger.LedgerLine;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The rates in force (the latest version of each day) of some currencies over some days, read once for a batch, a
 * file or a rebook. The rate of a booking day is that day's; where the day has none, the latest earlier day's no more
 * than {@code maxAgeDays} before it; else there is none.
 */
public final class RateTable {

    private final Map<String, TreeMap<LocalDate, FxRate>> rates = new HashMap<>();
    private final long maxAgeDays;

    RateTable(long maxAgeDays) {
        this.maxAgeDays = maxAgeDays;
    }

    void add(FxRate rate) {
        rates.computeIfAbsent(rate.currency(), c -> new TreeMap<>()).merge(rate.day(), rate,
                (a, b) -> a.version() >= b.version() ? a : b);
    }

    public long maxAgeDays() {
        return maxAgeDays;
    }

    /** The rate in force for a line of {@code currency} booked on {@code day}. */
    public Optional<FxRate> inForce(String currency, LocalDate day) {
        TreeMap<LocalDate, FxRate> days = rates.get(currency);
        Map.Entry<LocalDate, FxRate> e = days == null ? null : days.floorEntry(day);
        if (e == null || ChronoUnit.DAYS.between(e.getKey(), day) > maxAgeDays) {
            return Optional.empty();
        }
        return Optional.of(e.getValue());
    }

    /** {@code billed} of {@code currency} booked on {@code day} in CNY, or empty when no rate is in force. */
    public Optional<Conversion> convert(String currency, BigDecimal billed, LocalDate day) {
        if (LedgerLine.CNY.equals(currency)) {
            return Optional.of(Conversion.cny(billed));
        }
        return inForce(currency, day).map(r -> Conversion.of(currency, billed, r.cnyPerUnit(), r.day(), r.version()));
    }

    /** Why {@link #convert} found nothing, for a message naming the currency and the day. */
    public String missing(String currency, LocalDate day) {
        return "no " + currency + " rate is in force on " + day + " (none for that day nor within " + maxAgeDays
                + " days before it, BILLING_FX_MAX_AGE); set it with PUT /api/v1/fx-rates/" + currency + "/" + day;
    }
}
