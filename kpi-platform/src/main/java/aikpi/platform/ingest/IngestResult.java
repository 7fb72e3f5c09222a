package aikpi.platform.ingest;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an ingested batch on every service: how many items were new, and how many had been seen before (in an
 * earlier batch or earlier in this one) and were acknowledged without being counted again.
 */
@Serdeable
public record IngestResult(int accepted, int duplicates) {
}
