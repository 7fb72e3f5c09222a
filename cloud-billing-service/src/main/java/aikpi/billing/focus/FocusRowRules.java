package aikpi.billing.focus;

import aikpi.billing.ledger.CustomerKind;
import aikpi.billing.ledger.Product;
import aikpi.vocabulary.NumberText;
import aikpi.vocabulary.Slug;
import aikpi.vocabulary.StoredText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.commons.csv.CSVRecord;

/**
 * The row rules of a FOCUS file, in three steps: each cell read in ledger terms, the tags the mapping reads, then the
 * rows the ledger skips (tax, zero cost) or refuses (a voucher on a row that is not a credit, a booking day in the
 * future). What real exports write and the specification does not is read as they mean it: {@code NULL} or an empty
 * field is a null, a date-time without a zone ({@code 2024-09-18 22:00:00}) is UTC, as the specification's are, and
 * minutes without seconds are read too. Bad cells go to {@link LineErrors} by line and column.
 */
final class FocusRowRules {

    private static final DateTimeFormatter UTC_DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    private static final int INSTANT_CACHE = 8_192;
    private static final String[][] QUANTITY_UNITS = {{"ConsumedQuantity", "ConsumedUnit"},
            {"PricingQuantity", "PricingUnit"}};

    /** A row's cells in ledger terms; a field is null where its cell was bad (an error is recorded then). */
    private record Cells(String account, Instant periodStart, Instant chargeStart, String categoryText,
                         FocusMapping.Charge charge, boolean correction, BigDecimal cost, String category,
                         BigDecimal tokens, String currency, String pricingCurrency, BigDecimal pricingCost) {
    }

    /** What the row's tags say, each null when not named. */
    private record TagValues(CustomerKind kind, String businessUnit, String voucher, Product product, String model) {
        static final TagValues NONE = new TagValues(null, null, null, null, null);
    }

    private final Map<String, Integer> columns;
    private final ZoneId zone;
    private final LocalDate latestBookingDay;
    private final Function<String, Map<String, Object>> tagsParser;
    private final LineErrors errors;
    private final FocusReader.Counts counts;
    private final Map<String, Instant> instants = new HashMap<>();
    private final Map<Instant, LocalDate> days = new HashMap<>();
    /** Tokens per unit of the first 256 unit texts seen (a file names a handful of units). */
    private final Map<String, Optional<BigDecimal>> tokenUnits = new HashMap<>();

    /**
     * @param columns          the header's columns by name, in the file's order
     * @param zone             the reporting zone days are cut in
     * @param latestBookingDay the last booking day accepted (today, plus a day of slack)
     * @param tagsParser       reads a {@code Tags} value (a JSON object)
     */
    FocusRowRules(Map<String, Integer> columns, ZoneId zone, LocalDate latestBookingDay,
                  Function<String, Map<String, Object>> tagsParser, LineErrors errors, FocusReader.Counts counts) {
        this.columns = columns;
        this.zone = zone;
        this.latestBookingDay = latestBookingDay;
        this.tagsParser = tagsParser;
        this.errors = errors;
        this.counts = counts;
    }

    /** The row in ledger terms, or null when it is skipped (tax, zero cost) or invalid (its errors are recorded). */
    FocusRow row(long line, CSVRecord r) {
        long before = errors.found();
        Cells cells = cells(line, r);
        TagValues tags = tagValues(line, tags(line, r));
        if (errors.found() > before) {
            counts.invalid++;
            return null;
        }
        return booked(line, cells, tags);
    }

    /** Every cell checked, in the order the errors are listed: the text rule first, then the mapped columns. */
    private Cells cells(long line, CSVRecord r) {
        textRule(line, r);
        String account = value(r, "BillingAccountId");
        if (account == null) {
            errors.add(line, "BillingAccountId", "is empty; every FOCUS row names its billing account");
        } else if (account.length() > 512) {
            errors.add(line, "BillingAccountId", "is longer than 512 characters");
        }
        Instant periodStart = instant(line, r, "BillingPeriodStart");
        Instant chargeStart = instant(line, r, "ChargePeriodStart");
        String categoryText = value(r, "ChargeCategory");
        FocusMapping.Charge charge = categoryText == null ? null : FocusMapping.CHARGE_CATEGORIES.get(categoryText);
        if (charge == null) {
            errors.add(line, "ChargeCategory", "must be one of " + FocusMapping.names(FocusMapping.CHARGE_CATEGORIES)
                    + " (was " + quoted(categoryText) + ")");
        }
        String chargeClass = value(r, "ChargeClass");
        boolean correction = FocusMapping.CORRECTION.equals(chargeClass);
        if (chargeClass != null && !correction) {
            errors.add(line, "ChargeClass", "must be Correction or null (was " + quoted(chargeClass) + ")");
        }
        BigDecimal cost = decimal(line, r, "BilledCost", true);
        String currency = value(r, "BillingCurrency");
        if (currency == null || !currency.matches("[A-Z]{3}") || !isoCurrency(currency)) {
            errors.add(line, "BillingCurrency", "is " + quoted(currency) + "; FOCUS bills in an ISO 4217 currency "
                    + "such as CNY or USD");
        }
        // FOCUS 1.2: what the charge was priced in (a national or a virtual currency such as credits) and its cost in it.
        String pricingCurrency = value(r, "PricingCurrency");
        if (pricingCurrency != null && pricingCurrency.length() > 32) {
            errors.add(line, "PricingCurrency", "is longer than 32 characters");
        }
        BigDecimal pricingCost = decimal(line, r, "PricingCurrencyEffectiveCost", false);
        decimal(line, r, "PricingCurrencyContractedUnitPrice", false);
        decimal(line, r, "PricingCurrencyListUnitPrice", false);
        String category = value(r, "ServiceCategory");
        if (category == null || !FocusMapping.CATEGORIES.containsKey(category)) {
            errors.add(line, "ServiceCategory", "must be one of the FOCUS service categories ("
                    + FocusMapping.names(FocusMapping.CATEGORIES) + "), was " + quoted(category));
        }
        BigDecimal tokens = tokens(line, r);
        return new Cells(account, periodStart, chargeStart, categoryText, charge, correction, cost, category, tokens,
                currency, pricingCurrency, pricingCost);
    }

    /** The tag keys the mapping reads: customer kind, business unit, voucher and product. */
    private TagValues tagValues(long line, Map<String, Object> tags) {
        if (tags == null) {
            return TagValues.NONE;
        }
        CustomerKind kind = null;
        String unit = null;
        String voucher = null;
        Product product = null;
        Object k = tags.get(FocusMapping.TAG_CUSTOMER_KIND);
        if (k != null) {
            kind = FocusMapping.customerKind(k.toString());
            if (kind == null) {
                errors.add(line, "Tags", FocusMapping.TAG_CUSTOMER_KIND + " must be EXTERNAL, INTERNAL or INVESTEE (was "
                        + quoted(k.toString()) + ")");
            }
        }
        Object u = tags.get(FocusMapping.TAG_BUSINESS_UNIT);
        if (u != null) {
            unit = u.toString().strip();
            if (!Slug.isValid(unit)) {
                errors.add(line, "Tags", FocusMapping.TAG_BUSINESS_UNIT + " must be a business unit id, a lower-case "
                        + "slug such as 'taobao' (was " + quoted(unit) + ")");
            }
        }
        Object v = tags.get(FocusMapping.TAG_VOUCHER);
        if (v != null) {
            voucher = v.toString().strip();
            if (voucher.isEmpty() || voucher.length() > 128) {
                errors.add(line, "Tags", FocusMapping.TAG_VOUCHER + " must be a voucher id of 1 to 128 characters");
            }
        }
        Object p = tags.get(FocusMapping.TAG_PRODUCT);
        if (p != null) {
            product = FocusMapping.productTag(p.toString());
            if (product == null) {
                errors.add(line, "Tags", FocusMapping.TAG_PRODUCT + " must be one of "
                        + Arrays.toString(Product.values()) + " (was " + quoted(p.toString()) + ")");
            }
        }
        String model = null;
        Object m = tags.get(FocusMapping.TAG_MODEL);
        if (m != null) {
            model = m.toString().strip();
            if (!Slug.isValid(model)) {
                errors.add(line, "Tags", FocusMapping.TAG_MODEL + " must be a model id, a lower-case slug such as "
                        + "'qwen-max' (was " + quoted(model) + ")");
            }
        }
        return new TagValues(kind, unit, voucher, product, model);
    }

    /** A valid row's fate: skipped (tax, zero cost), refused (a misplaced voucher, a future day) or booked. */
    private FocusRow booked(long line, Cells c, TagValues tags) {
        if (c.charge() == FocusMapping.Charge.TAX) {
            counts.tax++;
            return null;
        }
        if (c.cost().signum() == 0 && (c.tokens() == null || c.tokens().signum() == 0)) {
            counts.zeroCost++;
            return null;
        }
        if (tags.voucher() != null && c.charge() != FocusMapping.Charge.CREDIT) {
            errors.add(line, "Tags", FocusMapping.TAG_VOUCHER + " is named on a " + c.categoryText()
                    + " row; only Credit rows are paid with a voucher");
            counts.invalid++;
            return null;
        }
        // A correction books on its billing period's first day, any other row on its charge's day.
        LocalDate bookedOn = c.correction() ? c.periodStart().atOffset(ZoneOffset.UTC).toLocalDate()
                : bookingDay(c.chargeStart());
        if (bookedOn.isAfter(latestBookingDay)) {
            errors.add(line, c.correction() ? "BillingPeriodStart" : "ChargePeriodStart", "books on " + bookedOn
                    + ", a day in the future");
            counts.invalid++;
            return null;
        }
        if (c.correction()) {
            counts.corrections++;
        }
        if (c.charge() == FocusMapping.Charge.CREDIT) {
            counts.credits++;
        }
        Product product = tags.product() != null ? tags.product() : FocusMapping.product(c.category(), c.tokens() != null);
        return new FocusRow(line, c.account(), c.periodStart(), bookedOn, c.charge(), c.correction(), c.cost(), product,
                product == Product.MAAS_TOKENS ? (c.tokens() == null ? BigDecimal.ZERO : c.tokens()) : null,
                tags.kind(), tags.businessUnit(), tags.voucher(), c.currency(), c.pricingCurrency(), c.pricingCost(),
                product == Product.MAAS_TOKENS ? tags.model() : null);
    }

    private final Map<String, Boolean> currencies = new HashMap<>();

    private boolean isoCurrency(String code) {
        return currencies.computeIfAbsent(code, x -> {
            try {
                java.util.Currency.getInstance(x);
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        });
    }

    /** Tokens of the row's consumed quantity, else its pricing quantity, when that quantity is in a token unit. */
    private BigDecimal tokens(long line, CSVRecord r) {
        for (String[] pair : QUANTITY_UNITS) {
            String unit = value(r, pair[1]);
            BigDecimal per;
            try {
                per = unit == null ? null : tokenUnits.size() < 256 ? tokenUnits.computeIfAbsent(unit,
                        u -> Optional.ofNullable(FocusMapping.tokensPerUnit(u))).orElse(null)
                        : FocusMapping.tokensPerUnit(unit);
            } catch (IllegalArgumentException e) {
                errors.add(line, pair[1], e.getMessage());
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
                || text.contains(FocusMapping.TAG_VOUCHER) || text.contains(FocusMapping.TAG_PRODUCT)
                || text.contains(FocusMapping.TAG_MODEL))) {
            return null;
        }
        try {
            return tagsParser.apply(text);
        } catch (RuntimeException e) {
            errors.add(line, "Tags", "must be a JSON object of tag keys and values (FOCUS KeyValueFormat)");
            return null;
        }
    }

    private Instant instant(long line, CSVRecord r, String column) {
        String text = value(r, column);
        if (text == null) {
            errors.add(line, column, "is empty; FOCUS requires it on every row");
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

    /** The reporting-zone day of a charge's start; one LocalDate per distinct start (a bounded cache). */
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
            errors.add(line, column, "is not a date-time (was " + quoted(text)
                    + "); FOCUS writes UTC as 2024-10-01T00:00:00Z");
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
                errors.add(line, column, "is empty; FOCUS requires a number on every row");
            }
            return null;
        }
        String tooLarge = NumberText.problem(text);
        if (tooLarge != null) {
            errors.add(line, column, tooLarge);
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            errors.add(line, column, "is not a number (was " + quoted(text) + ")");
            return null;
        }
    }

    /** Every cell is text the ledger may store ({@link StoredText}), whichever column it is in. */
    private void textRule(long line, CSVRecord r) {
        for (Map.Entry<String, Integer> column : columns.entrySet()) {
            String problem = StoredText.problem(r.get(column.getValue()));
            if (problem != null) {
                errors.add(line, column.getKey(), problem);
            }
        }
    }

    /**
     * The cell of {@code column} stripped, or null when the file has no such column, or the cell is empty or
     * {@code NULL}. Stripped here rather than by the parser: its trim would also drop the control characters the text
     * rule refuses at a cell's ends, and its surrounding-space option would keep a quoted cell's padding.
     */
    private String value(CSVRecord r, String column) {
        Integer i = columns.get(column);
        if (i == null) {
            return null;
        }
        String v = r.get(i);
        if (v == null || v.equals(FocusReader.NULL)) {
            return null;
        }
        String s = v.strip();
        return s.isEmpty() ? null : s;
    }

    private static String quoted(String s) {
        return s == null ? "null" : "'" + (s.length() > 80 ? s.substring(0, 80) + "..." : s) + "'";
    }
}
