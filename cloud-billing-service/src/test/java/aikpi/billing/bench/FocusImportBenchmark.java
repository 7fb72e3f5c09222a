package aikpi.billing.bench;

import aikpi.testing.ShippedRun;
import aikpi.testing.launch.ServiceLauncher;
import aikpi.testing.launch.ServiceProcess;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Benchmark (not a test): FOCUS imports of a synthetic 1,000,000-row file into cloud-billing-service as it ships,
 * side by side with a plain JDBC batch insert into the same database, and the service's memory during the import.
 *
 * <p>The service runs as its own process, started by {@code bin/start-service.sh} (the launcher's JVM flags, the
 * shipped default datasource URL in a fresh working directory, the development environment as run-suite.sh runs it;
 * only the port differs). Each round generates a file of the synthetic shape below for a month of its own (so no
 * round restates another), signs in as {@code billing-writer} and streams the file to
 * {@code POST /api/v1/ledger/imports} from this process over loopback HTTP ({@code BodyPublishers.ofFile}), while
 * the service's {@code VmRSS} is read every 20 ms. After the rounds the service is stopped and, on the same database
 * file with the shipped URL, plain JDBC inserts ledger lines in batches of 1,000 in one transaction, as the import
 * does: (a) one ledger line per FOCUS row, as many rows as the file holds (what writing the file's rows costs
 * without any parsing or summing: the ratio's baseline), and (b) as many lines as one import wrote.
 *
 * <p>The file's shape (synthetic): {@code accounts} billing accounts, each with hourly rows for every day of the month
 * in three service categories (AI and Machine Learning in {@code 1M Tokens}, AI and Machine Learning GPU hours,
 * Compute), costs with six decimals, plus one Credit and one Tax row per account. So an import sums about 24 rows
 * into each ledger line, as real hourly exports do.
 *
 * <p>The import's memory grows with the ledger lines a file sums to, not with its rows; so after the rounds a
 * line-limit round imports, into a service of its own freshly started on an empty database, a daily export of
 * {@code bench.limitAccounts} accounts (5,300: 477,000 rows, each a line of its own, near the 500,000 lines one import
 * takes; 0 skips it), and its RSS growth counts against the same target.
 *
 * <pre>
 * mvn -B -q -pl cloud-billing-service -am package -DskipTests
 * mvn -B -q -pl cloud-billing-service test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=aikpi.billing.bench.FocusImportBenchmark [-Dbench.rows=1000000] [-Dbench.rounds=3] [-Dbench.short=true]
 *     [-Dbench.baseline=false: the imports and their memory only, without the JDBC baseline] [-Dbench.limitAccounts=5300]
 * </pre>
 * Targets: import rows/s at least 0.5 x the JDBC baseline's (a); peak RSS during an import less than 150 MB above
 * the RSS before it.
 */
public final class FocusImportBenchmark {

    private static final java.time.format.DateTimeFormatter UTC =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static final String SYNTHETIC = "synthetic benchmark row";
    /** A stop waits for the service to close its database (a large one takes a while) before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofMinutes(10);
    private static final Pattern NUMBER = Pattern.compile("\"(rows|lines)\"\\s*:\\s*(\\d+)");
    private static final String[] HEADER = {"BillingAccountId", "BillingAccountName", "BillingCurrency",
            "BillingPeriodStart", "BillingPeriodEnd", "ChargePeriodStart", "ChargePeriodEnd", "ChargeCategory",
            "ChargeClass", "ChargeDescription", "BilledCost", "EffectiveCost", "ListCost", "ConsumedQuantity",
            "ConsumedUnit", "PricingQuantity", "PricingUnit", "ServiceCategory", "ServiceName", "ProviderName",
            "RegionId", "SkuId", "Tags", "x_DataSource"};

    private FocusImportBenchmark() {
    }

    record Round(long rows, long lines, double seconds, long rssBeforeKb, long rssPeakKb) {
        double rowsPerSecond() {
            return rows / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = Boolean.getBoolean("bench.short");
        int rows = Integer.getInteger("bench.rows", shortRun ? 200_000 : 1_000_000);
        int rounds = Integer.getInteger("bench.rounds", shortRun ? 2 : 3);
        int accounts = Math.max(1, rows / (3 * 24 * 30));
        Path root = ServiceLauncher.suiteRoot();
        Path work = Files.createTempDirectory("focus-import-bench");
        ServiceLauncher launcher = launcher(root, work);
        int port = launcher.port();
        ShippedRun shipped = new ShippedRun("cloud-billing-service", "BILLING_DB_URL", work);
        String url = shipped.url();
        System.out.printf("FOCUS import benchmark%s: %d rounds of a synthetic file of about %,d rows (%d accounts x 30 days"
                + " x 24 hours x 3 categories), into cloud-billing-service started by bin/start-service.sh in %s on port"
                + " %d (the shipped default database, %s; the launcher's flags); the JDBC baseline on that database file"
                + " afterwards%n", shortRun ? " (short)" : "", rounds, rows, accounts, work, port, shipped.shippedUrl());

        List<Round> imports = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = launcher.url();
        ServiceProcess service = start(launcher);
        try {
            System.out.println("JVM: " + ProcessHandle.of(service.pid()).flatMap(p -> p.info().arguments())
                    .map(a -> String.join(" ", a)).orElse("?"));
            String token = login(service);
            for (int r = 0; r < rounds; r++) {
                LocalDate month = LocalDate.of(2021, 1 + r, 1);
                Path file = work.resolve("focus-" + month + ".csv");
                long generated = generate(file, month, accounts, r);
                imports.add(importOnce(http, base, token, file, generated, service.pid()));
                Round last = imports.get(imports.size() - 1);
                System.out.printf("  import %d: %,d rows (%,d MB) -> %,d ledger lines in %.2f s = %,.0f rows/s; RSS %d MB"
                        + " before, peak %d MB during (+%d MB)%n", r + 1, last.rows(), Files.size(file) >> 20, last.lines(),
                        last.seconds(), last.rowsPerSecond(), last.rssBeforeKb() >> 10, last.rssPeakKb() >> 10,
                        (last.rssPeakKb() - last.rssBeforeKb()) >> 10);
                Files.delete(file);
            }
        } finally {
            service.stop(STOP_GRACE);
        }

        int limitAccounts = Integer.getInteger("bench.limitAccounts", shortRun ? 1_000 : 5_300);
        if (limitAccounts > 0) {
            imports.add(lineLimitRound(root, http, limitAccounts));
        }
        long peakGrowth = imports.stream().mapToLong(i -> i.rssPeakKb() - i.rssBeforeKb()).max().orElse(0) >> 10;
        if (!Boolean.parseBoolean(System.getProperty("bench.baseline", "true"))) {
            System.out.printf("RESULT FOCUS import over HTTP (no JDBC baseline: bench.baseline=false): median %,.0f rows/s. Peak RSS"
                    + " during an import: at most %d MB above the RSS before it (target < 150 MB: %s)%n",
                    median(imports.subList(0, rounds).stream().map(Round::rowsPerSecond).toList()), peakGrowth,
                    peakGrowth < 150 ? "met" : "MISSED");
            ShippedRun.deleteTree(work);
            return;
        }
        long fileRows = imports.get(0).rows();
        long importLines = imports.get(0).lines();
        List<Double> perRow = new ArrayList<>();
        List<Double> perLine = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            for (int r = 0; r < rounds; r++) {
                perRow.add(jdbcInsert(c, "jdbc-row-" + r + "-", fileRows));
                perLine.add(jdbcInsert(c, "jdbc-line-" + r + "-", importLines));
                System.out.printf("  JDBC %d: %,d lines in %.2f s = %,.0f lines/s; %,d lines in %.2f s%n", r + 1, fileRows,
                        perRow.get(r), fileRows / perRow.get(r), importLines, perLine.get(r));
            }
        }
        double importRate = median(imports.subList(0, rounds).stream().map(Round::rowsPerSecond).toList());
        double jdbcRate = fileRows / median(perRow);
        System.out.printf("RESULT FOCUS import over HTTP: median %,.0f rows/s; plain JDBC batch insert of one ledger line per"
                + " row into the same database: median %,.0f lines/s; ratio %.2f (target >= 0.5: %s). An import writes"
                + " %,d lines for its %,d rows; plain JDBC writes those in %.2f s (median). Peak RSS during an import:"
                + " at most %d MB above the RSS before it (target < 150 MB: %s)%n", importRate, jdbcRate,
                importRate / jdbcRate, importRate / jdbcRate >= 0.5 ? "met" : "MISSED", importLines, fileRows,
                median(perLine), peakGrowth, peakGrowth < 150 ? "met" : "MISSED");
        ShippedRun.deleteTree(work);
    }

    /** The service as it ships, in {@code work} (its default database goes there), on a free port. */
    private static ServiceLauncher launcher(Path root, Path work) throws IOException {
        return ServiceLauncher.of(root, "cloud-billing-service").directory(work).log(work.resolve("service.log"), false);
    }

    /** Starts the service and waits for its /health. */
    private static ServiceProcess start(ServiceLauncher launcher) throws IOException {
        ServiceProcess service = launcher.start();
        service.awaitHealthy(Duration.ofSeconds(180), Duration.ofMillis(200));
        return service;
    }

    /**
     * The memory of an import that sums to nearly as many ledger lines as one import takes (500,000 by default): a
     * daily export of {@code accounts} accounts, one row per account, day and category, so every row is a line of
     * its own. Into a service of its own, freshly started on an empty database, as the first import after its start.
     */
    private static Round lineLimitRound(Path root, HttpClient http, int accounts) throws Exception {
        Path work = Files.createTempDirectory("focus-import-limit");
        ServiceProcess service = start(launcher(root, work));
        try {
            String base = service.url();
            String token = login(service);
            Path file = work.resolve("focus-daily.csv");
            long generated = generateDaily(file, LocalDate.of(2021, 6, 1), accounts);
            Round r = importOnce(http, base, token, file, generated, service.pid());
            System.out.printf("  line-limit import: a daily export of %,d accounts, %,d rows (%,d MB) -> %,d ledger lines in"
                    + " %.2f s = %,.0f rows/s, into a freshly started service; RSS %d MB before, peak %d MB during (+%d MB)%n",
                    accounts, r.rows(), Files.size(file) >> 20, r.lines(), r.seconds(), r.rowsPerSecond(),
                    r.rssBeforeKb() >> 10, r.rssPeakKb() >> 10, (r.rssPeakKb() - r.rssBeforeKb()) >> 10);
            return r;
        } finally {
            service.stop(STOP_GRACE);
            ShippedRun.deleteTree(work);
        }
    }

    /** A daily export (synthetic, labelled so in every row): one row per account, day and category. */
    private static long generateDaily(Path file, LocalDate month, int accounts) throws IOException {
        SplittableRandom random = new SplittableRandom(20261206L);
        String periodStart = UTC.format(month.atStartOfDay().atOffset(ZoneOffset.UTC));
        String periodEnd = UTC.format(month.plusMonths(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        long n = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get())) {
            for (int a = 0; a < accounts; a++) {
                String account = "bench-daily-account-" + a;
                for (int day = 0; day < 30; day++) {
                    OffsetDateTime start = month.plusDays(day).atStartOfDay().atOffset(ZoneOffset.UTC);
                    usageRows(csv, account, periodStart, periodEnd, start, start.plusDays(1), 0.5 + random.nextDouble() * 40,
                            1 + random.nextDouble() * 20, 1 + random.nextDouble() * 70, "24");
                    n += 3;
                }
            }
        }
        return n;
    }

    private static String login(ServiceProcess service) throws Exception {
        return service.signIn("billing-writer", System.getenv().getOrDefault("KPI_DEV_PASSWORD", "kpi-dev"));
    }

    /** Writes the round's file (synthetic, labelled so in every row); answers its number of data rows. */
    private static long generate(Path file, LocalDate month, int accounts, int round) throws IOException {
        SplittableRandom random = new SplittableRandom(20261203L + round);
        String periodStart = UTC.format(month.atStartOfDay().atOffset(ZoneOffset.UTC));
        String periodEnd = UTC.format(month.plusMonths(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        long n = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE);
             CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(HEADER).setRecordSeparator("\n").get())) {
            for (int a = 0; a < accounts; a++) {
                String account = "bench-account-" + a;
                for (int day = 0; day < month.lengthOfMonth() && day < 30; day++) {
                    for (int hour = 0; hour < 24; hour++) {
                        OffsetDateTime start = month.plusDays(day).atTime(hour, 0).atOffset(ZoneOffset.UTC);
                        usageRows(csv, account, periodStart, periodEnd, start, start.plusHours(1),
                                0.01 + random.nextDouble() * 2, random.nextDouble(), random.nextDouble() * 3, "1");
                        n += 3;
                    }
                }
                String last = UTC.format(month.plusDays(27).atStartOfDay().atOffset(ZoneOffset.UTC));
                csv.printRecord(account, account, "CNY", periodStart, periodEnd, last, last, "Credit", null, SYNTHETIC,
                        "-5.000000", "-5.000000", "-5.000000", null, null, null, null, "Compute", "ECS", "Alibaba Cloud",
                        "cn-hangzhou", null, null, SYNTHETIC);
                csv.printRecord(account, account, "CNY", periodStart, periodEnd, last, last, "Tax", null, SYNTHETIC,
                        "3.000000", "3.000000", "3.000000", null, null, null, null, "Other", "VAT", "Alibaba Cloud",
                        "cn-hangzhou", null, null, SYNTHETIC);
                n += 2;
            }
        }
        return n;
    }

    /**
     * An account's three usage rows for one charge period: model tokens ({@code mtok} million, 0.8 a million), GPU
     * hours (12.5 an hour) and compute ({@code ecs} for {@code ecsHours} hours).
     */
    private static void usageRows(CSVPrinter csv, String account, String periodStart, String periodEnd,
                                  OffsetDateTime start, OffsetDateTime end, double mtok, double gpu, double ecs,
                                  String ecsHours) throws IOException {
        String s = UTC.format(start);
        String e = UTC.format(end);
        csv.printRecord(account, account, "CNY", periodStart, periodEnd, s, e, "Usage", null, SYNTHETIC,
                money(mtok * 0.8), money(mtok * 0.8), money(mtok * 0.8), decimal(mtok), "1M Tokens",
                decimal(mtok), "1M Tokens", "AI and Machine Learning", "Model Studio", "Alibaba Cloud",
                "cn-hangzhou", "sku-tokens", null, SYNTHETIC);
        csv.printRecord(account, account, "CNY", periodStart, periodEnd, s, e, "Usage", null, SYNTHETIC,
                money(gpu * 12.5), money(gpu * 12.5), money(gpu * 12.5), decimal(gpu), "Hours",
                decimal(gpu), "Hours", "AI and Machine Learning", "PAI-EAS", "Alibaba Cloud",
                "cn-hangzhou", "sku-gpu", null, SYNTHETIC);
        csv.printRecord(account, account, "CNY", periodStart, periodEnd, s, e, "Usage", null, SYNTHETIC,
                money(ecs), money(ecs), money(ecs), ecsHours, "Hours", ecsHours, "Hours", "Compute", "ECS",
                "Alibaba Cloud", "cn-hangzhou", "sku-ecs", "{\"team\":\"bench\"}", SYNTHETIC);
    }

    private static String money(double v) {
        return BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static String decimal(double v) {
        return BigDecimal.valueOf(v).setScale(9, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static Round importOnce(HttpClient http, String base, String token, Path file, long rows, long pid)
            throws Exception {
        long before = rssKb(pid);
        AtomicLong peak = new AtomicLong(before);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(rssKb(pid), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.start();
        long t0 = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/ledger/imports"))
                .timeout(Duration.ofMinutes(20))
                .header("Content-Type", "text/csv").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        running.set(false);
        sampler.join();
        if (r.statusCode() != 201) {
            throw new IllegalStateException("the import answered " + r.statusCode() + ": "
                    + r.body().substring(0, Math.min(2_000, r.body().length())));
        }
        long answeredRows = -1;
        long lines = -1;
        Matcher m = NUMBER.matcher(r.body());
        while (m.find()) {
            if (m.group(1).equals("rows") && answeredRows < 0) {
                answeredRows = Long.parseLong(m.group(2));
            } else if (m.group(1).equals("lines") && lines < 0) {
                lines = Long.parseLong(m.group(2));
            }
        }
        if (answeredRows != rows) {
            throw new IllegalStateException("the import read " + answeredRows + " rows of " + rows);
        }
        return new Round(rows, lines, seconds, before, peak.get());
    }

    private static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** Inserts {@code count} ledger lines in batches of 1,000, in one transaction; answers the seconds it took. */
    private static double jdbcInsert(Connection c, String prefix, long count) throws SQLException {
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_line (line_id, customer_id, customer_kind,"
                + " business_unit, booked_on, product, amount_cny, funding, voucher_id, tokens, correction_of,"
                + " recorded_at, import_id, import_account, import_period) VALUES (?, ?, 'EXTERNAL', NULL, ?, ?, ?,"
                + " 'CASH', NULL, ?, NULL, ?, 'jdbc-baseline', ?, ?)")) {
            for (long i = 0; i < count; i++) {
                int product = (int) (i % 3);
                ps.setString(1, prefix + i);
                ps.setString(2, "bench-account-" + (i % 500));
                ps.setObject(3, LocalDate.of(2022, 1, 1).plusDays(i % 30));
                ps.setString(4, product == 0 ? "MAAS_TOKENS" : product == 1 ? "AI_COMPUTE" : "IAAS");
                ps.setBigDecimal(5, BigDecimal.valueOf(100 + i % 1000, 2));
                if (product == 0) {
                    ps.setLong(6, 1_000_000L + i);
                } else {
                    ps.setNull(6, java.sql.Types.BIGINT);
                }
                ps.setObject(7, now);
                ps.setString(8, "bench-account-" + (i % 500));
                ps.setObject(9, now);
                ps.addBatch();
                if ((i + 1) % 1_000 == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        c.commit();
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
