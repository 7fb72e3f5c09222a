package aikpi.quark.retention;

import aikpi.quark.rollup.Interval;
import java.time.LocalDate;
import java.util.Comparator;

/** The key of one stored set of users. */
public record UserSetKey(String scope, SetKind kind, Interval interval, LocalDate bucketStart)
        implements Comparable<UserSetKey> {

    /** Primary key order: writers lock rows in this order so they never deadlock each other. */
    private static final Comparator<UserSetKey> ORDER = Comparator.comparing(UserSetKey::scope)
            .thenComparing(UserSetKey::kind).thenComparing(UserSetKey::interval)
            .thenComparing(UserSetKey::bucketStart);

    @Override
    public int compareTo(UserSetKey o) {
        return ORDER.compare(this, o);
    }
}
