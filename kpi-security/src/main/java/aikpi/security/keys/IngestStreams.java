package aikpi.security.keys;

import java.util.List;
import java.util.Map;

/**
 * The feeds an ingest key may write, each carried as a role of the key's authentication. A route that takes a feed
 * lists its stream's role beside the team's writer role ({@code @Secured({Roles.QUARK_WRITER, IngestStreams.QUARK_SEGMENT})});
 * a key holds only the roles of its streams, so it writes those routes and nothing else, and never reads.
 */
public final class IngestStreams {

    /** tongyi-service: metered usage (JSON batches, CloudEvents, OpenMeter's events API, OTLP traces). */
    public static final String TONGYI_USAGE = "INGEST_TONGYI_USAGE";
    /** quark-service: Segment's calls (the Segment HTTP API and {@code /api/v1/segment/*}). */
    public static final String QUARK_SEGMENT = "INGEST_QUARK_SEGMENT";
    /** quark-service: app opens, installs and AI sessions as JSON. */
    public static final String QUARK_EVENTS = "INGEST_QUARK_EVENTS";
    /** quark-service: daily aggregates (DataSketches). */
    public static final String QUARK_DAYS = "INGEST_QUARK_DAYS";
    /** cloud-billing-service: FOCUS and ledger imports. */
    public static final String BILLING_IMPORTS = "INGEST_BILLING_IMPORTS";

    /** Each service's streams by the name a key is created with ({@code POST /api/v1/ingest-keys {streams:[...]}}). */
    public static final Map<String, Map<String, String>> OF_SERVICE = Map.of(
            "tongyi-service", Map.of("usage", TONGYI_USAGE),
            "quark-service", Map.of("segment", QUARK_SEGMENT, "events", QUARK_EVENTS, "days", QUARK_DAYS),
            "cloud-billing-service", Map.of("imports", BILLING_IMPORTS));

    public static final List<String> ALL = List.of(TONGYI_USAGE, QUARK_SEGMENT, QUARK_EVENTS, QUARK_DAYS, BILLING_IMPORTS);

    private IngestStreams() {
    }
}
