package aikpi.platform.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The business counters every ingestion endpoint exports to Prometheus as {@code kpi_ingest_items_total} with
 * the stream and the outcome (accepted, duplicate, rejected) as labels.
 */
public final class IngestCounters {

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;

    public IngestCounters(MeterRegistry registry, String stream) {
        this.accepted = counter(registry, stream, "accepted");
        this.duplicates = counter(registry, stream, "duplicate");
        this.rejected = counter(registry, stream, "rejected");
    }

    private static Counter counter(MeterRegistry registry, String stream, String outcome) {
        return Counter.builder("kpi.ingest.items")
                .description("Items received by an ingestion endpoint, by outcome")
                .tag("stream", stream)
                .tag("outcome", outcome)
                .register(registry);
    }

    public void accepted(long n) {
        accepted.increment(n);
    }

    public void duplicates(long n) {
        duplicates.increment(n);
    }

    public void rejected(long n) {
        rejected.increment(n);
    }
}
