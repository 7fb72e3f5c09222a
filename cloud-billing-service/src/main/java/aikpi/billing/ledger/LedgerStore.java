package aikpi.billing.ledger;

import aikpi.billing.ledger.LedgerLineValidator.Candidate;
import aikpi.billing.ledger.LedgerLineValidator.Validated;
import aikpi.billing.ledger.LedgerRules.KnownLine;
import aikpi.billing.ledger.LedgerRules.Outcome;
import aikpi.billing.vouchers.Voucher;
import aikpi.billing.vouchers.VoucherConflictException;
import aikpi.billing.vouchers.VoucherHolderKind;
import aikpi.platform.problem.BatchRejectedException;
import aikpi.platform.problem.ItemError;
import aikpi.platform.store.BatchInsert;
import aikpi.platform.store.KeyRanges;
import aikpi.platform.store.Sql;
import aikpi.platform.store.StoreException;
import aikpi.platform.store.Transactions;
import aikpi.platform.store.WriteConflictException;
import aikpi.vocabulary.Money;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Writes a batch of ledger lines in one transaction, in plain JDBC:
 * <ol>
 *   <li>the lines already stored are found (they are duplicates and are neither checked again nor applied);</li>
 *   <li>the stored lines that new corrections name, and the vouchers that new lines name, are read under row locks
 *       (SELECT ... FOR UPDATE, in id order), so that concurrent batches, on this instance or another, take turns
 *       on the same line or voucher;</li>
 *   <li>{@link LedgerRules} decides; any broken rule rejects the whole batch and nothing is written;</li>
 *   <li>the new lines are inserted with the primary key as the dedup ({@code ON CONFLICT DO NOTHING}, per-row
 *       counts): a line that a concurrent batch stored in the meantime restarts the transaction;</li>
 *   <li>the daily rollup that summaries and the attribution read is advanced ({@link LedgerDailyStore});</li>
 *   <li>each voucher is drawn down by a guarded update ({@code drawn + x <= amount}), checked by its row count.</li>
 * </ol>
 * Conflicts between concurrent writers (unique violation, serialization failure, deadlock, lock time-out, or a
 * {@link WriteConflictException} the store notices itself) restart the whole transaction under the platform's retry
 * policy ({@link Transactions}); the retry sees the other writer's lines and vouchers as they now are.
 */
@Singleton
public class LedgerStore {

    /** The columns {@link #readLine} reads, in its order. */
    public static final String COLUMNS = "line_id, customer_id, customer_kind, business_unit, booked_on, product, "
            + "amount_cny, funding, voucher_id, tokens, correction_of, recorded_at, import_id, billed_currency, billed_amount, "
            + "fx_rate, fx_day, fx_version, pricing_currency, pricing_cost, model";
    private static final String INSERT_LINE = "INSERT INTO ledger_line (" + COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String DRAW_DOWN = """
            UPDATE voucher SET drawn_cny = drawn_cny + ?
            WHERE voucher_id = ? AND drawn_cny + ? <= amount_cny AND drawn_cny + ? >= 0""";

    private static final String RECOUNT_DRAWN = """
            UPDATE voucher SET drawn_cny = COALESCE(
                (SELECT SUM(l.amount_cny) FROM ledger_line l WHERE l.voucher_id = voucher.voucher_id), 0)""";
    private static final int VOUCHER_RANGE = 1_000;

    private final Transactions transactions;
    private final LedgerDailyStore daily;

    public LedgerStore(Transactions transactions, LedgerDailyStore daily) {
        this.transactions = transactions;
        this.daily = daily;
    }

    /**
     * Stores the batch's new lines and draws their vouchers down, or rejects the batch.
     *
     * @return the number of lines that were new
     * @throws BatchRejectedException naming every offending line (with the validator's errors), nothing stored
     */
    public int record(Validated batch, Instant recordedAt) {
        return transactions.write(c -> recordOnce(c, batch, recordedAt));
    }

    private int recordOnce(Connection c, Validated batch, Instant recordedAt) {
        List<Candidate> candidates = batch.candidates();
        Set<String> stored = existingIds(c, candidates.stream().map(x -> x.line().lineId()).toList());
        List<Candidate> fresh = candidates.stream().filter(x -> !stored.contains(x.line().lineId())).toList();

        Set<String> freshIds = new HashSet<>();
        fresh.forEach(x -> freshIds.add(x.line().lineId()));
        Set<String> targets = new TreeSet<>();
        Set<String> voucherIds = new TreeSet<>();
        for (Candidate x : fresh) {
            String target = x.line().correctionOf();
            if (target != null && !freshIds.contains(target)) {
                targets.add(target);
            }
            if (x.line().voucherId() != null) {
                voucherIds.add(x.line().voucherId());
            }
        }
        Map<String, KnownLine> known = lockLines(c, targets);
        Map<String, Voucher> vouchers = lockVouchers(c, voucherIds);

        Outcome outcome = LedgerRules.check(fresh, known, vouchers, batch.invalidIds());
        if (!outcome.accepted() || !batch.errors().isEmpty()) {
            List<ItemError> all = new ArrayList<>(batch.errors());
            all.addAll(outcome.errors());
            all.sort(Comparator.comparingInt(ItemError::index));
            throw new BatchRejectedException(all);
        }
        insert(c, fresh, recordedAt);
        try {
            daily.advance(c, fresh.stream().map(Candidate::line).toList());
            recordPosting(c, fresh, recordedAt);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
        drawDown(c, outcome.drawdowns());
        return fresh.size();
    }

    private static Set<String> existingIds(Connection c, List<String> ids) {
        Set<String> found = new HashSet<>();
        Sql.forEachChunk(ids, chunk -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT line_id FROM ledger_line WHERE line_id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
        return found;
    }

    /** Locks the named lines and reads them with their amount and tokens after the corrections stored so far. */
    private static Map<String, KnownLine> lockLines(Connection c, Collection<String> ids) {
        Map<String, LedgerLine> lines = new HashMap<>();
        Sql.forEachChunk(List.copyOf(ids), chunk -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_line WHERE line_id IN ("
                    + Sql.placeholders(chunk.size()) + ") ORDER BY line_id FOR UPDATE")) {
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LedgerLine line = readLine(rs);
                        lines.put(line.lineId(), line);
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
        // Read after the locks are held: every correction of these lines committed before is counted.
        Map<String, BigDecimal> amounts = new HashMap<>();
        Map<String, Long> tokens = new HashMap<>();
        Sql.forEachChunk(List.copyOf(lines.keySet()), chunk -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT correction_of, SUM(amount_cny), SUM(tokens) "
                    + "FROM ledger_line WHERE correction_of IN (" + Sql.placeholders(chunk.size()) + ") GROUP BY correction_of")) {
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        amounts.put(rs.getString(1), rs.getBigDecimal(2));
                        tokens.put(rs.getString(1), rs.getLong(3));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
        Map<String, KnownLine> known = new HashMap<>();
        lines.forEach((id, line) -> known.put(id, new KnownLine(line,
                Money.cny(line.amountCny().add(amounts.getOrDefault(id, BigDecimal.ZERO))),
                line.tokenCount() + tokens.getOrDefault(id, 0L))));
        return known;
    }

    /** Reads the named vouchers under row locks, in id order (so that concurrent writers take turns, not deadlock). */
    public Map<String, Voucher> lockVouchers(Connection c, Collection<String> ids) {
        Map<String, Voucher> vouchers = new HashMap<>();
        Sql.forEachChunk(List.copyOf(ids), chunk -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT voucher_id, customer_id, customer_kind, amount_cny, "
                    + "drawn_cny, issued_on, expires_on, updated_at FROM voucher WHERE voucher_id IN ("
                    + Sql.placeholders(chunk.size()) + ") ORDER BY voucher_id FOR UPDATE")) {
                bind(ps, chunk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        vouchers.put(rs.getString(1), new Voucher(rs.getString(1), rs.getString(2),
                                VoucherHolderKind.valueOf(rs.getString(3)), rs.getBigDecimal(4), rs.getBigDecimal(5),
                                rs.getObject(6, LocalDate.class), rs.getObject(7, LocalDate.class),
                                rs.getObject(8, OffsetDateTime.class).toInstant()));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
        return vouchers;
    }

    private static void insert(Connection c, List<Candidate> fresh, Instant recordedAt) {
        if (fresh.isEmpty()) {
            return;
        }
        // Inserted in id order, so that two batches sharing lines wait for each other instead of deadlocking.
        List<LedgerLine> lines = fresh.stream().map(Candidate::line)
                .sorted(Comparator.comparing(LedgerLine::lineId)).toList();
        OffsetDateTime at = OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC);
        try {
            if (BatchInsert.newRows(c, INSERT_LINE, (ps, l) -> bindLine(ps, l, at), lines).size() != lines.size()) {
                // Stored by a concurrent batch since this one looked: start over and see it as a duplicate.
                throw new WriteConflictException("a line of the batch was stored concurrently");
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Counts the batch's new lines per booking day in {@code ledger_posting}: one row per day, not per line. */
    private static void recordPosting(Connection c, List<Candidate> fresh, Instant recordedAt) throws SQLException {
        Map<LocalDate, Long> perDay = new TreeMap<>();
        fresh.forEach(x -> perDay.merge(x.line().bookedOn(), 1L, Long::sum));
        if (perDay.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO ledger_posting (booked_on, recorded_at, lines) VALUES (?, ?, ?)")) {
            for (var day : perDay.entrySet()) {
                ps.setObject(1, day.getKey());
                ps.setObject(2, OffsetDateTime.ofInstant(recordedAt, ZoneOffset.UTC));
                ps.setLong(3, day.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Lines posted directly (not imported) after {@code since}, booked from {@code from} to {@code to}. */
    public record Posting(LocalDate bookedOn, Instant recordedAt, long lines) {
    }

    /** The postings recorded strictly after {@code since} of lines booked from {@code from} to {@code to}. */
    public List<Posting> postedAfter(Instant since, LocalDate from, LocalDate to) {
        return transactions.read(c -> {
            List<Posting> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT booked_on, recorded_at, SUM(lines) FROM ledger_posting "
                    + "WHERE recorded_at > ? AND booked_on BETWEEN ? AND ? GROUP BY booked_on, recorded_at")) {
                ps.setObject(1, OffsetDateTime.ofInstant(since, ZoneOffset.UTC));
                ps.setObject(2, from);
                ps.setObject(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Posting(rs.getObject(1, LocalDate.class),
                                rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getLong(3)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Locks each voucher of {@code drawdowns} and refuses (409) a drawdown that would take it past its amount or below
     * zero, naming the voucher, what it holds and what was asked: a rebook at a new rate must not overdraw a voucher.
     */
    public void checkDrawable(Connection c, Map<String, BigDecimal> drawdowns) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT amount_cny, drawn_cny FROM voucher WHERE voucher_id = ? FOR UPDATE")) {
            for (var d : drawdowns.entrySet()) {
                ps.setString(1, d.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    BigDecimal amount = rs.getBigDecimal(1);
                    BigDecimal drawn = rs.getBigDecimal(2).add(d.getValue());
                    if (drawn.compareTo(amount) > 0 || drawn.signum() < 0) {
                        throw new VoucherConflictException("Voucher " + d.getKey()
                                + " would be drawn to " + drawn.toPlainString() + " CNY of its " + amount.toPlainString()
                                + " CNY at the new rates; nothing was rebooked.");
                    }
                }
            }
        }
    }

    /**
     * Draws each voucher down by its amount (negative gives balance back) by a guarded update; a voucher that changed
     * under the caller's lock restarts the transaction.
     */
    public void drawDown(Connection c, Map<String, BigDecimal> drawdowns) {
        if (drawdowns.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(DRAW_DOWN)) {
            for (var d : drawdowns.entrySet()) {
                ps.setBigDecimal(1, d.getValue());
                ps.setString(2, d.getKey());
                ps.setBigDecimal(3, d.getValue());
                ps.setBigDecimal(4, d.getValue());
                if (ps.executeUpdate() != 1) {
                    // The rules saw the voucher under a lock, so this means another writer bypassed it: start over.
                    throw new WriteConflictException("voucher " + d.getKey() + " changed under the batch");
                }
            }
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    /** Hands the lines booked from {@code from} to {@code to} to {@code action}, in booking-day and line order, as read. */
    public void forEachLineBooked(LocalDate from, LocalDate to, Consumer<LedgerLine> action) {
        transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM ledger_line "
                    + "WHERE booked_on BETWEEN ? AND ? ORDER BY booked_on, customer_id, line_id")) {
                ps.setFetchSize(1_000);
                ps.setObject(1, from);
                ps.setObject(2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(readLine(rs));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Recounts what each voucher has drawn from the lines that name it, in ranges of vouchers, a transaction each (the
     * recut after an unclean stop, {@link LedgerFigures}).
     *
     * @return the number of vouchers recounted
     */
    long recountDrawn() {
        return KeyRanges.forEach(transactions, "voucher", "voucher_id", VOUCHER_RANGE, (c, range) -> {
            try (PreparedStatement ps = c.prepareStatement(RECOUNT_DRAWN + " WHERE " + range.condition())) {
                range.bind(ps, 1);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Binds a line to parameters 1 to 21 of a statement that names {@link #COLUMNS} in their order (the inverse of
     * {@link #readLine}).
     */
    public static void bindLine(PreparedStatement ps, LedgerLine l, OffsetDateTime recordedAt) throws SQLException {
        ps.setString(1, l.lineId());
        ps.setString(2, l.customerId());
        ps.setString(3, l.customerKind().name());
        ps.setString(4, l.businessUnit());
        ps.setObject(5, l.bookedOn());
        ps.setString(6, l.product().name());
        ps.setBigDecimal(7, l.amountCny());
        ps.setString(8, l.funding().name());
        ps.setString(9, l.voucherId());
        if (l.tokens() == null) {
            ps.setNull(10, Types.BIGINT);
        } else {
            ps.setLong(10, l.tokens());
        }
        ps.setString(11, l.correctionOf());
        ps.setObject(12, recordedAt);
        ps.setString(13, l.importId());
        ps.setString(14, l.billedCurrency());
        ps.setBigDecimal(15, l.billedAmount());
        ps.setBigDecimal(16, l.fxRate());
        ps.setObject(17, l.fxDay(), Types.DATE);
        if (l.fxVersion() == null) {
            ps.setNull(18, Types.INTEGER);
        } else {
            ps.setInt(18, l.fxVersion());
        }
        ps.setString(19, l.pricingCurrency());
        ps.setBigDecimal(20, l.pricingCost());
        ps.setString(21, l.model());
    }

    /** A line of a result set that selected {@link #COLUMNS}. */
    public static LedgerLine readLine(ResultSet rs) throws SQLException {
        long tokens = rs.getLong(10);
        Long tokenValue = rs.wasNull() ? null : tokens;
        return new LedgerLine(rs.getString(1), rs.getString(2), CustomerKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getObject(5, LocalDate.class), Product.valueOf(rs.getString(6)), Money.cny(rs.getBigDecimal(7)),
                Funding.valueOf(rs.getString(8)), rs.getString(9), tokenValue, rs.getString(11),
                rs.getObject(12, OffsetDateTime.class).toInstant(), rs.getString(13), rs.getString(14),
                plain(rs.getBigDecimal(15) == null ? rs.getBigDecimal(7) : rs.getBigDecimal(15)), plain(rs.getBigDecimal(16)), rs.getObject(17, LocalDate.class),
                (Integer) rs.getObject(18, Integer.class), rs.getString(19), plain(rs.getBigDecimal(20)),
                rs.getString(21));
    }

    /** A stored decimal without the trailing zeros of its column's scale (1.5, not 1.500000000000000000). */
    private static BigDecimal plain(BigDecimal d) {
        if (d == null) {
            return null;
        }
        BigDecimal s = d.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }



    private static void bind(PreparedStatement ps, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            ps.setString(i + 1, values.get(i));
        }
    }
}
