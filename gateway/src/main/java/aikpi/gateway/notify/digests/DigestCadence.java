package aikpi.gateway.notify.digests;

import aikpi.gateway.notify.NoticeTypes;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/** How often a subscriber hears its digest: every day, or every Monday, at the digest hour in the reporting zone. */
public enum DigestCadence {
    DAILY("daily", NoticeTypes.DIGEST_DAILY),
    WEEKLY("weekly", NoticeTypes.DIGEST_WEEKLY);

    private final String name;
    private final String type;

    DigestCadence(String name, String type) {
        this.name = name;
        this.type = type;
    }

    /** The cadence a subscription's {@code digest} names; empty for {@code none}. */
    public static Optional<DigestCadence> of(String digest) {
        return Arrays.stream(values()).filter(c -> c.name.equals(digest)).findFirst();
    }

    public String label() {
        return name;
    }

    /** The digest's CloudEvents type. */
    public String type() {
        return type;
    }

    /**
     * The latest moment at or before {@code now} a digest of this cadence was due: {@code at} on that day (daily) or
     * on that week's Monday (weekly), in {@code zone}.
     */
    public ZonedDateTime latestSlot(Instant now, ZoneId zone, LocalTime at) {
        ZonedDateTime local = now.atZone(zone);
        ZonedDateTime slot = local.toLocalDate().atTime(at).atZone(zone);
        if (this == WEEKLY) {
            slot = slot.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        }
        if (slot.toInstant().isAfter(now)) {
            slot = this == WEEKLY ? slot.minusWeeks(1) : slot.minusDays(1);
        }
        return slot;
    }

    /** The slot before {@code slot}. */
    public ZonedDateTime previous(ZonedDateTime slot) {
        return this == WEEKLY ? slot.minusWeeks(1) : slot.minusDays(1);
    }
}
