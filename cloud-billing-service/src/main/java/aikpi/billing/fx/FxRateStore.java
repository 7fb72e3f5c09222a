package aikpi.billing.fx;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.store.Sql;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The rates ({@code fx_rate}), in plain JDBC: every change a new version, never an update. Two writers of the same
 * day's rate collide on the primary key and the loser's transaction is retried by the platform, seeing the winner's
 * version.
 */
@Singleton
public class FxRateStore {

    static final String COLUMNS = "currency, rate_day, version, cny_per_unit, source, set_by, set_at";

    private final Transactions transactions;

    public FxRateStore(Transactions transactions) {
        this.transactions = transactions;
    }

    /** What a write did to one day's rate: the version now in force, and whether this write made it. */
    public record Written(FxRate rate, boolean created) {
    }

    /** Stores each rate as a new version of its day, unless it equals the version in force; one transaction. */
    public List<Written> write(List<FxRate> rates) {
        return transactions.write(c -> {
            List<Written> out = new ArrayList<>();
            for (FxRate r : rates) {
                out.add(writeOne(c, r));
            }
            return out;
        });
    }

    private static Written writeOne(Connection c, FxRate r) throws SQLException {
        FxRate current = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fx_rate WHERE currency = ? "
                + "AND rate_day = ? ORDER BY version DESC LIMIT 1")) {
            ps.setString(1, r.currency());
            ps.setObject(2, r.day());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    current = read(rs);
                }
            }
        }
        if (current != null && current.cnyPerUnit().compareTo(r.cnyPerUnit()) == 0) {
            return new Written(current, false);
        }
        FxRate next = new FxRate(r.currency(), r.day(), current == null ? 1 : current.version() + 1, r.cnyPerUnit(),
                r.source(), r.setBy(), r.setAt());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO fx_rate (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, next.currency());
            ps.setObject(2, next.day());
            ps.setInt(3, next.version());
            ps.setBigDecimal(4, next.cnyPerUnit());
            ps.setString(5, next.source());
            ps.setString(6, next.setBy());
            ps.setObject(7, OffsetDateTime.ofInstant(next.setAt(), ZoneOffset.UTC));
            ps.executeUpdate();
        }
        return new Written(next, true);
    }

    /** Every version of the rates of a currency (or all) from {@code from} to {@code to}, by currency, day, version. */
    public Page<FxRate> list(String currency, LocalDate from, LocalDate to, PageRequest page) {
        return transactions.read(c -> {
            StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM fx_rate WHERE rate_day >= ? AND rate_day <= ?");
            if (currency != null) {
                sql.append(" AND currency = ?");
            }
            if (!page.isFirst()) {
                sql.append(" AND (currency > ? OR (currency = ? AND (rate_day > ? OR (rate_day = ? AND version > ?))))");
            }
            sql.append(" ORDER BY currency, rate_day, version LIMIT ?");
            List<FxRate> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setObject(i++, from);
                ps.setObject(i++, to);
                if (currency != null) {
                    ps.setString(i++, currency);
                }
                if (!page.isFirst()) {
                    LocalDate day;
                    int version;
                    try {
                        day = LocalDate.parse(page.after(1, ""));
                        version = Integer.parseInt(page.after(2, ""));
                    } catch (RuntimeException e) {
                        throw new aikpi.vocabulary.InvalidRequestException("cursor is not one this list gave.");
                    }
                    ps.setString(i++, page.after(0, ""));
                    ps.setString(i++, page.after(0, ""));
                    ps.setObject(i++, day);
                    ps.setObject(i++, day);
                    ps.setInt(i++, version);
                }
                ps.setInt(i, page.fetchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
            }
            return page.page(rows, r -> List.of(r.currency(), r.day().toString(), Integer.toString(r.version())));
        });
    }

    /**
     * The rates that can be in force for lines of {@code currencies} booked from {@code from} to {@code to}: every
     * version of the days from {@code maxAgeDays} before {@code from}.
     */
    public RateTable table(Collection<String> currencies, LocalDate from, LocalDate to, long maxAgeDays) {
        RateTable table = new RateTable(maxAgeDays);
        if (currencies.isEmpty()) {
            return table;
        }
        transactions.read(c -> {
            load(c, currencies, from, to, table);
            return null;
        });
        return table;
    }

    /** As {@link #table}, in the caller's transaction. */
    public RateTable table(Connection c, Collection<String> currencies, LocalDate from, LocalDate to, long maxAgeDays)
            throws SQLException {
        RateTable table = new RateTable(maxAgeDays);
        if (!currencies.isEmpty()) {
            load(c, currencies, from, to, table);
        }
        return table;
    }

    private static void load(Connection c, Collection<String> currencies, LocalDate from, LocalDate to, RateTable table)
            throws SQLException {
        List<String> list = List.copyOf(currencies);
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM fx_rate WHERE currency IN ("
                + Sql.placeholders(list.size()) + ") AND rate_day >= ? AND rate_day <= ?")) {
            int i = 1;
            for (String cur : list) {
                ps.setString(i++, cur);
            }
            ps.setObject(i++, from.minusDays(table.maxAgeDays()));
            ps.setObject(i, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    table.add(read(rs));
                }
            }
        }
    }

    static FxRate read(ResultSet rs) throws SQLException {
        java.math.BigDecimal rate = rs.getBigDecimal(4).stripTrailingZeros();
        return new FxRate(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
                rate.scale() < 0 ? rate.setScale(0) : rate, rs.getString(5), rs.getString(6),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }
}
