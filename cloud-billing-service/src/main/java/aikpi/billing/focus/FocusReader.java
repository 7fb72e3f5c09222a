package aikpi.billing.focus;

import aikpi.billing.ledger.CustomerKind;
import aikpi.platform.csv.BoundedCsvReader;
import aikpi.platform.csv.CsvLimitExceededException;
import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.LineError;
import aikpi.platform.problem.PayloadTooLargeException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.apache.commons.io.input.BOMInputStream;

/**
 * Reads a FOCUS CSV file row by row and hands every row that is revenue or credit to a consumer; the file is never
 * held in memory. UTF-8 (a byte-order mark dropped by commons-io), its header taken by commons-csv, each field and row
 * bounded before the parser builds it (kpi-platform's {@link BoundedCsvReader}: a 413). Columns are found by header
 * name; {@link FocusRowRules} holds what a row must be.
 *
 * <p>Every bad row is named by its line in the file and its column, up to {@link #MAX_ERRORS}; the whole file is read
 * either way, so the answer counts every bad row.
 */
public final class FocusReader {

    /** The columns the mapping needs; a file without one of them is refused before any row is read. */
    public static final List<String> REQUIRED = List.of("BillingAccountId", "BillingPeriodStart", "ChargePeriodStart",
            "ChargeCategory", "ChargeClass", "BilledCost", "BillingCurrency", "ServiceCategory");
    public static final int MAX_ERRORS = 100;
    /** What real exports write for a null; read as one by the rules, while a header cell keeps it as a name. */
    static final String NULL = "NULL";

    // Duplicates and blank names allowed here so that the header check below names them in the file's terms.
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
            .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL).get();

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

    private final BoundedCsvReader.Limits limits;
    private final ZoneId zone;
    private final LocalDate latestBookingDay;
    private final Function<String, Map<String, Object>> tagsParser;
    private final LineErrors errors = new LineErrors();
    private final Counts counts = new Counts();
    private Map<String, Integer> columns;

    /**
     * @param limits           the longest field and row, and the most columns, one import takes
     * @param zone             the reporting zone days are cut in
     * @param latestBookingDay the last booking day accepted (today, plus a day of slack)
     * @param tagsParser       reads a {@code Tags} value (a JSON object)
     */
    public FocusReader(BoundedCsvReader.Limits limits, ZoneId zone, LocalDate latestBookingDay,
                       Function<String, Map<String, Object>> tagsParser) {
        this.limits = limits;
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
     * @throws FileRejectedException    when the file is not UTF-8 CSV, lacks a required column, or has bad rows
     * @throws PayloadTooLargeException when a field or a row is longer, or a row has more fields, than the limits
     */
    public void read(InputStream in, RowSink rows) {
        var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // The reader is closed on its own: the parser reads the header as it is built, and a file refused there must
        // still close the body (the server stops receiving it).
        try (Reader text = new BoundedCsvReader(new BufferedReader(new InputStreamReader(
                BOMInputStream.builder().setInputStream(in).get(), utf8), 1 << 16), limits);
             CSVParser parser = CSVParser.builder().setFormat(FORMAT).setReader(text).get()) {
            header(parser.getHeaderNames());
            FocusRowRules rules = new FocusRowRules(columns, zone, latestBookingDay, tagsParser, errors, counts);
            long next = parser.getCurrentLineNumber() + 1;
            for (CSVRecord record : parser) {
                long line = next;
                next = parser.getCurrentLineNumber() + 1;
                counts.rows++;
                if (record.size() != columns.size()) {
                    errors.add(line, null, "has " + record.size() + " fields; the header has " + columns.size());
                    counts.invalid++;
                    continue;
                }
                FocusRow row = rules.row(line, record);
                if (row != null) {
                    LineError wrong = rows.accept(row, counts.invalid == 0);
                    if (wrong != null) {
                        errors.add(wrong.line(), wrong.column(), wrong.message());
                        counts.invalid++;
                    }
                }
            }
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            if (cause instanceof CsvLimitExceededException bound) {
                throw tooLarge(bound);
            }
            throw errors.reject(cause instanceof CharacterCodingException
                    ? "The file is not UTF-8 text (after " + counts.rows + " rows); FOCUS files are UTF-8. Nothing was stored."
                    : "The file could not be read to its end after " + counts.rows + " rows: " + cause.getMessage()
                    + ". A compressed body must be a complete gzip stream, and a quoted CSV field must be closed; "
                    + "nothing was stored.", errors.listed());
        }
        if (counts.rows == 0) {
            throw errors.reject("The file has a header but no rows: there is nothing to import.", List.of());
        }
        if (counts.invalid > 0) {
            LineError first = errors.listed().get(0);
            throw errors.reject(counts.invalid + (counts.invalid == 1 ? " row" : " rows") + " of the file "
                    + (counts.invalid == 1 ? "is" : "are") + " invalid; nothing of the file was stored. First: line "
                    + first.line() + (first.column() == null ? "" : " " + first.column()) + ": " + first.message(),
                    errors.listed());
        }
    }

    /** The columns by name, in the file's order (as its cells are checked), and the FOCUS version they suggest. */
    private void header(List<String> names) {
        if (names.isEmpty()) {
            throw errors.reject("The file is empty: a FOCUS file starts with a header line naming its columns.",
                    List.of());
        }
        columns = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i).strip();
            if (columns.putIfAbsent(name, i) != null) {
                throw errors.reject("The header names the column " + name + " twice.", List.of(new LineError(1, name,
                        "appears more than once in the header")));
            }
        }
        Set<String> missing = new LinkedHashSet<>(REQUIRED);
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty()) {
            throw errors.reject("The file lacks the FOCUS columns the ledger mapping needs: "
                    + String.join(", ", missing) + ". The header (line 1) must name at least "
                    + String.join(", ", REQUIRED) + ".", missing.stream()
                    .map(c -> new LineError(1, c, "required FOCUS column missing from the header")).toList());
        }
        if (columns.containsKey("InvoiceId") || columns.containsKey("BillingAccountType")) {
            counts.focusVersion = "1.2";
        } else if (columns.containsKey("ServiceSubcategory") || columns.containsKey("SkuPriceDetails")) {
            counts.focusVersion = "1.1";
        }
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
}
