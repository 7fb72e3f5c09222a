package aikpi.billing.fx;

import aikpi.billing.ledger.Conversion;
import aikpi.billing.ledger.Funding;
import aikpi.billing.ledger.LedgerDailyStore;
import aikpi.billing.ledger.LedgerLine;
import aikpi.billing.ledger.LedgerStore;
import aikpi.platform.store.Transactions;
import aikpi.vocabulary.InvalidRequestException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reconverts the lines of some booking days at the rates in force now, after a rate was corrected: nothing booked
 * changes until this is asked for. One transaction: the lines in other currencies than CNY are read under row locks,
 * those whose rate (day, version or value) or CNY amount would change are updated, the daily rollup follows (the old
 * figures taken out, the new ones added) and what voucher-funded lines drew moves by the difference.
 */
@Singleton
public class FxRebook {

    /** Most days one rebook takes: a quarter and more, not the whole ledger at once. */
    static final int MAX_DAYS = 400;

    private final Transactions transactions;
    private final FxRateStore rates;
    private final FxRateService service;
    private final LedgerDailyStore daily;
    private final LedgerStore ledger;
    private final Clock clock;

    public FxRebook(Transactions transactions, FxRateStore rates, FxRateService service, LedgerDailyStore daily,
                    LedgerStore ledger, Clock clock) {
        this.clock = clock;
        this.transactions = transactions;
        this.rates = rates;
        this.service = service;
        this.daily = daily;
        this.ledger = ledger;
    }

    /** A line whose figures changed: old and new rate, rate day and version, and CNY amount. */
    @Serdeable
    public record Changed(String lineId, LocalDate bookedOn, String currency, BigDecimal billedAmount,
                          BigDecimal oldRate, BigDecimal newRate, @Nullable LocalDate oldRateDay,
                          @Nullable LocalDate newRateDay, @Nullable Integer oldVersion, @Nullable Integer newVersion,
                          BigDecimal oldAmountCny, BigDecimal newAmountCny) {
    }

    /** What a rebook did. */
    @Serdeable
    public record Result(LocalDate from, LocalDate to, long linesRead, int linesChanged, BigDecimal oldAmountCny,
                         BigDecimal newAmountCny, List<Changed> changed, List<String> unconverted) {
    }

    public Result rebook(String fromText, String toText, String by) {
        LocalDate from = day("from", fromText);
        LocalDate to = day("to", toText);
        if (from.isAfter(to)) {
            throw new InvalidRequestException("from " + from + " is after to " + to + ".");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw new InvalidRequestException("A rebook takes at most " + MAX_DAYS + " days; split " + from + ".." + to + ".");
        }
        Instant at = clock.instant();
        return transactions.write(c -> rebookOnce(c, from, to, by, at));
    }

    private Result rebookOnce(Connection c, LocalDate from, LocalDate to, String by, Instant at) throws SQLException {
        List<LedgerLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.COLUMNS + " FROM ledger_line "
                + "WHERE booked_on BETWEEN ? AND ? AND billed_currency <> 'CNY' ORDER BY line_id FOR UPDATE")) {
            ps.setObject(1, from);
            ps.setObject(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(LedgerStore.readLine(rs));
                }
            }
        }
        Set<String> currencies = new TreeSet<>();
        lines.forEach(l -> currencies.add(l.billedCurrency()));
        RateTable table = rates.table(c, currencies, from, to, service.maxAgeDays());
        List<LedgerLine> before = new ArrayList<>();
        List<LedgerLine> after = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        List<String> unconverted = new ArrayList<>();
        Map<String, BigDecimal> drawdowns = new HashMap<>();
        BigDecimal oldTotal = BigDecimal.ZERO;
        BigDecimal newTotal = BigDecimal.ZERO;
        for (LedgerLine l : lines) {
            Conversion now = table.convert(l.billedCurrency(), l.billedAmount(), l.bookedOn()).orElse(null);
            if (now == null) {
                unconverted.add(l.lineId() + ": " + table.missing(l.billedCurrency(), l.bookedOn()));
                continue;
            }
            if (now.amountCny().compareTo(l.amountCny()) == 0 && now.rate().compareTo(l.fxRate()) == 0
                    && now.rateDay().equals(l.fxDay()) && now.rateVersion().equals(l.fxVersion())) {
                continue;
            }
            LedgerLine updated = l.converted(now);
            before.add(l);
            after.add(updated);
            oldTotal = oldTotal.add(l.amountCny());
            newTotal = newTotal.add(updated.amountCny());
            changed.add(new Changed(l.lineId(), l.bookedOn(), l.billedCurrency(), l.billedAmount(), l.fxRate(),
                    now.rate(), l.fxDay(), now.rateDay(), l.fxVersion(), now.rateVersion(), l.amountCny(), now.amountCny()));
            if (l.funding() == Funding.VOUCHER && l.voucherId() != null) {
                drawdowns.merge(l.voucherId(), now.amountCny().subtract(l.amountCny()), BigDecimal::add);
            }
        }
        if (!after.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_line SET amount_cny = ?, fx_rate = ?, "
                    + "fx_day = ?, fx_version = ? WHERE line_id = ?")) {
                for (LedgerLine l : after) {
                    ps.setBigDecimal(1, l.amountCny());
                    ps.setBigDecimal(2, l.fxRate());
                    ps.setObject(3, l.fxDay());
                    ps.setInt(4, l.fxVersion());
                    ps.setString(5, l.lineId());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            daily.retract(c, before);
            daily.advance(c, after);
            drawdowns.values().removeIf(d -> d.signum() == 0);
            ledger.checkDrawable(c, drawdowns);
            ledger.drawDown(c, drawdowns);
            recordDays(c, before, after, by, at);
        }
        return new Result(from, to, lines.size(), changed.size(), oldTotal, newTotal, changed, unconverted);
    }

    /** One row per booking day changed: the changes since a data version list it. */
    private static void recordDays(Connection c, List<LedgerLine> before, List<LedgerLine> after, String by, Instant at)
            throws SQLException {
        Map<LocalDate, long[]> lines = new TreeMap<>();
        Map<LocalDate, BigDecimal> delta = new TreeMap<>();
        for (int i = 0; i < after.size(); i++) {
            LocalDate day = after.get(i).bookedOn();
            lines.computeIfAbsent(day, d -> new long[1])[0]++;
            delta.merge(day, after.get(i).amountCny().subtract(before.get(i).amountCny()), BigDecimal::add);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fx_rebook_day (booked_on, rebooked_at, rebooked_by, "
                + "lines, delta_cny) VALUES (?, ?, ?, ?, ?)")) {
            for (var e : lines.entrySet()) {
                ps.setObject(1, e.getKey());
                ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setString(3, by);
                ps.setLong(4, e.getValue()[0]);
                ps.setBigDecimal(5, delta.get(e.getKey()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A rebook's changes to one booking day. */
    public record RebookedDay(LocalDate bookedOn, Instant at, String by, long lines, BigDecimal deltaCny) {
    }

    /** The days booked from {@code from} to {@code to} that rebooks changed strictly after {@code since}. */
    public List<RebookedDay> rebookedAfter(Instant since, LocalDate from, LocalDate to) {
        return transactions.read(c -> {
            List<RebookedDay> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT booked_on, rebooked_at, rebooked_by, lines, delta_cny "
                    + "FROM fx_rebook_day WHERE rebooked_at > ? AND booked_on BETWEEN ? AND ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                ps.setObject(2, from);
                ps.setObject(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new RebookedDay(rs.getObject(1, LocalDate.class),
                                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getLong(4),
                                rs.getBigDecimal(5)));
                    }
                }
            }
            return out;
        });
    }

    private static LocalDate day(String name, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException(name + " is missing: rebook the booking days from..to, such as "
                    + "from=2025-01-01&to=2025-01-31.");
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " must be a day such as 2025-01-31 (was '" + text.strip() + "').");
        }
    }
}
