package aikpi.billing.focus;

import aikpi.billing.focus.FocusReader.Known;
import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Funding;
import aikpi.billing.ledger.LedgerLine;
import aikpi.billing.ledger.Product;
import aikpi.platform.problem.LineError;
import aikpi.platform.problem.PayloadTooLargeException;
import aikpi.vocabulary.Sha256;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Sums a FOCUS file's rows into ledger lines: one line per billing unit (account and billing period), booking day,
 * customer kind and business unit, product, funding (and voucher), correction or not. Sums stay exact while rows are
 * added; each line's sum is rounded to the fen (half-even) once, at the end, so the file's BilledCost and the
 * ledger's total for it differ by less than a fen per line. Memory holds the lines, never the rows: at most
 * {@code maxLines} of them, beyond which the file is refused (413) and should be split by billing account.
 *
 * <p><b>Credits.</b> A Credit row's amount (its BilledCost, negative for a credit granted) is revenue paid with
 * vouchers: it is booked as a voucher-funded line on the credit's day, and the same amount is taken from the cash
 * lines of the same unit, customer and product: from the credit's own day first, then the days before it (latest
 * first), then the days after it. Usage of 100.00 and a credit of -100.00 leave cash 0.00 and voucher 100.00; the
 * revenue (cash plus voucher) is the usage. Whatever the unit's cash cannot cover stays a negative cash amount on the
 * credit's day. A positive Credit row (a credit taken back) moves its amount the other way.
 */
final class LineAggregator {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** A unit of replacement: a billing account's billing period. */
    static final class Unit {
        final int index;
        final String account;
        final Instant periodStart;
        final String customerId;
        long rows;
        long lines;
        BigDecimal ledgerTotal = BigDecimal.ZERO;

        Unit(int index, String account, Instant periodStart) {
            this.index = index;
            this.account = account;
            this.periodStart = periodStart;
            this.customerId = FocusMapping.customerId(account);
        }
    }

    /** A ledger line made of the file, with the unit it belongs to. */
    record Imported(LedgerLine line, Unit unit, long firstLine) {
    }

    private record Group(int unit, CustomerKind kind, String businessUnit, Product product, boolean correction) {
    }

    private static final class Sums {
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal tokens;
        long firstLine = Long.MAX_VALUE;

        void add(BigDecimal amount, BigDecimal tokens, long line) {
            this.amount = this.amount.add(amount);
            if (tokens != null) {
                this.tokens = this.tokens == null ? tokens : this.tokens.add(tokens);
            }
            firstLine = Math.min(firstLine, line);
        }
    }

    private record Credit(LocalDate day, String voucherId) {
    }

    private final String importId;
    private final int maxLines;
    private final Function<String, Known> known;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final List<Unit> unitList = new ArrayList<>();
    private final Map<String, Known> customers = new HashMap<>();
    private final Map<Group, NavigableMap<LocalDate, Sums>> cash = new HashMap<>();
    private final Map<Group, Map<Credit, Sums>> credits = new HashMap<>();
    private int keys;
    private BigDecimal revenueBilled = BigDecimal.ZERO;
    private BigDecimal creditBilled = BigDecimal.ZERO;

    /**
     * @param known what the ledger knows of a customer (its kind and business unit), or null
     */
    LineAggregator(String importId, int maxLines, Function<String, Known> known) {
        this.importId = importId;
        this.maxLines = maxLines;
        this.known = known;
    }

    /** Checks a row in ledger terms and, with {@code sum}, adds it; answers what is wrong with it, or null. */
    LineError add(FocusRow row, boolean sum) {
        Unit unit = units.computeIfAbsent(row.billingAccountId() + '\n' + row.periodStart(), k -> {
            Unit u = new Unit(unitList.size(), row.billingAccountId(), row.periodStart());
            unitList.add(u);
            return u;
        });
        Known k = customers.computeIfAbsent(unit.customerId, id -> Objects.requireNonNullElse(known.apply(id),
                new Known(CustomerKind.EXTERNAL, null)));
        CustomerKind kind = row.kind() != null ? row.kind() : k.kind();
        String businessUnit = null;
        if (kind == CustomerKind.INTERNAL) {
            businessUnit = row.businessUnit() != null ? row.businessUnit() : k.businessUnit();
            if (businessUnit == null) {
                return new LineError(row.line(), "Tags", "the rows of an INTERNAL customer name its business unit in "
                        + "the Tags key " + FocusMapping.TAG_BUSINESS_UNIT + " (customer '" + unit.customerId + "')");
            }
        }
        if (!sum) {
            return null;
        }
        unit.rows++;
        Group group = new Group(unit.index, kind, businessUnit, row.product(), row.correction());
        if (row.charge() == FocusMapping.Charge.CREDIT) {
            creditBilled = creditBilled.add(row.billedCost());
            Map<Credit, Sums> g = credits.computeIfAbsent(group, x -> new HashMap<>());
            g.computeIfAbsent(new Credit(row.bookedOn(), row.voucherId()), x -> newKey()).add(row.billedCost().negate(),
                    null, row.line());
        } else {
            revenueBilled = revenueBilled.add(row.billedCost());
            NavigableMap<LocalDate, Sums> g = cash.computeIfAbsent(group, x -> new TreeMap<>());
            g.computeIfAbsent(row.bookedOn(), x -> newKey()).add(row.billedCost(), row.tokens(), row.line());
        }
        return null;
    }

    private Sums newKey() {
        if (++keys > maxLines) {
            throw new PayloadTooLargeException("The file sums to more than " + maxLines + " ledger lines (one per "
                    + "billing account, day, product and funding), more than one import takes "
                    + "(BILLING_IMPORT_MAX_LINES); split it by billing account and import the parts. Nothing was stored.");
        }
        return new Sums();
    }

    List<Unit> units() {
        return unitList;
    }

    BigDecimal revenueBilled() {
        return revenueBilled;
    }

    BigDecimal creditBilled() {
        return creditBilled;
    }

    /** The ledger lines, credits moved from cash to voucher, each rounded to the fen; lines of 0.00 and no tokens left out. */
    List<Imported> lines(Instant recordedAt) {
        List<Imported> out = new ArrayList<>(keys);
        List<Group> groups = new ArrayList<>(cash.keySet());
        credits.keySet().stream().filter(g -> !cash.containsKey(g)).forEach(groups::add);
        groups.sort(Comparator.comparingInt(Group::unit).thenComparing(g -> g.kind().name())
                .thenComparing(g -> Objects.toString(g.businessUnit(), "")).thenComparing(g -> g.product().name())
                .thenComparing(Group::correction));
        for (Group g : groups) {
            NavigableMap<LocalDate, Sums> days = cash.computeIfAbsent(g, x -> new TreeMap<>());
            Map<Credit, Sums> groupCredits = credits.getOrDefault(g, Map.of());
            groupCredits.entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Credit::day)
                    .thenComparing(c -> Objects.toString(c.voucherId(), "")))).forEach(c -> moveToVoucher(days, c.getKey().day(),
                    c.getValue().amount, c.getValue().firstLine));
            Unit unit = unitList.get(g.unit());
            days.forEach((day, s) -> emit(out, unit, g, day, Funding.CASH, null, s, recordedAt));
            groupCredits.forEach((c, s) -> emit(out, unit, g, c.day(), Funding.VOUCHER, c.voucherId(), s, recordedAt));
        }
        return out;
    }

    /** Takes a credit's amount from the group's cash: its own day first, then earlier days (latest first), then later. */
    private static void moveToVoucher(NavigableMap<LocalDate, Sums> days, LocalDate day, BigDecimal amount, long line) {
        if (amount.signum() <= 0) {
            days.computeIfAbsent(day, x -> new Sums()).add(amount.negate(), null, line);
            return;
        }
        BigDecimal remaining = amount;
        List<Sums> order = new ArrayList<>();
        if (days.containsKey(day)) {
            order.add(days.get(day));
        }
        order.addAll(days.headMap(day, false).descendingMap().values());
        order.addAll(days.tailMap(day, false).values());
        for (Sums s : order) {
            if (remaining.signum() == 0) {
                break;
            }
            if (s.amount.signum() > 0) {
                BigDecimal take = s.amount.min(remaining);
                s.amount = s.amount.subtract(take);
                remaining = remaining.subtract(take);
            }
        }
        if (remaining.signum() > 0) {
            days.computeIfAbsent(day, x -> new Sums()).add(remaining.negate(), null, line);
        }
    }

    private void emit(List<Imported> out, Unit unit, Group g, LocalDate day, Funding funding, String voucherId, Sums s,
                      Instant recordedAt) {
        BigDecimal amount = s.amount.setScale(2, RoundingMode.HALF_EVEN);
        Long tokens = null;
        if (g.product() == Product.MAAS_TOKENS) {
            tokens = s.tokens == null ? 0L : s.tokens.setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
        if (amount.signum() == 0 && (tokens == null || tokens == 0)) {
            return;
        }
        String lineId = "focus-" + unitHash(unit) + "-" + DAY.format(day) + "-" + Sha256.hex(g.kind() + "|"
                + Objects.toString(g.businessUnit(), "") + "|" + g.product() + "|" + funding + "|"
                + Objects.toString(voucherId, "") + "|" + g.correction()).substring(0, 8) + (g.correction() ? "-c" : "");
        unit.lines++;
        unit.ledgerTotal = unit.ledgerTotal.add(amount);
        out.add(new Imported(new LedgerLine(lineId, unit.customerId, g.kind(), g.businessUnit(), day, g.product(), amount,
                funding, voucherId, tokens, null, recordedAt, importId), unit, s.firstLine));
    }

    private static String unitHash(Unit unit) {
        return Sha256.hex(unit.account + "|" + unit.periodStart).substring(0, 16);
    }
}
