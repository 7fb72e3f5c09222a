package aikpi.quark.ingest;

import io.micronaut.serde.annotation.Serdeable;

/** The answer to a batch: how many items were new and how many had been seen before (or repeated in the batch). */
@Serdeable
public record IngestResult(int accepted, int duplicates) {
}
