package aikpi.billing.bench;

import aikpi.billing.metering.FakeTongyi;
import aikpi.security.Roles;
import aikpi.testing.EventIds;
import aikpi.testing.ShippedRun;
import aikpi.testing.TestTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ledger ingestion and attribution timings on a fresh file database (not a test). Starts the service itself,
 * in-process with its shipped configuration (the shipped default datasource URL of {@code application.yml}, its file
 * moved into a fresh temporary directory; see {@link ShippedRun}, whose report heads the output), with a tongyi
 * stand-in for reconciliation, and drives it over loopback HTTP:
 * <pre>
 * mvn -B -o -q -pl cloud-billing-service test-compile exec:java \
 *     -Dexec.mainClass=aikpi.billing.bench.LedgerIngestBench [-Dbench.batches=10] [-Dbench.batchSize=10000] \
 *     [-Dbench.attributionCalls=20] [-Dbench.short=true: 4 batches, 5 attribution calls]
 * </pre>
 * Each batch holds the maximum of 10,000 lines by default: 10% drawn from vouchers, 10% MaaS token lines,
 * and from the second batch on 1% corrections of the previous batch's lines. Batches alternate between random line
 * ids (UUIDs, as billing systems send: {@link EventIds}), the figure, and sequential ones ({@code b1-0}, {@code b1-1},
 * ...), the second figure beside it, after a first batch that warms the path up and is not counted.
 */
public final class LedgerIngestBench {

    private LedgerIngestBench() {
    }

    public static void main(String[] args) throws IOException {
        boolean shortRun = Boolean.getBoolean("bench.short");
        int batches = Integer.getInteger("bench.batches", shortRun ? 4 : 10);
        int batchSize = Integer.getInteger("bench.batchSize", 10_000);
        int attributionCalls = Integer.getInteger("bench.attributionCalls", shortRun ? 5 : 20);
        Path dir = Files.createTempDirectory("billing-bench");
        System.out.printf("ledger benchmark%s: %d batches of %,d lines after a warm-up batch, %d attribution calls, "
                        + "database in %s%n",
                shortRun ? " (short)" : "", batches, batchSize, attributionCalls, dir);
        ShippedRun shipped = new ShippedRun("cloud-billing-service", "BILLING_DB_URL", dir)
                .differs("micronaut.server.port", "-1 (a free loopback port) instead of 8083, so the run never meets a running suite");
        try (FakeTongyi tongyi = new FakeTongyi().metering(1_000_000_000L);
             ApplicationContext context = ApplicationContext.builder()
                     .defaultEnvironments("dev") // as BillingApplication starts
                     .properties(Map.of(
                             "micronaut.server.port", "-1",
                             "datasources.default.url", shipped.url(),
                             "micronaut.http.services.tongyi-service.url", tongyi.url()))
                     .start();
             EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
             HttpClient client = HttpClient.create(server.getURL())) {
            shipped.differs("micronaut.http.services.tongyi-service.url (TONGYI_URL)", tongyi.url() + ", a local tongyi "
                    + "stand-in answering the metering call at once, instead of a real tongyi-service at http://localhost:8081")
                    .report(context);
            BlockingHttpClient http = client.toBlocking();
            String authorization = context.getBean(TestTokens.class).bearer(Roles.BILLING_WRITER);
            http.exchange(HttpRequest.PUT("/api/v1/group-revenue/2024-Q4", Map.of("groupRevenueCny", 280154000000L,
                    "cloudRevenueCny", 31742000000L, "source", "benchmark")).header("Authorization", authorization));
            http.exchange(HttpRequest.PUT("/api/v1/vouchers/bench-v", Map.of("customerId", "minimax",
                    "customerKind", "INVESTEE", "amountCny", new BigDecimal("99999999999.00"), "issuedOn", "2024-10-01",
                    "expiresOn", "2025-03-31")).header("Authorization", authorization));

            Map<EventIds, List<Long>> ingestMillis = new EnumMap<>(EventIds.class);
            List<Map<String, Object>> previous = List.of();
            // Batch 0 warms the path up (class loading, JIT) and is not counted.
            for (int b = 0; b <= batches; b++) {
                EventIds ids = EventIds.values()[b % EventIds.values().length];
                List<Map<String, Object>> batch = batch(ids, b, batchSize, previous);
                long started = System.nanoTime();
                Map<String, Object> answer = http.retrieve(HttpRequest.POST("/api/v1/ledger/lines", batch).header("Authorization", authorization),
                        Argument.mapOf(String.class, Object.class));
                if (b > 0) {
                    ingestMillis.computeIfAbsent(ids, k -> new ArrayList<>()).add((System.nanoTime() - started) / 1_000_000);
                }
                if (((Number) answer.get("accepted")).intValue() != batch.size()) {
                    throw new IllegalStateException("batch " + b + " answered " + answer);
                }
                previous = batch;
            }
            long replayStarted = System.nanoTime();
            http.retrieve(HttpRequest.POST("/api/v1/ledger/lines", previous).header("Authorization", authorization),
                    Argument.mapOf(String.class, Object.class));
            long replayMillis = (System.nanoTime() - replayStarted) / 1_000_000;

            List<Long> attributionMillis = new ArrayList<>();
            for (int i = 0; i < attributionCalls; i++) {
                long started = System.nanoTime();
                http.retrieve(HttpRequest.GET("/api/v1/attribution?period=2024-Q4").header("Authorization", authorization),
                        String.class);
                attributionMillis.add((System.nanoTime() - started) / 1_000_000);
            }

            ingestMillis.forEach((ids, millis) -> {
                long median = median(millis);
                System.out.printf("ledger ingest, %s: %d batches of %d lines; median %d ms per batch (%.0f lines/s), min %d, "
                                + "max %d%n", ids.label(), millis.size(), batchSize, median,
                        batchSize * 1000.0 / Math.max(1, median), Collections.min(millis), Collections.max(millis));
            });
            System.out.printf("replay of the last batch (all duplicates): %d ms%n", replayMillis);
            System.out.printf("attribution over %d lines: median %d ms over %d calls (reconciled with a local tongyi stand-in)%n",
                    (batches + 1) * batchSize, median(attributionMillis), attributionCalls);
        }
    }

    private static List<Map<String, Object>> batch(EventIds ids, int b, int size, List<Map<String, Object>> previous) {
        List<Map<String, Object>> batch = new ArrayList<>(size);
        LocalDate first = LocalDate.parse("2024-10-01");
        for (int i = 0; i < size; i++) {
            Map<String, Object> line = new LinkedHashMap<>();
            if (b > 0 && i % 100 == 0) {
                // A correction taking back a tenth of an ordinary line of the previous batch.
                Map<String, Object> corrected = previous.get(i + 1);
                line.putAll(corrected);
                line.put("lineId", ids.id("b" + b + "-fix-", i));
                line.put("correctionOf", corrected.get("lineId"));
                line.put("bookedOn", "2024-12-31");
                line.put("amountCny", ((BigDecimal) corrected.get("amountCny")).negate().movePointLeft(1)
                        .setScale(2, java.math.RoundingMode.DOWN));
                if (line.containsKey("tokens")) {
                    line.put("tokens", 0);
                }
                batch.add(line);
                continue;
            }
            line.put("lineId", ids.id("b" + b + "-", i));
            String day = first.plusDays(i % 90).toString();
            line.put("bookedOn", day);
            line.put("amountCny", BigDecimal.valueOf(100 + i % 1_000, 2).add(BigDecimal.TEN));
            if (i % 10 == 0) {
                line.put("customerId", "minimax");
                line.put("customerKind", "INVESTEE");
                line.put("product", "AI_COMPUTE");
                line.put("funding", "VOUCHER");
                line.put("voucherId", "bench-v");
            } else if (i % 10 == 1) {
                line.put("customerId", "customer-" + (i % 500));
                line.put("customerKind", "EXTERNAL");
                line.put("product", "MAAS_TOKENS");
                line.put("funding", "CASH");
                line.put("tokens", 10_000 + i);
            } else if (i % 10 == 2) {
                line.put("customerId", "taobao");
                line.put("customerKind", "INTERNAL");
                line.put("businessUnit", "taobao");
                line.put("product", "AI_APPS");
                line.put("funding", "CASH");
            } else {
                line.put("customerId", "customer-" + (i % 500));
                line.put("customerKind", "EXTERNAL");
                line.put("product", "IAAS");
                line.put("funding", "CASH");
            }
            batch.add(line);
        }
        return batch;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
