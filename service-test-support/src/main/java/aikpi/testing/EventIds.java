package aikpi.testing;

import java.util.UUID;

/**
 * The event ids an ingest benchmark sends. Producers send random ids (UUIDs, Segment {@code messageId}s, hashes), which
 * land all over a key's index; a counter's ids ({@code bench-1}, {@code bench-2}, ...) land at its end, and an
 * embedded database takes those several times faster. So a benchmark sends {@link #RANDOM} ids for its figures and
 * {@link #SEQUENTIAL} ones for a second figure beside them, in the same run.
 */
public enum EventIds {

    /** A version 4 (random) UUID, as producers send; the same for the same prefix and number, so a run can repeat it. */
    RANDOM("random ids (UUID v4)"),
    /** The prefix and the number: {@code bench-1}, {@code bench-2}, ... */
    SEQUENTIAL("sequential ids");

    private final String label;

    EventIds(String label) {
        this.label = label;
    }

    /** The id of event {@code n}; other prefixes give other ids. */
    public String id(String prefix, long n) {
        if (this == SEQUENTIAL) {
            return prefix + n;
        }
        // SplitMix64's finaliser is a bijection, so distinct numbers of one prefix get distinct high halves.
        long high = mix(n ^ mix(prefix.hashCode()));
        long low = mix(high + 0x9E3779B97F4A7C15L);
        return new UUID((high & ~0xF000L) | 0x4000L, (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L).toString();
    }

    /** How a benchmark's output names these ids. */
    public String label() {
        return label;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
