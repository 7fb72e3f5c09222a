package aikpi.gateway.notify;

import java.util.List;

/** The CloudEvents {@code type}s the gateway sends. */
public final class NoticeTypes {

    /** A reviewed KPI of a scope changed status. */
    public static final String STATUS_CHANGED = "aikpi.review.status-changed";
    /** A volume target stopped counting: its quality floor is not met. */
    public static final String FLOOR_BROKEN = "aikpi.review.floor-broken";
    /** A volume target counts again: its quality floor is met again. */
    public static final String FLOOR_RESTORED = "aikpi.review.floor-restored";
    /** A vanity alert that was not firing for the scope and period now fires. */
    public static final String VANITY_FIRED = "aikpi.alert.vanity-fired";
    /** A source unavailable or stale too long, or a day expected complete that is not. */
    public static final String SOURCE_STALE = "aikpi.source.stale";
    /** A source that was stale answers again. */
    public static final String SOURCE_RECOVERED = "aikpi.source.recovered";
    /** A review was sealed, or sealed again. */
    public static final String REVIEW_SEALED = "aikpi.review.sealed";

    /** A subscriber's daily digest (not subscribable by type: a subscription's {@code digest} asks for it). */
    public static final String DIGEST_DAILY = "aikpi.digest.daily";
    /** A subscriber's weekly digest, Mondays. */
    public static final String DIGEST_WEEKLY = "aikpi.digest.weekly";

    public static final List<String> ALL = List.of(STATUS_CHANGED, FLOOR_BROKEN, FLOOR_RESTORED, VANITY_FIRED,
            SOURCE_STALE, SOURCE_RECOVERED, REVIEW_SEALED);

    /** Whether {@code type} is a digest's, which the channels lay out as a digest. */
    public static boolean isDigest(String type) {
        return DIGEST_DAILY.equals(type) || DIGEST_WEEKLY.equals(type);
    }

    private NoticeTypes() {
    }
}
