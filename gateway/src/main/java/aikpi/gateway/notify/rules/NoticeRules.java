package aikpi.gateway.notify.rules;

import aikpi.gateway.notify.Notice;
import aikpi.gateway.notify.NoticeTypes;
import aikpi.vocabulary.Period;
import io.micronaut.core.annotation.Nullable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Decides, from a key's stored state and what an evaluation sees now, whether to tell anyone, and what the state
 * becomes. Plain Java: the evaluation reads and writes the state, these rules only compare.
 *
 * <ul>
 * <li>First sight records only: a KPI's status and a floor are stored as they are; a source and a late day are
 *     stored as healthy, so an outage already running is told once it passes {@code staleAfter}; a vanity alert is
 *     stored as quiet, so an alert firing when first seen is told (the alert is itself the finding).</li>
 * <li>A source DOWN or a day LATE counts only once it has lasted {@code staleAfter}; until then nothing changes.</li>
 * <li>Damping: once a key has told something, it tells nothing more for {@code minInterval}. A value that comes back
 *     to what was told within it is recorded and forgotten; a change still in force when the interval ends is told
 *     at the first evaluation after, from the value last told to the value then seen.</li>
 * <li>A vanity alert going quiet is recorded without a notice (there is no such type); it can fire again.</li>
 * </ul>
 * A notice's id is a name-based UUID of the key, the key's notice count and the new value: evaluations that see the
 * same state make the same id, and a later episode of the same change a new one.
 */
public final class NoticeRules {

    public static final String OK = "OK";
    public static final String DOWN = "DOWN";
    public static final String LATE = "LATE";
    public static final String COUNTED = "COUNTED";
    public static final String NOT_COUNTED = "NOT_COUNTED";
    public static final String FIRING = "FIRING";
    public static final String QUIET = "QUIET";

    /** The state after an observation, and the notice it makes, if any. */
    public record Outcome(NoticeState state, @Nullable Notice notice) {
    }

    private final Duration minInterval;
    private final Duration staleAfter;

    public NoticeRules(Duration minInterval, Duration staleAfter) {
        if (minInterval.isNegative() || staleAfter.isNegative()) {
            throw new IllegalArgumentException("the notification intervals must not be negative");
        }
        this.minInterval = minInterval;
        this.staleAfter = staleAfter;
    }

    /** The state recorded when a key is seen for the first time. */
    public NoticeState firstSight(Observation o) {
        String told = switch (o.rule()) {
            case SOURCE, LATE_DAY -> OK;
            case VANITY -> QUIET;
            case STATUS, FLOOR -> o.value();
        };
        return new NoticeState(o.key(), o.value(), o.since(), told, o.value().equals(told) ? o.figure() : null, null,
                0);
    }

    public Outcome apply(NoticeState prior, Observation o, Instant now) {
        boolean changed = !o.value().equals(prior.seen());
        Instant since = changed ? o.since() : prior.seenSince();
        NoticeState seen = new NoticeState(prior.key(), o.value(), since, prior.told(), prior.toldFigure(),
                prior.toldAt(), prior.notices());
        String effective = effective(o.rule(), o.value(), since, now);
        if (effective == null || effective.equals(prior.told())) {
            return new Outcome(seen, null);
        }
        if (o.rule() == Rule.VANITY && QUIET.equals(effective)) {
            return new Outcome(new NoticeState(prior.key(), o.value(), since, QUIET, o.figure(), prior.toldAt(),
                    prior.notices()), null);
        }
        if (prior.toldAt() != null && now.isBefore(prior.toldAt().plus(minInterval))) {
            return new Outcome(seen, null);
        }
        NoticeState told = new NoticeState(prior.key(), o.value(), since, effective, o.figure(), now,
                prior.notices() + 1);
        return new Outcome(told, notice(o, prior, effective, since, now, told.notices()));
    }

    /** The value a rule acts on; null while a source's outage or a late day has not lasted long enough to count. */
    private @Nullable String effective(Rule rule, String value, Instant since, Instant now) {
        if ((rule == Rule.SOURCE || rule == Rule.LATE_DAY) && !OK.equals(value)) {
            return now.isBefore(since.plus(staleAfter)) ? null : value;
        }
        return value;
    }

    private static Notice notice(Observation o, NoticeState prior, String after, Instant since, Instant now,
                                 int count) {
        String type = switch (o.rule()) {
            case STATUS -> NoticeTypes.STATUS_CHANGED;
            case FLOOR -> NOT_COUNTED.equals(after) ? NoticeTypes.FLOOR_BROKEN : NoticeTypes.FLOOR_RESTORED;
            case VANITY -> NoticeTypes.VANITY_FIRED;
            case SOURCE, LATE_DAY -> OK.equals(after) ? NoticeTypes.SOURCE_RECOVERED : NoticeTypes.SOURCE_STALE;
        };
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("rule", o.rule().name());
        data.put("reason", reason(o, prior.told(), after, since));
        data.put("before", side(prior.told(), prior.toldFigure()));
        data.put("after", side(after, o.figure()));
        data.put("since", since.toString());
        data.putAll(o.details());
        String id = UUID.nameUUIDFromBytes((o.key() + "|" + count + "|" + after).getBytes(StandardCharsets.UTF_8))
                .toString();
        String kpiId = o.rule() == Rule.STATUS || o.rule() == Rule.FLOOR ? o.subject() : null;
        return new Notice(id, type, now, o.scope(), o.period(), kpiId, data);
    }

    private static Map<String, Object> side(String value, @Nullable String figure) {
        Map<String, Object> side = new LinkedHashMap<>();
        side.put("value", value);
        side.put("figure", figure);
        return side;
    }

    private static String reason(Observation o, String before, String after, Instant since) {
        String where = o.scope() + (o.period() == null ? "" : " in " + o.period());
        return switch (o.rule()) {
            case STATUS -> o.subject() + " of " + where + " went from " + before + " to " + after + ".";
            case FLOOR -> NOT_COUNTED.equals(after)
                    ? o.subject() + " of " + where + " no longer counts: its quality floor is not met."
                    : o.subject() + " of " + where + " counts again: its quality floor is met.";
            case VANITY -> "Vanity alert " + o.subject() + " fires for " + where + ".";
            case SOURCE -> OK.equals(after) ? o.subject() + " answers again."
                    : o.subject() + " has not answered since " + since + ".";
            case LATE_DAY -> OK.equals(after) ? o.subject() + " is complete again for " + o.period() + "."
                    : o.subject() + " is not complete for " + o.period() + " through the day expected since "
                            + since + ".";
        };
    }

    /**
     * The notice of a seal: its id is the period and version, so the one seal makes one notice. {@code changes}: for a
     * seal again, what it changed against the version before it (scopes' scores and ranks, KPIs' figures).
     */
    public static Notice sealed(String period, int version, Instant sealedAt, String sealedBy, @Nullable String reason,
                                boolean forced, String link, @Nullable Map<String, Object> changes) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("version", version);
        data.put("sealedBy", sealedBy);
        data.put("reason", reason);
        data.put("forced", forced);
        data.put("resealed", version > 1);
        data.put("changes", changes);
        data.put("link", link);
        String id = UUID.nameUUIDFromBytes(("SEALED|" + period + "|" + version).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Notice(id, NoticeTypes.REVIEW_SEALED, sealedAt, "group", period, null, data);
    }

    /** The dashboard at a period: a quarter by its calendar label (the dashboard's), a fiscal year as it is. */
    public static String dashboardLink(Period period) {
        return "/dashboard/index.html?period=" + (period.isQuarter() ? period.asCalendarQuarter() : period).label();
    }
}
