package aikpi.platform.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The ids of one kind (customers, models, apps, features) that are known to exist, for the validation of ingested
 * batches. Such rows are never deleted, so a positive answer can be remembered; the memory is a bounded Caffeine cache
 * (least recently and frequently used ids go first), so a service that knows hundreds of thousands of customers keeps
 * only the ones that are sending. Ids not in the cache are looked up together, one query per batch (per 500 ids).
 */
public final class KnownIds {

    /** Ids per look-up: well under the bind-parameter limits of both databases. */
    static final int LOOKUP_CHUNK = 500;

    /** Ids longer than this are never stored, so they are unknown without a look-up. */
    private final int maxLength;
    private final Function<Collection<String>, Collection<String>> existing;
    private final Cache<String, Boolean> known;

    /**
     * @param maximumSize how many ids are remembered at most
     * @param maxLength   the length of the id column
     * @param existing    which of the given ids exist (one query of at most {@value #LOOKUP_CHUNK} ids)
     */
    public KnownIds(long maximumSize, int maxLength, Function<Collection<String>, Collection<String>> existing) {
        this.maxLength = maxLength;
        this.existing = existing;
        this.known = Caffeine.newBuilder().maximumSize(maximumSize).build();
    }

    /** Whether {@code id} exists. */
    public boolean exists(String id) {
        return unknownAmong(Set.of(id)).isEmpty();
    }

    /** The ids of {@code ids} that do not exist (nulls are skipped), with one look-up for those not remembered. */
    public Set<String> unknownAmong(Collection<String> ids) {
        Set<String> toLookUp = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (String id : ids) {
            if (id == null || known.getIfPresent(id) != null) {
                continue;
            }
            if (id.length() > maxLength) {
                unknown.add(id);
            } else {
                toLookUp.add(id);
            }
        }
        List<String> pending = new ArrayList<>(toLookUp);
        for (int from = 0; from < pending.size(); from += LOOKUP_CHUNK) {
            List<String> chunk = pending.subList(from, Math.min(pending.size(), from + LOOKUP_CHUNK));
            Set<String> found = new HashSet<>(existing.apply(chunk));
            for (String id : chunk) {
                if (found.contains(id)) {
                    known.put(id, Boolean.TRUE);
                } else {
                    unknown.add(id);
                }
            }
        }
        return unknown;
    }

    /** How many ids are remembered now (for tests and metrics). */
    public long remembered() {
        known.cleanUp();
        return known.estimatedSize();
    }
}
