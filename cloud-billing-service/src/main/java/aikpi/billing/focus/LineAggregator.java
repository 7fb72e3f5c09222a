package aikpi.billing.focus;

import aikpi.billing.focus.FocusReader.Known;
import aikpi.billing.fx.RateTable;
import aikpi.billing.ledger.Conversion;
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
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Sums a FOCUS file's rows into ledger lines: one line per billing unit (account and billing period), booking day,
 * customer kind and business unit, product, funding (and voucher), correction or not. Sums stay exact while rows are
 * added; each line's sum is rounded to the fen (half-even) once, at the end, so the file's BilledCost and the
 * ledger's total for it differ by less than a fen per line. Memory holds one sum per line, never the rows, and the
 * ledger lines are made one at a time as the store writes them: at most {@code maxLines} sums, beyond which the file is
 * refused (413) and should be split by billing account.
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
    /** The decimals a line's billed amount keeps ({@code ledger_line.billed_amount}). */
    private static final int BILLED_SCALE = 18;

    /** A unit of replacement: a billing account's billing period. */
    static final class Unit {
        final int index;
        final String account;
        final Instant periodStart;
        final String customerId;
        /** What the unit's line ids start with. */
        final String hash;
        /** The unit's billing month was final when the file was received. */
        final boolean finalMonth;
        long rows;
        /** Rows other than {@code ChargeClass = Correction}. */
        long plainRows;
        long lines;
        BigDecimal ledgerTotal = BigDecimal.ZERO;
        /** Set by the store: the earlier import of the unit this one restates, or null. */
        String replaced;
        /** Set by the store: the first import of a final month. */
        boolean late;

        Unit(int index, String account, Instant periodStart, boolean finalMonth) {
            this.index = index;
            this.account = account;
            this.periodStart = periodStart;
            this.finalMonth = finalMonth;
            this.customerId = FocusMapping.customerId(account);
            this.hash = Sha256.hex(account + "|" + periodStart).substring(0, 16);
        }

        /**
         * A final month's unit of nothing but corrections: it restates nothing, its rows are booked in the open period
         * and add to whatever the month holds.
         */
        boolean correctionOnly() {
            return finalMonth && plainRows == 0;
        }
    }

    /** A ledger line made of the file, with the unit it belongs to. */
    record Imported(LedgerLine line, Unit unit, long firstLine) {
    }

    private record Group(int unit, CustomerKind kind, String businessUnit, Product product, boolean correction,
                         String currency, String pricingCurrency, String model) {
    }

    /** One line's running sums; the import holds one of these per line for the whole file. */
    private static final class Sums {
        final LocalDate day;
        final ExactSum amount = new ExactSum();
        ExactSum tokens;
        ExactSum pricing;
        long firstLine = Long.MAX_VALUE;

        Sums(LocalDate day) {
            this.day = day;
        }

        void add(BigDecimal amount, BigDecimal tokens, long line) {
            this.amount.add(amount);
            if (tokens != null) {
                if (this.tokens == null) {
                    this.tokens = new ExactSum();
                }
                this.tokens.add(tokens);
            }
            firstLine = Math.min(firstLine, line);
        }

        void addPricing(BigDecimal cost) {
            if (cost != null) {
                if (pricing == null) {
                    pricing = new ExactSum();
                }
                pricing.add(cost);
            }
        }
    }

    /** A group's cash sums in day order: one array of them, not a tree entry per day. */
    private static final class Days {
        private Sums[] sums = new Sums[8];
        private int size;

        /** The index of the day's sums, or (-(where it would go) - 1). */
        private int find(LocalDate day) {
            if (size > 0 && sums[size - 1].day.equals(day)) {
                return size - 1; // rows mostly come in time order
            }
            int lo = 0;
            int hi = size - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int c = sums[mid].day.compareTo(day);
                if (c < 0) {
                    lo = mid + 1;
                } else if (c > 0) {
                    hi = mid - 1;
                } else {
                    return mid;
                }
            }
            return -(lo + 1);
        }

        Sums getOrAdd(LocalDate day, Function<LocalDate, Sums> make) {
            int i = find(day);
            if (i >= 0) {
                return sums[i];
            }
            int at = -(i + 1);
            Sums added = make.apply(day);
            if (size == sums.length) {
                sums = Arrays.copyOf(sums, size * 2);
            }
            System.arraycopy(sums, at, sums, at + 1, size - at);
            sums[at] = added;
            size++;
            return added;
        }
    }

    private record Credit(LocalDate day, String voucherId) {
    }

    private final String importId;
    private final int maxLines;
    private final Function<String, Known> known;
    private final Predicate<Instant> finalPeriod;
    private final LocalDate openPeriodStart;
    /** What the ids of corrections booked in the open period end with: each such import adds its own lines. */
    private final String correctionSuffix;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final List<Unit> unitList = new ArrayList<>();
    private final Map<String, Known> customers = new HashMap<>();
    private final Map<Group, Days> cash = new HashMap<>();
    private final Map<Group, Map<Credit, Sums>> credits = new HashMap<>();
    private int keys;
    /** The rates in force for the file's lines in other currencies than CNY ({@link #useRates}). */
    private RateTable rates;
    /** The groups in line order, once {@link #finish} has run. */
    private List<Group> groups;
    private long lineCount;
    private BigDecimal revenueBilled = BigDecimal.ZERO;
    private BigDecimal creditBilled = BigDecimal.ZERO;

    /**
     * @param known           what the ledger knows of a customer (its kind and business unit), or null
     * @param finalPeriod     whether a billing period (by its start) was final when the file was received
     * @param openPeriodStart the first day of the open period, where a final month's corrections are booked
     */
    LineAggregator(String importId, int maxLines, Function<String, Known> known, Predicate<Instant> finalPeriod,
                   LocalDate openPeriodStart) {
        this.importId = importId;
        this.maxLines = maxLines;
        this.known = known;
        this.finalPeriod = finalPeriod;
        this.openPeriodStart = openPeriodStart;
        this.correctionSuffix = "-" + Sha256.hex(importId).substring(0, 8);
    }

    /** Checks a row in ledger terms and, with {@code sum}, adds it; answers what is wrong with it, or null. */
    LineError add(FocusRow row, boolean sum) {
        Unit unit = units.computeIfAbsent(row.billingAccountId() + '\n' + row.periodStart(), k -> {
            Unit u = new Unit(unitList.size(), row.billingAccountId(), row.periodStart(),
                    finalPeriod.test(row.periodStart()));
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
        if (!row.correction()) {
            unit.plainRows++;
        }
        // A correction of a final month is booked in the open period; of an open month, on the month's first day.
        LocalDate bookedOn = row.correction() && unit.finalMonth ? openPeriodStart : row.bookedOn();
        Group group = new Group(unit.index, kind, businessUnit, row.product(), row.correction(), row.currency(),
                row.pricingCurrency(), row.model());
        if (row.charge() == FocusMapping.Charge.CREDIT) {
            creditBilled = creditBilled.add(row.billedCost());
            Map<Credit, Sums> g = credits.computeIfAbsent(group, x -> new HashMap<>());
            g.computeIfAbsent(new Credit(bookedOn, row.voucherId()), c -> newKey(c.day())).add(
                    row.billedCost().negate(), null, row.line());
        } else {
            revenueBilled = revenueBilled.add(row.billedCost());
            Sums sums = cash.computeIfAbsent(group, x -> new Days()).getOrAdd(bookedOn, this::newKey);
            sums.add(row.billedCost(), row.tokens(), row.line());
            sums.addPricing(row.pricingCost());
        }
        return null;
    }

    private Sums newKey(LocalDate day) {
        if (++keys > maxLines) {
            throw new PayloadTooLargeException("The file sums to more than " + maxLines + " ledger lines (one per "
                    + "billing account, day, product and funding), more than one import takes "
                    + "(BILLING_IMPORT_MAX_LINES); split it by billing account and import the parts. Nothing was stored.");
        }
        return new Sums(day);
    }

    /**
     * The booking days of the lines in each currency other than CNY, with the first line of the file that books on
     * each: what the rates must cover. Read before {@link #finish}.
     */
    Map<String, Map<LocalDate, Long>> currencyDays() {
        Map<String, Map<LocalDate, Long>> out = new java.util.TreeMap<>();
        cash.forEach((g, days) -> {
            if (!LedgerLine.CNY.equals(g.currency())) {
                for (int i = 0; i < days.size; i++) {
                    out.computeIfAbsent(g.currency(), c -> new java.util.TreeMap<>())
                            .merge(days.sums[i].day, days.sums[i].firstLine, Math::min);
                }
            }
        });
        credits.forEach((g, byCredit) -> {
            if (!LedgerLine.CNY.equals(g.currency())) {
                byCredit.forEach((c, sums) -> out.computeIfAbsent(g.currency(), x -> new java.util.TreeMap<>())
                        .merge(c.day(), sums.firstLine, Math::min));
            }
        });
        return out;
    }

    /** The rates that convert the lines in other currencies; every day of {@link #currencyDays} has one. */
    void useRates(RateTable rates) {
        this.rates = rates;
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

    /**
     * Moves the credits from cash to voucher and counts the lines and each unit's total, each line rounded to the fen;
     * once, after the last row and before the lines are read. The lines themselves are made as they are read
     * ({@link #forEachLine}): the import holds its sums, never its ledger lines.
     */
    void finish() {
        if (groups != null) {
            throw new IllegalStateException("finish() runs once");
        }
        groups = new ArrayList<>(cash.keySet());
        credits.keySet().stream().filter(g -> !cash.containsKey(g)).forEach(groups::add);
        // A customer's lines together (its billing units' in the order the file brought them): the store sums the
        // daily rollup a customer at a time.
        groups.sort(Comparator.comparing((Group g) -> unitList.get(g.unit()).customerId).thenComparingInt(Group::unit)
                .thenComparing(g -> g.kind().name())
                .thenComparing(g -> Objects.toString(g.businessUnit(), "")).thenComparing(g -> g.product().name())
                .thenComparing(Group::correction).thenComparing(Group::currency)
                .thenComparing(g -> Objects.toString(g.pricingCurrency(), ""))
                .thenComparing(g -> Objects.toString(g.model(), "")));
        for (Group g : groups) {
            Days days = cash.computeIfAbsent(g, x -> new Days());
            credits.getOrDefault(g, Map.of()).entrySet().stream().sorted(Map.Entry.comparingByKey(
                    Comparator.comparing(Credit::day).thenComparing(c -> Objects.toString(c.voucherId(), ""))))
                    .forEach(c -> moveToVoucher(days, c.getKey().day(), c.getValue().amount.value(),
                            c.getValue().firstLine));
        }
        this.<RuntimeException>walk(true, (unit, g, day, funding, voucherId, amount, tokens, firstLine, pricing) -> {
            unit.lines++;
            unit.ledgerTotal = unit.ledgerTotal.add(amount.amountCny());
            lineCount++;
        });
    }

    /** How many ledger lines the file makes (after {@link #finish}). */
    long lineCount() {
        return lineCount;
    }

    /**
     * Hands the ledger lines to {@code out} one at a time, in a fixed order (customer, unit, customer kind, business
     * unit, product, correction; cash by day, then voucher): a line is made when it is read and not kept. Read as often as
     * the store needs (a retried transaction reads them again).
     */
    <E extends Exception> void forEachLine(Instant recordedAt, LineSink<E> out) throws E {
        this.<E>walk(true, (unit, g, day, funding, voucherId, amount, tokens, firstLine, pricing) -> out.accept(
                line(recordedAt, unit, g, day, funding, voucherId, amount, tokens, firstLine, pricing)));
    }

    /** The voucher-funded lines that name the voucher they draw, in the order of {@link #forEachLine}. */
    List<Imported> voucherLines(Instant recordedAt) {
        List<Imported> out = new ArrayList<>();
        this.<RuntimeException>walk(false, (unit, g, day, funding, voucherId, amount, tokens, firstLine, pricing) -> {
            if (voucherId != null) {
                out.add(line(recordedAt, unit, g, day, funding, voucherId, amount, tokens, firstLine, pricing));
            }
        });
        return out;
    }

    private Imported line(Instant recordedAt, Unit unit, Group g, LocalDate day, Funding funding, String voucherId,
                          Conversion amount, Long tokens, long firstLine, BigDecimal pricing) {
        return new Imported(new LedgerLine(lineId(unit, g, day, funding, voucherId), unit.customerId, g.kind(),
                g.businessUnit(), day, g.product(), amount.amountCny(), funding, voucherId, tokens, null, recordedAt,
                importId).converted(amount).priced(g.pricingCurrency(), pricing).withModel(g.model()), unit, firstLine);
    }

    /** Where {@link #forEachLine} hands the lines. */
    @FunctionalInterface
    interface LineSink<E extends Exception> {
        void accept(Imported line) throws E;
    }

    /** A ledger line as {@link #walk} sees it: amount rounded to the fen, tokens for a MaaS line. */
    @FunctionalInterface
    private interface LineVisitor<E extends Exception> {
        void line(Unit unit, Group g, LocalDate day, Funding funding, String voucherId, Conversion amount, Long tokens,
                  long firstLine, BigDecimal pricing) throws E;
    }

    /**
     * Every line, rounded, in the order of {@link #forEachLine} (without {@code withCash} only the voucher-funded ones);
     * lines whose billed sum is exactly zero and that carry no tokens left out (a line of a few
     * thousandths is kept, at 0.00 CNY, so that its billed amount comes back in the export).
     */
    private <E extends Exception> void walk(boolean withCash, LineVisitor<E> visitor) throws E {
        if (groups == null) {
            throw new IllegalStateException("finish() first");
        }
        for (Group g : groups) {
            Unit unit = unitList.get(g.unit());
            Days days = cash.get(g);
            for (int i = 0; withCash && i < days.size; i++) {
                visit(rates, visitor, unit, g, days.sums[i].day, Funding.CASH, null, days.sums[i]);
            }
            for (Map.Entry<Credit, Sums> credit : credits.getOrDefault(g, Map.of()).entrySet()) {
                visit(rates, visitor, unit, g, credit.getKey().day(), Funding.VOUCHER, credit.getKey().voucherId(),
                        credit.getValue());
            }
        }
    }

    private static <E extends Exception> void visit(RateTable rates, LineVisitor<E> visitor, Unit unit, Group g,
                                                    LocalDate day, Funding funding, String voucherId, Sums s) throws E {
        BigDecimal billed = s.amount.value();
        if (billed.scale() > BILLED_SCALE) {
            billed = billed.setScale(BILLED_SCALE, RoundingMode.HALF_EVEN);
        }
        // Per line: the line's exact billed sum times its day's rate, rounded to the fen half-even once.
        Conversion conversion = LedgerLine.CNY.equals(g.currency()) ? Conversion.cny(billed)
                : rates.convert(g.currency(), billed, day).orElseThrow(() -> new IllegalStateException(
                        "no rate for " + g.currency() + " on " + day + "; the import checks the rates first"));
        BigDecimal amount = conversion.amountCny();
        BigDecimal pricing = s.pricing == null ? null : s.pricing.value();
        if (pricing != null && pricing.scale() > BILLED_SCALE) {
            pricing = pricing.setScale(BILLED_SCALE, RoundingMode.HALF_EVEN);
        }
        Long tokens = null;
        if (g.product() == Product.MAAS_TOKENS) {
            tokens = s.tokens == null ? 0L : s.tokens.value().setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        }
        if (billed.signum() != 0 || (tokens != null && tokens != 0)) {
            visitor.line(unit, g, day, funding, voucherId, conversion, tokens, s.firstLine, pricing);
        }
    }

    /** Takes a credit's amount from the group's cash: its own day first, then earlier days (latest first), then later. */
    private static void moveToVoucher(Days days, LocalDate day, BigDecimal amount, long line) {
        if (amount.signum() <= 0) {
            days.getOrAdd(day, Sums::new).add(amount.negate(), null, line);
            return;
        }
        BigDecimal remaining = amount;
        int at = days.find(day);
        List<Sums> order = new ArrayList<>();
        int before = at >= 0 ? at - 1 : -(at + 1) - 1;
        if (at >= 0) {
            order.add(days.sums[at]);
        }
        for (int i = before; i >= 0; i--) {
            order.add(days.sums[i]);
        }
        for (int i = before + (at >= 0 ? 2 : 1); i < days.size; i++) {
            order.add(days.sums[i]);
        }
        for (Sums s : order) {
            if (remaining.signum() == 0) {
                break;
            }
            BigDecimal cash = s.amount.value();
            if (cash.signum() > 0) {
                BigDecimal take = cash.min(remaining);
                s.amount.add(take.negate());
                remaining = remaining.subtract(take);
            }
        }
        if (remaining.signum() > 0) {
            days.getOrAdd(day, Sums::new).add(remaining.negate(), null, line);
        }
    }

    private String lineId(Unit unit, Group g, LocalDate day, Funding funding, String voucherId) {
        return "focus-" + unit.hash + "-" + DAY.format(day) + "-" + Sha256.hex(g.kind() + "|"
                + Objects.toString(g.businessUnit(), "") + "|" + g.product() + "|" + funding + "|"
                + Objects.toString(voucherId, "") + "|" + g.correction()
                + (LedgerLine.CNY.equals(g.currency()) && g.pricingCurrency() == null ? ""
                : "|" + g.currency() + "|" + Objects.toString(g.pricingCurrency(), ""))
                // A line naming no model keeps the id it had before lines named models.
                + (g.model() == null ? "" : "|model=" + g.model())).substring(0, 8)
                + (g.correction() ? "-c" + (unit.finalMonth ? correctionSuffix : "") : "");
    }

}
