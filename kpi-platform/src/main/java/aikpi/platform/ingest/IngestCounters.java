package aikpi.platform.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The business counters every ingestion endpoint exports to Prometheus as {@code kpi_ingest_items_total} with
 * the stream and the outcome (accepted, duplicate, rejected; and ignored, for a stream that acknowledges items it
 * has no use for) as labels.
 */
public final class IngestCounters {

    private final Counter accepted;
    private final Counter duplicates;
    private final Counter rejected;
    /** Null unless the stream acknowledges items it does not use ({@link #ignoring}). */
    private final Counter ignored;

    public IngestCounters(MeterRegistry registry, String stream) {
        this(registry, stream, false);
    }

    private IngestCounters(MeterRegistry registry, String stream, boolean ignoring) {
        this.accepted = counter(registry, stream, "accepted");
        this.duplicates = counter(registry, stream, "duplicate");
        this.rejected = counter(registry, stream, "rejected");
        this.ignored = ignoring ? counter(registry, stream, "ignored") : null;
    }

    /**
     * The counters of a stream that acknowledges items it has no use for without refusing them (the analytics events
     * of a standard format that no figure reads), so they also count those, as {@code ignored}.
     */
    public static IngestCounters ignoring(MeterRegistry registry, String stream) {
        return new IngestCounters(registry, stream, true);
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

    public void ignored(long n) {
        if (ignored == null) {
            throw new IllegalStateException("this stream does not acknowledge items it ignores");
        }
        ignored.increment(n);
    }
}
