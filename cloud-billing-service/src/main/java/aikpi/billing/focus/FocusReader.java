package aikpi.billing.focus;

import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Product;
import aikpi.platform.csv.CsvLimitExceededException;
import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.LineError;
import aikpi.platform.problem.PayloadTooLargeException;
import aikpi.vocabulary.NumberText;
import aikpi.vocabulary.Slug;
import aikpi.vocabulary.StoredText;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a FOCUS CSV file row by row (Apache Commons CSV), applies the row rules and hands every row that is revenue
 * or credit to a consumer; the file is never held in memory. Columns are found by header name. What real exports
 * write and the specification does not is read as they mean it: {@code NULL} or an empty field is a null, a
 * date-time without a zone ({@code 2024-09-18 22:00:00}) is UTC, as the specification's date-times are, and minutes
 * without seconds are read too.
 *
 * <p>Every bad row is named by its line in the file and its column, up to {@link #MAX_ERRORS}; the whole file is read
 * either way, so the answer counts every bad row.
 */
public final class FocusReader {

    /** The columns the mapping needs; a file without one of them is refused before any row is read. */
    public static final List<String> REQUIRED = List.of("BillingAccountId", "BillingPeriodStart", "ChargePeriodStart",
            "ChargeCategory", "ChargeClass", "BilledCost", "BillingCurrency", "ServiceCategory");
    public static final int MAX_ERRORS = 100;

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setNullString("NULL").get();
    private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** What reading a file counted. */
    public static final class Counts {
        long rows;
        long tax;
        long zeroCost;
        long corrections;
        long credits;
        long invalid;
        String focusVersion = "1.0";
    }

    /** Where valid rows go: checked in ledger terms always, summed only while the file has no bad row. */
    @FunctionalInterface
    public interface RowSink {
        /** @return what is wrong with the row in ledger terms, or null */
        LineError accept(FocusRow row, boolean sum);
    }

    /** The customer kind and business unit the ledger already knows of a customer, when it knows it. */
    public record Known(CustomerKind kind, String businessUnit) {
    }

    private final ZoneId zone;
    private final LocalDate latestBookingDay;
    private final Function<String, Map<String, Object>> tagsParser;
    private final List<LineError> errors = new ArrayList<>();
    private final Counts counts = new Counts();
    private Map<String, Integer> columns;
    private static final int INSTANT_CACHE = 8_192;
    private final Map<String, Instant> instants = new HashMap<>();
    private final Map<Instant, LocalDate> days = new HashMap<>();
    /** Tokens per unit of the first 256 unit texts seen (a file names a handful of units). */
    private final Map<String, Optional<BigDecimal>> tokenUnits = new HashMap<>();
    /** Every error found, listed or not. */
    private long overflow;

    /**
     * @param zone             the reporting zone days are cut in
     * @param latestBookingDay the last booking day accepted (today, plus a day of slack)
     * @param tagsParser       reads a {@code Tags} value (a JSON object)
     */
    public FocusReader(ZoneId zone, LocalDate latestBookingDay, Function<String, Map<String, Object>> tagsParser) {
        this.zone = zone;
        this.latestBookingDay = latestBookingDay;
        this.tagsParser = tagsParser;
    }

    public Counts counts() {
        return counts;
    }

    /**
     * Reads the whole file, handing each valid revenue or credit row to {@code rows}, which answers what is wrong with
     * it in ledger terms, or null; after the first bad row the rest are only checked, not summed (the file will be
     * refused).
     *
     * @throws FileRejectedException when the file is not CSV, lacks a required column, or has bad rows
     */
    public void read(Reader in, RowSink rows) {
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                throw reject("The file is empty: a FOCUS file starts with a header line naming its columns.", List.of());
            }
            header(records.next());
            long next = parser.getCurrentLineNumber() + 1;
            while (records.hasNext()) {
                CSVRecord record = records.next();
                long line = next;
                next = parser.getCurrentLineNumber() + 1;
                counts.rows++;
                FocusRow row = row(line, record);
                if (row != null) {
                    LineError wrong = rows.accept(row, counts.invalid == 0);
                    if (wrong != null) {
                        error(wrong.line(), wrong.column(), wrong.message());
                        counts.invalid++;
                    }
                }
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CsvLimitExceededException bound) {
                throw tooLarge(bound);
            }
            throw reject(cause instanceof CharacterCodingException
                    ? "The file is not UTF-8 text (after " + counts.rows + " rows); FOCUS files are UTF-8. Nothing was stored."
                    : "The file could not be read to its end after " + counts.rows + " rows: " + cause.getMessage()
                    + ". A compressed body must be a complete gzip stream, and a quoted CSV field must be closed; "
                    + "nothing was stored.", errors);
        }
        if (counts.rows == 0) {
            throw reject("The file has a header but no rows: there is nothing to import.", List.of());
        }
        if (counts.invalid > 0) {
            throw reject(counts.invalid + (counts.invalid == 1 ? " row" : " rows") + " of the file "
                    + (counts.invalid == 1 ? "is" : "are") + " invalid; nothing of the file was stored. First: line "
                    + errors.get(0).line() + (errors.get(0).column() == null ? "" : " " + errors.get(0).column())
                    + ": " + errors.get(0).message(), errors);
        }
    }

    private void header(CSVRecord header) {
        columns = new LinkedHashMap<>(); // in the file's order, as its cells are checked
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i) == null ? "" : header.get(i).strip();
            if (i == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1); // a byte-order mark some exporters write
            }
            if (columns.putIfAbsent(name, i) != null) {
                throw reject("The header names the column " + name + " twice.", List.of(new LineError(1, name,
                        "appears more than once in the header")));
            }
        }
        Set<String> missing = new LinkedHashSet<>(REQUIRED);
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty()) {
            throw reject("The file lacks the FOCUS columns the ledger mapping needs: " + String.join(", ", missing)
                    + ". The header (line 1) must name at least " + String.join(", ", REQUIRED) + ".",
                    missing.stream().map(c -> new LineError(1, c, "required FOCUS column missing from the header")).toList());
        }
        if (columns.containsKey("InvoiceId") || columns.containsKey("BillingAccountType")) {
            counts.focusVersion = "1.2";
        } else if (columns.containsKey("ServiceSubcategory") || columns.containsKey("SkuPriceDetails")) {
            counts.focusVersion = "1.1";
        }
    }

    /** The row in ledger terms, or null when it is skipped (tax, zero cost) or invalid (its errors are recorded). */
    private FocusRow row(long line, CSVRecord r) {
        if (r.size() != columns.size()) {
            error(line, null, "has " + r.size() + " fields; the header has " + columns.size());
            counts.invalid++;
            return null;
        }
        int before = errorCount();
        textRule(line, r);
        String account = value(r, "BillingAccountId");
        if (account == null) {
            error(line, "BillingAccountId", "is empty; every FOCUS row names its billing account");
        } else if (account.length() > 512) {
            error(line, "BillingAccountId", "is longer than 512 characters");
        }
        Instant periodStart = instant(line, r, "BillingPeriodStart");
        Instant chargeStart = instant(line, r, "ChargePeriodStart");
        String categoryText = value(r, "ChargeCategory");
        FocusMapping.Charge charge = categoryText == null ? null : FocusMapping.CHARGE_CATEGORIES.get(categoryText);
        if (charge == null) {
            error(line, "ChargeCategory", "must be one of " + FocusMapping.names(FocusMapping.CHARGE_CATEGORIES)
                    + " (was " + quoted(categoryText) + ")");
        }
        String chargeClass = value(r, "ChargeClass");
        boolean correction = FocusMapping.CORRECTION.equals(chargeClass);
        if (chargeClass != null && !correction) {
            error(line, "ChargeClass", "must be Correction or null (was " + quoted(chargeClass) + ")");
        }
        BigDecimal cost = decimal(line, r, "BilledCost", true);
        String currency = value(r, "BillingCurrency");
        if (!FocusMapping.CURRENCY.equals(currency)) {
            error(line, "BillingCurrency", "is " + quoted(currency) + "; the ledger books " + FocusMapping.CURRENCY
                    + " only and holds no exchange rates: import the provider's " + FocusMapping.CURRENCY
                    + " export, or convert the file to " + FocusMapping.CURRENCY + " first");
        }
        String category = value(r, "ServiceCategory");
        if (category == null || !FocusMapping.CATEGORIES.containsKey(category)) {
            error(line, "ServiceCategory", "must be one of the FOCUS service categories ("
                    + FocusMapping.names(FocusMapping.CATEGORIES) + "), was " + quoted(category));
        }
        BigDecimal tokens = tokens(line, r);
        Map<String, Object> tags = tags(line, r);
        CustomerKind kind = null;
        String unit = null;
        String voucher = null;
        Product override = null;
        if (tags != null) {
            Object k = tags.get(FocusMapping.TAG_CUSTOMER_KIND);
            if (k != null) {
                kind = FocusMapping.customerKind(k.toString());
                if (kind == null) {
                    error(line, "Tags", FocusMapping.TAG_CUSTOMER_KIND + " must be EXTERNAL, INTERNAL or INVESTEE (was "
                            + quoted(k.toString()) + ")");
                }
            }
            Object u = tags.get(FocusMapping.TAG_BUSINESS_UNIT);
            if (u != null) {
                unit = u.toString().strip();
                if (!Slug.isValid(unit)) {
                    error(line, "Tags", FocusMapping.TAG_BUSINESS_UNIT + " must be a business unit id, a lower-case "
                            + "slug such as 'taobao' (was " + quoted(unit) + ")");
                }
            }
            Object v = tags.get(FocusMapping.TAG_VOUCHER);
            if (v != null) {
                voucher = v.toString().strip();
                if (voucher.isEmpty() || voucher.length() > 128) {
                    error(line, "Tags", FocusMapping.TAG_VOUCHER + " must be a voucher id of 1 to 128 characters");
                }
            }
            Object p = tags.get(FocusMapping.TAG_PRODUCT);
            if (p != null) {
                override = FocusMapping.productTag(p.toString());
                if (override == null) {
                    error(line, "Tags", FocusMapping.TAG_PRODUCT + " must be one of "
                            + Arrays.toString(Product.values()) + " (was " + quoted(p.toString()) + ")");
                }
            }
        }
        if (errorCount() > before) {
            counts.invalid++;
            return null;
        }
        if (charge == FocusMapping.Charge.TAX) {
            counts.tax++;
            return null;
        }
        if (cost.signum() == 0 && (tokens == null || tokens.signum() == 0)) {
            counts.zeroCost++;
            return null;
        }
        if (voucher != null && charge != FocusMapping.Charge.CREDIT) {
            error(line, "Tags", FocusMapping.TAG_VOUCHER + " is named on a " + categoryText
                    + " row; only Credit rows are paid with a voucher");
            counts.invalid++;
            return null;
        }
        LocalDate bookedOn = correction ? periodStart.atOffset(ZoneOffset.UTC).toLocalDate() : bookingDay(chargeStart);
        if (bookedOn.isAfter(latestBookingDay)) {
            error(line, correction ? "BillingPeriodStart" : "ChargePeriodStart", "books on " + bookedOn
                    + ", a day in the future");
            counts.invalid++;
            return null;
        }
        if (correction) {
            counts.corrections++;
        }
        if (charge == FocusMapping.Charge.CREDIT) {
            counts.credits++;
        }
        Product product = override != null ? override : FocusMapping.product(category, tokens != null);
        return new FocusRow(line, account, periodStart, bookedOn, charge, correction, cost, product,
                product == Product.MAAS_TOKENS ? (tokens == null ? BigDecimal.ZERO : tokens) : null, kind, unit, voucher);
    }

    /** Tokens of the row's consumed quantity, else its pricing quantity, when that quantity is in a token unit. */
    private BigDecimal tokens(long line, CSVRecord r) {
        for (String[] pair : new String[][] {{"ConsumedQuantity", "ConsumedUnit"}, {"PricingQuantity", "PricingUnit"}}) {
            String unit = value(r, pair[1]);
            BigDecimal per;
            try {
                per = unit == null ? null : tokenUnits.size() < 256 ? tokenUnits.computeIfAbsent(unit,
                        u -> Optional.ofNullable(FocusMapping.tokensPerUnit(u))).orElse(null)
                        : FocusMapping.tokensPerUnit(unit);
            } catch (IllegalArgumentException e) {
                error(line, pair[1], e.getMessage());
                return null;
            }
            if (per != null) {
                BigDecimal quantity = decimal(line, r, pair[0], false);
                return quantity == null ? BigDecimal.ZERO : quantity.multiply(per);
            }
        }
        return null;
    }

    private Map<String, Object> tags(long line, CSVRecord r) {
        String text = value(r, "Tags");
        // Most rows carry tags the mapping does not read: only a Tags value that names one of its keys is parsed.
        if (text == null || !(text.contains(FocusMapping.TAG_CUSTOMER_KIND) || text.contains(FocusMapping.TAG_BUSINESS_UNIT)
                || text.contains(FocusMapping.TAG_VOUCHER) || text.contains(FocusMapping.TAG_PRODUCT))) {
            return null;
        }
        try {
            return tagsParser.apply(text);
        } catch (RuntimeException e) {
            error(line, "Tags", "must be a JSON object of tag keys and values (FOCUS KeyValueFormat)");
            return null;
        }
    }

    private Instant instant(long line, CSVRecord r, String column) {
        String text = value(r, column);
        if (text == null) {
            error(line, column, "is empty; FOCUS requires it on every row");
            return null;
        }
        // An export repeats its hours on every row of the hour: each distinct text is parsed once (a bounded cache).
        Instant known = instants.get(text);
        if (known != null) {
            return known;
        }
        Instant parsed = parseInstant(line, column, text);
        if (parsed != null) {
            if (instants.size() >= INSTANT_CACHE) {
                instants.clear();
            }
            instants.put(text, parsed);
        }
        return parsed;
    }

    /** The reporting-zone day of a charge's start; one LocalDate per distinct start (a bounded cache), kept by every sum of that day. */
    private LocalDate bookingDay(Instant chargeStart) {
        LocalDate day = days.get(chargeStart);
        if (day == null) {
            day = chargeStart.atZone(zone).toLocalDate();
            if (days.size() >= INSTANT_CACHE) {
                days.clear();
            }
            days.put(chargeStart, day);
        }
        return day;
    }

    private Instant parseInstant(long line, String column, String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        try {
            if (iso.length() == 10) {
                return LocalDate.parse(iso).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (!hasOffset(iso)) {
                iso = iso + "Z"; // FOCUS date-times are UTC
            }
            return OffsetDateTime.parse(iso, UTC_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            error(line, column, "is not a date-time (was " + quoted(text) + "); FOCUS writes UTC as 2024-10-01T00:00:00Z");
            return null;
        }
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        return iso.endsWith("Z") || iso.endsWith("z") || (t > 0 && (iso.indexOf('+', t) > 0 || iso.indexOf('-', t) > 0));
    }

    private BigDecimal decimal(long line, CSVRecord r, String column, boolean required) {
        String text = value(r, column);
        if (text == null) {
            if (required) {
                error(line, column, "is empty; FOCUS requires a number on every row");
            }
            return null;
        }
        String tooLarge = NumberText.problem(text);
        if (tooLarge != null) {
            error(line, column, tooLarge);
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            error(line, column, "is not a number (was " + quoted(text) + ")");
            return null;
        }
    }

    /** Every cell is text the ledger may store ({@link StoredText}), whichever column it is in. */
    private void textRule(long line, CSVRecord r) {
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            String problem = StoredText.problem(r.get(column.getValue()));
            if (problem != null) {
                error(line, column.getKey(), problem);
            }
        }
    }

    private String value(CSVRecord r, String column) {
        Integer i = columns.get(column);
        if (i == null) {
            return null;
        }
        String v = r.get(i);
        if (v == null) {
            return null;
        }
        String s = v.strip();
        return s.isEmpty() ? null : s;
    }

    private void error(long line, String column, String message) {
        if (errors.size() < MAX_ERRORS) {
            errors.add(new LineError(line, column, message));
        }
        overflow++;
    }

    private int errorCount() {
        return (int) Math.min(Integer.MAX_VALUE, overflow);
    }

    private FileRejectedException reject(String detail, List<LineError> errs) {
        return new FileRejectedException(detail, errs, overflow > errs.size());
    }

    /** The bound a field or a row passed (the reader under the parser stops there), in the file's terms. */
    private PayloadTooLargeException tooLarge(CsvLimitExceededException bound) {
        String where = bound.record() == 0 ? "The header (line 1)" : "The row on line " + bound.line();
        String column = columnName(bound.field());
        String detail = switch (bound.bound()) {
            case FIELD_LENGTH -> where + ", column " + (bound.record() == 0 ? "number " + (bound.field() + 1) : column)
                    + ": the field is longer than the " + bound.limit() + " characters one import takes in a field "
                    + "(BILLING_IMPORT_MAX_FIELD_LENGTH)";
            case RECORD_LENGTH -> where + " is longer than the " + bound.limit()
                    + " characters one import takes in a row (BILLING_IMPORT_MAX_ROW_LENGTH)";
            case FIELDS -> where + (bound.record() == 0 ? " names more than " + bound.limit() + " columns"
                    : " has more than " + bound.limit() + " fields") + ", the most one import takes "
                    + "(BILLING_IMPORT_MAX_COLUMNS)";
        };
        return new PayloadTooLargeException(detail + ". FOCUS fields are short (Tags a few KB); nothing was stored.");
    }

    private String columnName(int index) {
        if (columns != null) {
            for (Map.Entry<String, Integer> c : columns.entrySet()) {
                if (c.getValue() == index) {
                    return c.getKey();
                }
            }
        }
        return "number " + (index + 1);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }
}
