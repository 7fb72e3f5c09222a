package aikpi.security.audit;

import io.micronaut.core.annotation.Nullable;

/**
 * What an accepted write did, as its audit row records it: how many items it carried, how many were stored as new or
 * changed, how many were acknowledged as seen before, and one word for the outcome.
 */
public record AuditCounts(@Nullable Long items, @Nullable Long accepted, @Nullable Long duplicates, String outcome) {

    /** A batch: {@code accepted} new items, {@code duplicates} seen before. */
    public static AuditCounts batch(long accepted, long duplicates) {
        return new AuditCounts(accepted + duplicates, accepted, duplicates, accepted > 0 || duplicates == 0 ? "ACCEPTED" : "DUPLICATES");
    }

    /** One item created or replaced. */
    public static AuditCounts single(boolean created) {
        return new AuditCounts(1L, 1L, 0L, created ? "CREATED" : "REPLACED");
    }
}
