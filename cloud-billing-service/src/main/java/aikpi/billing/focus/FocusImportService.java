package aikpi.billing.focus;

import aikpi.billing.fx.FxRateService;
import aikpi.billing.fx.RateTable;
import aikpi.platform.csv.BoundedCsvReader;
import aikpi.platform.problem.LineError;
import java.time.LocalDate;
import java.util.ArrayList;
import aikpi.platform.ingest.IngestCounters;
import aikpi.platform.problem.FileRejectedException;
import aikpi.platform.problem.PayloadTooLargeException;
import aikpi.vocabulary.Sha256;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.convert.format.ReadableBytes;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

/**
 * Imports a FOCUS cost-and-usage file into the ledger: the body is read as a stream, row by row
 * ({@link FocusReader}), summed into ledger lines as it goes ({@link LineAggregator}) and digested (SHA-256), then
 * stored in one transaction ({@link FocusImportStore}): all of the file or nothing.
 */
@Singleton
public class FocusImportService {

    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final Argument<Map<String, Object>> TAGS = Argument.mapOf(String.class, Object.class);

    private final FocusImportStore store;
    private final Clock clock;
    private final ReportingZone zone;
    private final JsonMapper json;
    private final long maxBytes;
    private final int maxLines;
    private final BoundedCsvReader.Limits csvLimits;
    private final IngestCounters counters;
    private final BillingClose close;
    private final FxRateService fx;

    public FocusImportService(FocusImportStore store, Clock clock, ReportingZone zone, JsonMapper json,
                              MeterRegistry registry, BillingClose close, FxRateService fx,
                              @Value("${kpi.ledger.import.max-size:512MB}") @ReadableBytes long maxBytes,
                              @Value("${kpi.ledger.import.max-lines:500000}") int maxLines,
                              @Value("${kpi.ledger.import.max-field-length:65536}") int maxFieldLength,
                              @Value("${kpi.ledger.import.max-row-length:1048576}") int maxRowLength,
                              @Value("${kpi.ledger.import.max-columns:1000}") int maxColumns) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.json = json;
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
        this.csvLimits = new BoundedCsvReader.Limits(maxFieldLength, maxRowLength, maxColumns);
        this.counters = new IngestCounters(registry, "ledger-import-rows");
        this.close = close;
        this.fx = fx;
    }

    /**
     * @param encoding the body's {@code Content-Encoding}: none (or {@code identity}) or {@code gzip}. The server does
     *                 not undo encodings itself (billing sets {@code request-decompression-enabled: false}): a gzip
     *                 stream is read here, where a stream cut short is an error and not a shorter file.
     */
    public ImportRecord importFile(InputStream body, String encoding, String sentBy) {
        Instant receivedAt = clock.instant();
        String importId = "imp-" + ID_TIME.format(receivedAt) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        MessageDigest sha256 = Sha256.digest();
        Limited limited = new Limited(decoded(body, encoding), maxBytes);
        FocusReader reader = new FocusReader(csvLimits, zone.zoneId(), zone.today(clock).plusDays(1), this::tags);
        LineAggregator lines = new LineAggregator(importId, maxLines, store::known,
                start -> close.isFinal(BillingClose.month(start), receivedAt), close.openPeriodStart(receivedAt));
        try {
            reader.read(new DigestInputStream(limited, sha256), lines::add);
        } catch (FileRejectedException | PayloadTooLargeException e) {
            counters.rejected(reader.counts().rows);
            throw e;
        }
        lines.useRates(rates(lines.currencyDays(), reader.counts()));
        lines.finish();
        FocusImportStore.Plan plan = new FocusImportStore.Plan(importId, HexFormat.of().formatHex(sha256.digest()),
                limited.count, reader.counts(), lines, sentBy, receivedAt);
        ImportRecord stored;
        try {
            stored = store.store(plan);
        } catch (RestatementRefusedException e) {
            counters.rejected(plan.counts().rows);
            throw e;
        }
        if (stored.unchanged()) {
            counters.duplicates(plan.counts().rows);
        } else {
            counters.accepted(plan.counts().rows);
        }
        return stored;
    }

    /**
     * The rates in force for the file's lines in other currencies than CNY; a booking day without one refuses the
     * file, naming the first row of each such currency and day.
     */
    private RateTable rates(Map<String, Map<LocalDate, Long>> needed, FocusReader.Counts counts) {
        if (needed.isEmpty()) {
            return null;
        }
        LocalDate from = needed.values().stream().flatMap(d -> d.keySet().stream()).min(LocalDate::compareTo).orElseThrow();
        LocalDate to = needed.values().stream().flatMap(d -> d.keySet().stream()).max(LocalDate::compareTo).orElseThrow();
        RateTable table = fx.table(needed.keySet(), from, to);
        List<LineError> missing = new ArrayList<>();
        needed.forEach((currency, days) -> days.forEach((day, line) -> {
            if (table.inForce(currency, day).isEmpty()) {
                missing.add(new LineError(line, "BillingCurrency", table.missing(currency, day)));
            }
        }));
        if (!missing.isEmpty()) {
            missing.sort(java.util.Comparator.comparingLong(LineError::line));
            counters.rejected(counts.rows);
            throw new FileRejectedException(missing.size() + " booking day" + (missing.size() > 1 ? "s" : "")
                    + " of the file have no exchange rate in force, the first on line " + missing.get(0).line() + ": "
                    + missing.get(0).message() + ". Nothing was stored.", missing.subList(0, Math.min(100, missing.size())),
                    missing.size() > 100);
        }
        return table;
    }

    private static InputStream decoded(InputStream body, String encoding) {
        if (encoding == null || encoding.isBlank() || encoding.strip().equalsIgnoreCase("identity")) {
            return body;
        }
        if (!encoding.strip().equalsIgnoreCase("gzip")) {
            throw new HttpStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding '" + encoding
                    + "' is not taken: send the file as it is, or gzip-compressed (Content-Encoding: gzip).");
        }
        try {
            return new GZIPInputStream(body, 1 << 16);
        } catch (IOException e) {
            throw new FileRejectedException("The body is sent with Content-Encoding: gzip but is not a gzip stream ("
                    + e.getMessage() + "). Nothing was stored.", List.of(), false);
        }
    }

    private Map<String, Object> tags(String text) {
        try {
            return json.readValue(text, TAGS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }


    /** Counts the body's bytes and refuses (413) a body larger than the import limit, however it is sent. */
    private static final class Limited extends FilterInputStream {
        private final long max;
        long count;

        Limited(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        private void counted(int n) {
            count += n;
            if (count > max) {
                throw new PayloadTooLargeException("The file is larger than the " + max + " bytes one import takes "
                        + "(BILLING_IMPORT_MAX_SIZE); split it by billing account or period. Nothing was stored.");
            }
        }
    }
}
