package aikpi.billing.focus;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.security.audit.AuditedWrite;
import aikpi.billing.focus.FocusReader.Known;
import aikpi.billing.focus.LineAggregator.Imported;
import aikpi.billing.focus.LineAggregator.Unit;
import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Funding;
import aikpi.billing.ledger.LedgerDailyStore;
import aikpi.billing.ledger.LedgerLine;
import aikpi.billing.ledger.LedgerLineValidator.Candidate;
import aikpi.billing.ledger.LedgerRules;
import aikpi.billing.ledger.LedgerRules.Outcome;
import aikpi.billing.ledger.LedgerStore;
import aikpi.billing.vouchers.Voucher;
import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.LineError;
import aikpi.platform.store.StoreException;
import aikpi.platform.store.Transactions;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Writes a FOCUS import in one transaction, in plain JDBC (the batched hot path), and reads imports back.
 * <ol>
 *   <li>The very same file (by SHA-256) whose billing units all still belong to it changes nothing.</li>
 *   <li>The import is recorded; each billing unit (account, billing period) it brings is claimed in
 *       {@code ledger_import_current} under a row lock, so two imports of one unit take turns.</li>
 *   <li>A unit an earlier import brought is restated: that import's lines of the unit are taken out of the daily
 *       rollup and deleted, the vouchers they drew get the amount back, and the unit is marked superseded (the
 *       earlier import stays readable; it is superseded as a whole once all its units are).</li>
 *   <li>The voucher rules of the ledger ({@link LedgerRules}) are applied to the credits that name a voucher, under
 *       row locks; a broken rule refuses the whole file, naming the row.</li>
 *   <li>The new lines are inserted, the rollup advanced and the vouchers drawn down.</li>
 * </ol>
 * A conflict with a concurrent writer restarts the transaction under the platform's retry policy
 * ({@link Transactions}); the file is parsed once, before the transaction, so a retry only writes again.
 */
@Singleton
public class FocusImportStore {

    private static final String INSERT_LINE = "INSERT INTO ledger_line (" + LedgerStore.COLUMNS
            + ", import_account, import_period) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String IMPORT_COLUMNS = "import_id, sha256, bytes, focus_version, rows_read, lines, skipped_tax, "
            + "skipped_zero_cost, corrections, credits, revenue_billed, credit_billed, ledger_total_cny, sent_by, "
            + "received_at, superseded_by";

    /** Lines per insert batch, and about the lines per rollup advance. */
    private static final int CHUNK = 1_000;

    private final Transactions transactions;
    private final LedgerStore ledger;
    private final LedgerDailyStore daily;
    private final BillingClose close;

    public FocusImportStore(Transactions transactions, LedgerStore ledger, LedgerDailyStore daily, BillingClose close) {
        this.transactions = transactions;
        this.ledger = ledger;
        this.daily = daily;
        this.close = close;
    }

    /** What an import is to store: the file's identity and counts, and its summed lines (with their units). */
    record Plan(String importId, String sha256, long bytes, FocusReader.Counts counts, LineAggregator lines,
                String sentBy, Instant receivedAt) {

        BigDecimal ledgerTotal() {
            return lines.units().stream().map(u -> u.ledgerTotal).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
    }

    /**
     * Stores the plan; answers the import as stored, or the earlier import of the same file when nothing changed. The
     * import's audit row is written here, in this transaction, and not around the controller: the file is read before
     * any transaction opens.
     */
    @AuditedWrite
    public ImportRecord store(Plan plan) {
        return transactions.write(c -> storeOnce(c, plan));
    }

    /** The customer kind and business unit of the customer's latest line, if the ledger has one. */
    public Known known(String customerId) {
        return transactions.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_kind, business_unit FROM ledger_line "
                    + "WHERE customer_id = ? ORDER BY recorded_at DESC, line_id LIMIT 1")) {
                ps.setString(1, customerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? new Known(CustomerKind.valueOf(rs.getString(1)), rs.getString(2)) : null;
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
        });
    }

    public Optional<ImportRecord> find(String importId) {
        return transactions.read(c -> Optional.ofNullable(read(c, importId, false, List.of())));
    }

    /** Every import, newest first. */
    /** A page of the imports, newest first, by keyset on (received at, import id). */
    public Page<ImportRecord> list(PageRequest page) {
        return transactions.read(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT import_id FROM ledger_import"
                    + (page.isFirst() ? "" : " WHERE received_at < ? OR (received_at = ? AND import_id < ?)")
                    + " ORDER BY received_at DESC, import_id DESC LIMIT ?")) {
                int i = 1;
                if (!page.isFirst()) {
                    OffsetDateTime at = utc(page.instantAfter(0));
                    ps.setObject(i++, at);
                    ps.setObject(i++, at);
                    ps.setString(i++, page.after(1, ""));
                }
                ps.setInt(i, page.fetchSize());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException(e);
            }
            return page.page(ids.stream().map(id -> read(c, id, false, List.of())).toList(),
                    r -> List.of(r.receivedAt().toString(), r.importId()));
        });
    }

    private ImportRecord storeOnce(Connection c, Plan p) throws SQLException {
        String unchanged = unchangedImport(c, p.sha256());
        if (unchanged != null) {
            return read(c, unchanged, true, List.of());
        }
        insertImport(c, p);
        // Claim every unit, in a fixed order so that two imports sharing units wait for each other, not deadlock.
        List<Unit> units = new ArrayList<>(p.lines().units());
        units.sort(Comparator.comparing((Unit u) -> u.account).thenComparing(u -> u.periodStart));
        // A restated unit's earlier lines leave the daily rollup a unit at a time; what they drew of vouchers comes
        // back, and the new credits that name a voucher draw it.
        Map<String, BigDecimal> givenBack = new TreeMap<>();
        Set<String> replaced = new LinkedHashSet<>();
        Set<Unit> kept = new HashSet<>();
        Map<Unit, Set<LedgerLine>> brought = null;
        for (Unit u : units) {
            u.replaced = null;
            u.late = false;
            if (u.correctionOnly()) {
                continue; // booked in the open period, beside what the final month holds: nothing to claim
            }
            String owner = owner(c, u);
            if (owner != null && u.finalMonth) {
                if (brought == null) {
                    brought = finalUnitLines(p);
                }
                if (brought.getOrDefault(u, Set.of()).equals(lines(c, owner, u))) {
                    kept.add(u); // the very lines in force: left as they are, neither restated nor counted
                    continue;
                }
                YearMonth month = BillingClose.month(u.periodStart);
                throw new RestatementRefusedException(month.toString(), u.account, owner, sha256(c, owner),
                        close.finalOn(month).toString());
            }
            claim(c, u, p.importId(), owner);
            u.late = owner == null && u.finalMonth;
            u.replaced = owner;
            if (owner != null) {
                List<LedgerLine> retracted = removeLines(c, owner, u, p.importId());
                daily.retract(c, retracted);
                for (LedgerLine l : retracted) {
                    if (l.funding() == Funding.VOUCHER && l.voucherId() != null) {
                        givenBack.merge(l.voucherId(), l.amountCny(), BigDecimal::add);
                    }
                }
                replaced.add(owner);
            }
        }
        List<Candidate> draws = new ArrayList<>();
        Set<String> voucherIds = new TreeSet<>(givenBack.keySet());
        for (Imported i : p.lines().voucherLines(p.receivedAt())) {
            if (kept.contains(i.unit())) {
                continue;
            }
            draws.add(new Candidate((int) Math.min(Integer.MAX_VALUE, i.firstLine()), i.line()));
            voucherIds.add(i.line().voucherId());
        }
        Map<String, Voucher> vouchers = new HashMap<>();
        ledger.lockVouchers(c, voucherIds).forEach((id, v) -> vouchers.put(id, new Voucher(v.voucherId(),
                v.customerId(), v.customerKind(), v.amountCny(), v.drawnCny().subtract(givenBack.getOrDefault(id,
                BigDecimal.ZERO)), v.issuedOn(), v.expiresOn(), v.updatedAt())));
        Outcome outcome = LedgerRules.check(draws, Map.of(), vouchers, Set.of());
        if (!outcome.accepted()) {
            List<LineError> errors = outcome.errors().stream()
                    .map(e -> new LineError(e.index(), "Tags", e.message())).toList();
            throw new FileRejectedException(errors.size() + " credit row(s) of the file break the voucher rules; nothing "
                    + "of the file was stored. First: line " + errors.get(0).line() + ": " + errors.get(0).message(),
                    errors, false);
        }
        Map<String, BigDecimal> net = new TreeMap<>(outcome.drawdowns());
        givenBack.forEach((id, amount) -> net.merge(id, amount.negate(), BigDecimal::add));
        net.values().removeIf(v -> v.signum() == 0);

        insertLines(c, p, kept);
        ledger.drawDown(c, net);
        insertUnits(c, p, kept);
        for (String owner : replaced) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_import SET superseded_by = ? WHERE import_id = ? "
                    + "AND NOT EXISTS (SELECT 1 FROM ledger_import_unit WHERE import_id = ? AND superseded_by IS NULL)")) {
                ps.setString(1, p.importId());
                ps.setString(2, owner);
                ps.setString(3, owner);
                ps.executeUpdate();
            }
        }
        return read(c, p.importId(), false, List.copyOf(replaced));
    }

    private static String sha256(Connection c, String importId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM ledger_import WHERE import_id = ?")) {
            ps.setString(1, importId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** What the imports brought of each billing month from {@code first} to {@code last}: one row per unit imported. */
    public List<MonthUnit> units(YearMonth first, YearMonth last) {
        return transactions.read(c -> {
            List<MonthUnit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT u.billing_period_start, u.import_id, u.rows_read, "
                    + "u.replaced_import, u.late, u.correction, i.received_at FROM ledger_import_unit u "
                    + "JOIN ledger_import i ON i.import_id = u.import_id "
                    + "WHERE u.billing_period_start >= ? AND u.billing_period_start < ?")) {
                ps.setObject(1, first.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                ps.setObject(2, last.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MonthUnit(BillingClose.month(rs.getObject(1, OffsetDateTime.class).toInstant()),
                                rs.getString(2), rs.getLong(3), rs.getString(4), rs.getBoolean(5), rs.getBoolean(6),
                                rs.getObject(7, OffsetDateTime.class).toInstant()));
                    }
                }
            }
            return out;
        });
    }

    /** One unit an import brought of a billing month, and what the import did to it. */
    public record MonthUnit(YearMonth month, String importId, long rows, String replaced, boolean late,
                            boolean correction, Instant receivedAt) {
    }

    /**
     * The units of imports received strictly after {@code since} that bring a billing month from {@code first} to
     * {@code last}, or that are a final month's corrections received from {@code bookedFrom} to before
     * {@code bookedTo} (booked in the month they were received in), with their import's file, sender and time.
     */
    public List<ReceivedUnit> unitsReceivedAfter(Instant since, YearMonth first, YearMonth last, Instant bookedFrom,
                                                 Instant bookedTo) {
        return transactions.read(c -> {
            List<ReceivedUnit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT u.import_id, i.sha256, i.sent_by, i.received_at, "
                    + "u.billing_account_id, u.billing_period_start, u.rows_read, u.replaced_import, u.late, "
                    + "u.correction FROM ledger_import i JOIN ledger_import_unit u ON u.import_id = i.import_id "
                    + "WHERE i.received_at > ? AND ((u.billing_period_start >= ? AND u.billing_period_start < ?) "
                    + "OR (u.correction AND i.received_at >= ? AND i.received_at < ?))")) {
                ps.setObject(1, utc(since));
                ps.setObject(2, first.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                ps.setObject(3, last.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC));
                ps.setObject(4, utc(bookedFrom));
                ps.setObject(5, utc(bookedTo));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ReceivedUnit(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5),
                                BillingClose.month(rs.getObject(6, OffsetDateTime.class).toInstant()), rs.getLong(7),
                                rs.getString(8), rs.getBoolean(9), rs.getBoolean(10)));
                    }
                }
            }
            return out;
        });
    }

    /** A unit an import brought, with the import's file and sender: what a change since a data version names. */
    public record ReceivedUnit(String importId, String sha256, String sentBy, Instant receivedAt, String account,
                               YearMonth month, long rows, String replaced, boolean late, boolean correction) {
    }

    /** An earlier import of the very same file that still owns every unit it brought, or null. */
    private static String unchangedImport(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT i.import_id FROM ledger_import i WHERE i.sha256 = ? "
                + "AND i.superseded_by IS NULL AND NOT EXISTS (SELECT 1 FROM ledger_import_unit u "
                + "WHERE u.import_id = i.import_id AND u.superseded_by IS NOT NULL) ORDER BY i.received_at DESC")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** The import that owns the unit, under a row lock, or null for a unit no import brought before. */
    private static String owner(Connection c, Unit u) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT import_id FROM ledger_import_current "
                + "WHERE billing_account_id = ? AND billing_period_start = ? FOR UPDATE")) {
            ps.setString(1, u.account);
            ps.setObject(2, utc(u.periodStart));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Makes the import the unit's owner in place of {@code owner} (null: a unit no import brought before). */
    private static void claim(Connection c, Unit u, String importId, String owner) throws SQLException {
        // A concurrent first import of the same unit makes this insert fail with a unique violation: the retry sees it.
        try (PreparedStatement ps = c.prepareStatement(owner == null
                ? "INSERT INTO ledger_import_current (import_id, billing_account_id, billing_period_start) VALUES (?, ?, ?)"
                : "UPDATE ledger_import_current SET import_id = ? WHERE billing_account_id = ? AND billing_period_start = ?")) {
            ps.setString(1, importId);
            ps.setString(2, u.account);
            ps.setObject(3, utc(u.periodStart));
            ps.executeUpdate();
        }
    }

    /** The lines the file brings of each unit of a final month, as {@link #content} compares them. */
    private static Map<Unit, Set<LedgerLine>> finalUnitLines(Plan p) {
        Map<Unit, Set<LedgerLine>> out = new HashMap<>();
        p.lines().forEachLine(p.receivedAt(), i -> {
            if (i.unit().finalMonth) {
                out.computeIfAbsent(i.unit(), x -> new HashSet<>()).add(content(i.line()));
            }
        });
        return out;
    }

    /** The lines an import brought of a unit, as {@link #content} compares them. */
    private static Set<LedgerLine> lines(Connection c, String importId, Unit u) throws SQLException {
        Set<LedgerLine> lines = new HashSet<>();
        for (LedgerLine l : storedLines(c, importId, u)) {
            lines.add(content(l));
        }
        return lines;
    }

    /** The lines an import brought of a unit, as stored. */
    private static List<LedgerLine> storedLines(Connection c, String importId, Unit u) throws SQLException {
        List<LedgerLine> lines = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + LedgerStore.COLUMNS + " FROM ledger_line "
                + "WHERE import_id = ? AND import_account = ? AND import_period = ?")) {
            bindUnit(ps, importId, u);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    lines.add(LedgerStore.readLine(rs));
                }
            }
        }
        return lines;
    }

    /** What a line books, without when and by which import: two imports of the same content book equal lines. */
    private static LedgerLine content(LedgerLine l) {
        return new LedgerLine(l.lineId(), l.customerId(), l.customerKind(), l.businessUnit(), l.bookedOn(), l.product(),
                l.amountCny().setScale(2, RoundingMode.UNNECESSARY), l.funding(), l.voucherId(), l.tokens(),
                l.correctionOf(), null, null, l.billedCurrency(), plain(l.billedAmount()), plain(l.fxRate()), l.fxDay(),
                l.fxVersion(), l.pricingCurrency(), plain(l.pricingCost()), l.model());
    }

    private static BigDecimal plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros();
    }

    /** Deletes the lines the earlier owner brought for the unit and marks its unit superseded; answers those lines. */
    private static List<LedgerLine> removeLines(Connection c, String owner, Unit u, String importId) throws SQLException {
        List<LedgerLine> lines = storedLines(c, owner, u);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM ledger_line "
                + "WHERE import_id = ? AND import_account = ? AND import_period = ?")) {
            bindUnit(ps, owner, u);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE ledger_import_unit SET superseded_by = ? "
                + "WHERE import_id = ? AND billing_account_id = ? AND billing_period_start = ?")) {
            ps.setString(1, importId);
            ps.setString(2, owner);
            ps.setString(3, u.account);
            ps.setObject(4, utc(u.periodStart));
            ps.executeUpdate();
        }
        return lines;
    }

    private static void bindUnit(PreparedStatement ps, String importId, Unit u) throws SQLException {
        ps.setString(1, importId);
        ps.setString(2, u.account);
        ps.setObject(3, utc(u.periodStart));
    }

    private static void insertImport(Connection c, Plan p) throws SQLException {
        FocusReader.Counts n = p.counts();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_import (" + IMPORT_COLUMNS + ") "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
            ps.setString(1, p.importId());
            ps.setString(2, p.sha256());
            ps.setLong(3, p.bytes());
            ps.setString(4, n.focusVersion);
            ps.setLong(5, n.rows);
            ps.setLong(6, p.lines().lineCount());
            ps.setLong(7, n.tax);
            ps.setLong(8, n.zeroCost);
            ps.setLong(9, n.corrections);
            ps.setLong(10, n.credits);
            ps.setBigDecimal(11, p.lines().revenueBilled());
            ps.setBigDecimal(12, p.lines().creditBilled());
            ps.setBigDecimal(13, p.ledgerTotal());
            ps.setString(14, p.sentBy());
            ps.setObject(15, utc(p.receivedAt()));
            ps.executeUpdate();
        }
    }

    private static void insertUnits(Connection c, Plan p, Set<Unit> kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_import_unit (import_id, billing_account_id, "
                + "billing_period_start, customer_id, rows_read, lines, ledger_total_cny, replaced_import, late, correction) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Unit u : p.lines().units()) {
                if (kept.contains(u)) {
                    continue;
                }
                ps.setString(1, p.importId());
                ps.setString(2, u.account);
                ps.setObject(3, utc(u.periodStart));
                ps.setString(4, u.customerId);
                ps.setLong(5, u.rows);
                ps.setLong(6, u.lines);
                ps.setBigDecimal(7, u.ledgerTotal);
                ps.setString(8, u.replaced);
                ps.setBoolean(9, u.late);
                ps.setBoolean(10, u.correctionOnly());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Inserts the import's lines as the aggregator makes them ({@link LineWriter}). */
    private void insertLines(Connection c, Plan p, Set<Unit> kept) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_LINE)) {
            LineWriter writer = new LineWriter(c, ps, daily);
            p.lines().forEachLine(p.receivedAt(), i -> {
                if (!kept.contains(i.unit())) {
                    writer.write(i);
                }
            });
            writer.flush();
        }
    }

    /**
     * Writes lines in insert batches of {@link #CHUNK} and adds them to the daily rollup a few customers at a time: the
     * lines come a customer at a time, and no two customers share a rollup row, so neither the lines nor their rollup
     * rows are ever all in memory.
     */
    private static final class LineWriter {
        private final Connection c;
        private final PreparedStatement insert;
        private final LedgerDailyStore daily;
        private final List<LedgerLine> rollup = new ArrayList<>();
        private String customer;
        private int pending;

        LineWriter(Connection c, PreparedStatement insert, LedgerDailyStore daily) {
            this.c = c;
            this.insert = insert;
            this.daily = daily;
        }

        void write(Imported i) throws SQLException {
            LedgerLine l = i.line();
            if (!l.customerId().equals(customer)) {
                if (rollup.size() >= CHUNK) {
                    daily.advance(c, rollup);
                    rollup.clear();
                }
                customer = l.customerId();
            }
            rollup.add(l);
            LedgerStore.bindLine(insert, l, utc(l.recordedAt()));
            insert.setString(22, i.unit().account);
            insert.setObject(23, utc(i.unit().periodStart));
            insert.addBatch();
            if (++pending == CHUNK) {
                insert.executeBatch();
                pending = 0;
            }
        }

        void flush() throws SQLException {
            if (pending > 0) {
                insert.executeBatch();
                pending = 0;
            }
            daily.advance(c, rollup);
            rollup.clear();
        }
    }

    /** The import as stored, with its units; null when there is none of that id. */
    private static ImportRecord read(Connection c, String importId, boolean unchanged, List<String> replaced) {
        try {
            ImportRecord.Builder b;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + IMPORT_COLUMNS + " FROM ledger_import WHERE import_id = ?")) {
                ps.setString(1, importId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    b = new ImportRecord.Builder(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                            rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getBigDecimal(13), rs.getString(14),
                            rs.getObject(15, OffsetDateTime.class).toInstant(), rs.getString(16));
                }
            }
            Map<String, ImportRecord.UnitRecord> units = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT billing_account_id, billing_period_start, customer_id, "
                    + "rows_read, lines, ledger_total_cny, superseded_by, replaced_import, late, correction "
                    + "FROM ledger_import_unit WHERE import_id = ? "
                    + "ORDER BY billing_account_id, billing_period_start")) {
                ps.setString(1, importId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant start = rs.getObject(2, OffsetDateTime.class).toInstant();
                        units.put(rs.getString(1) + start, new ImportRecord.UnitRecord(rs.getString(1), start,
                                rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6), rs.getString(7),
                                rs.getString(8), rs.getBoolean(9), rs.getBoolean(10)));
                    }
                }
            }
            return b.build(List.copyOf(units.values()), replaced, unchanged);
        } catch (SQLException e) {
            throw new StoreException(e);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
