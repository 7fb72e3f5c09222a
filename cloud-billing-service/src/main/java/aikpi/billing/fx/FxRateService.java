package aikpi.billing.fx;

import aikpi.platform.paging.Page;
import aikpi.platform.paging.PageRequest;
import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.LineError;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Exchange rates to CNY: one day's rate or a CSV of many (all of it or nothing), each change a new version; and the
 * table of rates in force that converts ledger lines ({@link RateTable}), with the oldest rate a day may borrow
 * ({@code BILLING_FX_MAX_AGE}).
 */
@Singleton
public class FxRateService {

    static final List<String> CSV_COLUMNS = List.of("date", "currency", "cnyPerUnit", "source");
    private static final int MAX_ERRORS = 100;

    private final FxRateStore store;
    private final Clock clock;
    private final ReportingZone zone;
    private final long maxAgeDays;

    public FxRateService(FxRateStore store, Clock clock, ReportingZone zone,
                         @Value("${kpi.billing.fx.max-age:7d}") Duration maxAge) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.maxAgeDays = maxAge.toDays();
    }

    public FxRateStore.Written put(String currency, String day, FxRateRequest request, String by) {
        BigDecimal rate = request == null ? null : request.cnyPerUnit();
        String source = request == null ? null : request.source();
        FxRateRules.require(FxRateRules.check(currency, day, rate, source, zone.today(clock)));
        return store.write(List.of(new FxRate(currency.strip(), LocalDate.parse(day.strip()), 0, rate,
                source.strip(), by, clock.instant()))).get(0);
    }

    /** The answer to a CSV of rates: how many rows, how many new versions, how many equal to the rate in force. */
    @io.micronaut.serde.annotation.Serdeable
    public record Imported(int rows, int created, int unchanged) {
    }

    public Imported importCsv(String body, String by) {
        LocalDate today = zone.today(clock);
        Instant at = clock.instant();
        List<FxRate> rates = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        long found = 0;
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(body == null ? "" : body))
                .setFormat(CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(true)
                        .setIgnoreEmptyLines(true).get()).get()) {
            List<String> missing = CSV_COLUMNS.stream().filter(col -> !p.getHeaderMap().containsKey(col)).toList();
            if (!missing.isEmpty()) {
                throw new FileRejectedException("Line 1 (the header) lacks the column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + "; a rates file has the columns " + String.join(",", CSV_COLUMNS)
                        + ". Nothing was stored.", List.of(new LineError(1, String.join(",", missing), "is missing")), false);
            }
            Set<String> seen = new HashSet<>();
            for (CSVRecord r : p) {
                long line = p.getCurrentLineNumber();
                List<String> problems;
                if (r.size() < p.getHeaderMap().size()) {
                    problems = List.of("has " + r.size() + " fields; the header has " + p.getHeaderMap().size());
                } else {
                    String rateText = r.get("cnyPerUnit");
                    problems = new ArrayList<>(FxRateRules.check(r.get("currency"), r.get("date"), decimal(rateText),
                            r.get("source"), today));
                    if (rateText != null && !rateText.isBlank() && decimal(rateText) == null) {
                        problems.replaceAll(m -> m.equals("cnyPerUnit is missing")
                                ? "cnyPerUnit is not a number (was '" + rateText + "')" : m);
                    }
                }
                if (problems.isEmpty() && !seen.add(r.get("currency").strip() + "|" + r.get("date").strip())) {
                    problems = List.of("the rate of " + r.get("currency").strip() + " on " + r.get("date").strip()
                            + " is given twice in the file");
                }
                if (!problems.isEmpty()) {
                    found += problems.size();
                    for (String problem : problems) {
                        if (errors.size() < MAX_ERRORS) {
                            errors.add(new LineError(line, null, problem));
                        }
                    }
                    continue;
                }
                rates.add(new FxRate(r.get("currency").strip(), LocalDate.parse(r.get("date").strip()), 0,
                        decimal(r.get("cnyPerUnit")), r.get("source").strip(), by, at));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRejectedException f) {
                throw f;
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw new FileRejectedException("The rates file is not a CSV file that can be read (" + e.getMessage()
                    + "). Nothing was stored.", List.of(), false);
        }
        if (!errors.isEmpty()) {
            throw new FileRejectedException(found + " problem" + (found > 1 ? "s" : "") + " in the rates file, the first on line "
                    + errors.get(0).line() + ": " + errors.get(0).message() + ". Nothing was stored.", errors, found > MAX_ERRORS);
        }
        if (rates.isEmpty()) {
            throw new InvalidRequestException("The rates file has no rows; nothing was stored.");
        }
        List<FxRateStore.Written> written = store.write(rates);
        int created = (int) written.stream().filter(FxRateStore.Written::created).count();
        return new Imported(rates.size(), created, rates.size() - created);
    }

    public Page<FxRate> list(String currency, String from, String to, PageRequest page) {
        List<String> problems = new ArrayList<>();
        String code = currency == null || currency.isBlank() ? null : FxRateRules.currency(currency, problems);
        LocalDate first = from == null || from.isBlank() ? LocalDate.of(1990, 1, 1) : FxRateRules.day(from, problems);
        LocalDate last = to == null || to.isBlank() ? LocalDate.of(9999, 12, 31) : FxRateRules.day(to, problems);
        if (problems.isEmpty() && first.isAfter(last)) {
            problems.add("from " + first + " is after to " + last);
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(String.join("; ", problems) + ".");
        }
        return store.list(code, first, last, page);
    }

    /** The rates in force for lines of {@code currencies} booked from {@code from} to {@code to}. */
    public RateTable table(Collection<String> currencies, LocalDate from, LocalDate to) {
        return store.table(currencies, from, to, maxAgeDays);
    }

    public long maxAgeDays() {
        return maxAgeDays;
    }

    private static BigDecimal decimal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
