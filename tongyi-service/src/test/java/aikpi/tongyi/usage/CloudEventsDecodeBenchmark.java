package aikpi.tongyi.usage;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Benchmark harness (not a test): the in-process cost of turning one batch into checked usage events, the JSON batch
 * path against the CloudEvents path, on the same events with the same (random) ids, the database left out. It shows
 * where the CloudEvents path spends what the end-to-end benchmark ({@code aikpi.tongyi.bench.UsageIngestBenchmark})
 * measures; profile it with {@code -XX:StartFlightRecording}.
 *
 * <p>Run: {@code mvn -B -q -pl tongyi-service test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=aikpi.tongyi.usage.CloudEventsDecodeBenchmark} (knobs {@code bench.events}, 5000;
 * {@code bench.loops}, 200).
 */
public final class CloudEventsDecodeBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 5_000);
    private static final int LOOPS = Integer.getInteger("bench.loops", 200);

    private CloudEventsDecodeBenchmark() {
    }

    public static void main(String[] args) throws java.io.IOException {
        try (ApplicationContext context = ApplicationContext.builder().environments("test")
                .properties(Map.of("micronaut.server.port", -1, "kafka.enabled", false)).start()) {
            JsonMapper json = context.getBean(JsonMapper.class);
            UsageCloudEvents cloudEvents = context.getBean(UsageCloudEvents.class);
            StringBuilder plain = new StringBuilder("[");
            StringBuilder ce = new StringBuilder("[");
            Instant at = Instant.parse("2025-01-01T00:00:00Z");
            for (int i = 0; i < EVENTS; i++) {
                String id = UUID.randomUUID().toString();
                String customer = "bench-customer-" + i % 100;
                Instant t = at.plusSeconds(i);
                plain.append(i > 0 ? "," : "").append("{\"eventId\":\"").append(id).append("\",\"customerId\":\"")
                        .append(customer).append("\",\"modelId\":\"bench-model\",\"occurredAt\":\"").append(t)
                        .append("\",\"inputTokens\":").append(100 + i).append(",\"outputTokens\":").append(20 + i).append('}');
                ce.append(i > 0 ? "," : "").append("{\"specversion\":\"1.0\",\"id\":\"").append(id)
                        .append("\",\"source\":\"//bench/gateway\",\"type\":\"gen_ai.client.token.usage\",\"subject\":\"")
                        .append(customer).append("\",\"time\":\"").append(t)
                        .append("\",\"datacontenttype\":\"application/json\",\"data\":{\"gen_ai.request.model\":\"bench-model\","
                                + "\"gen_ai.usage.input_tokens\":").append(100 + i).append(",\"gen_ai.usage.output_tokens\":")
                        .append(20 + i).append("}}");
            }
            byte[] plainBody = plain.append(']').toString().getBytes(StandardCharsets.UTF_8);
            byte[] ceBody = ce.append(']').toString().getBytes(StandardCharsets.UTF_8);
            Argument<List<UsageEventRequest>> list = Argument.listOf(UsageEventRequest.class);
            double[] plainMs = new double[LOOPS];
            double[] ceMs = new double[LOOPS];
            for (int loop = 0; loop < LOOPS; loop++) {
                long t0 = System.nanoTime();
                if (json.readValue(plainBody, list).size() != EVENTS) {
                    throw new IllegalStateException("events lost");
                }
                plainMs[loop] = (System.nanoTime() - t0) / 1e6;
                t0 = System.nanoTime();
                UsageCloudEvents.Decoded d = cloudEvents.decode(ceBody, UsageCloudEvents.Body.BATCH);
                if (!d.errors().isEmpty()) {
                    throw new IllegalStateException(d.errors().errors().toString());
                }
                ceMs[loop] = (System.nanoTime() - t0) / 1e6;
            }
            double p = median(Arrays.copyOfRange(plainMs, LOOPS / 2, LOOPS));
            double c = median(Arrays.copyOfRange(ceMs, LOOPS / 2, LOOPS));
            System.out.printf("decode of %,d events, median of the last %d of %d loops: JSON batch %.1f ms, "
                    + "CloudEvents batch %.1f ms (%.2f x the JSON path's time)%n", EVENTS, LOOPS - LOOPS / 2, LOOPS, p, c, c / p);
        }
        System.exit(0);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
