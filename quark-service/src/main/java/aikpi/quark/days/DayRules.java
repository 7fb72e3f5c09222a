package aikpi.quark.days;

import aikpi.quark.days.AppDay.DayCounts;
import aikpi.quark.days.DayRejectedException.FieldError;
import aikpi.quark.sessions.AiSessionIngestService;
import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.theta.CompactSketch;

/**
 * The rules a day of an app fed by daily aggregates follows: the rules of quark's own events, applied to the day's
 * sums. Every count is a whole number from 0 up to {@link #MAX_COUNT}; the outcomes add up to the sessions; at most
 * every session is rated (each 1 to 5) and converted; turns and agent calls stay within what that many sessions may
 * have; an amount has at most two decimals and is 0 without conversions; the sketches deserialise as their family
 * ({@link DaySketches}); a sketch holds users exactly when its count says there were some; the day is a business date
 * not after today in the reporting zone. Everything wrong is named at once, and nothing is stored.
 */
public final class DayRules {

    /** More than the world's people, every day: a count beyond it is a unit error at the sender. */
    static final long MAX_COUNT = 1_000_000_000_000L;
    /** The digits before the point that {@code NUMERIC(38, 2)} keeps. */
    private static final int MAX_AMOUNT_DIGITS = 36;

    private DayRules() {
    }

    /** Checks the day; answers it, or throws {@link DayRejectedException} naming every offending field. */
    public static AppDay check(String appId, LocalDate day, DayRequest body, LocalDate today) {
        List<FieldError> errors = new ArrayList<>();
        CalendarDates.problem(day).ifPresent(p -> errors.add(new FieldError("date", p)));
        if (day.isAfter(today)) {
            errors.add(new FieldError("date", "is in the future (" + day + "; today is " + today
                    + " in the reporting zone): a pipeline sends days that have begun"));
        }
        Long installs = count(errors, "installs", body.installs());
        Long opens = count(errors, "opens", body.opens());
        DayCounts sessions = sessions(errors, body.aiSessions());
        HllSketch active = required(errors, "activeUsers", body.activeUsers());
        HllSketch newUsers = required(errors, "newUsers", body.newUsers());
        HllSketch aiUsers = required(errors, "aiUsers", body.aiUsers());
        CompactSketch theta = body.activeUsersTheta() == null ? null
                : DaySketches.theta("activeUsersTheta", body.activeUsersTheta(), errors);

        // A sketch holds users exactly when its count says there were some.
        if (opens != null && active != null) {
            agree(errors, "activeUsers", active.isEmpty(), opens == 0, "opens", opens);
        }
        if (sessions != null && aiUsers != null) {
            agree(errors, "aiUsers", aiUsers.isEmpty(), sessions.sessions() == 0, "aiSessions.sessions", sessions.sessions());
        }
        if (installs != null && opens != null && newUsers != null && !newUsers.isEmpty() && installs + opens == 0) {
            errors.add(new FieldError("newUsers", "holds users, but there were no installs or opens that day: a user is "
                    + "first seen by one"));
        }
        if (active != null && theta != null && active.isEmpty() != theta.isEmpty()) {
            errors.add(new FieldError("activeUsersTheta", (theta.isEmpty() ? "is empty" : "holds users")
                    + ", but activeUsers " + (active.isEmpty() ? "is empty" : "holds users") + ": both sketch the same users"));
        }
        if (!errors.isEmpty()) {
            throw new DayRejectedException(errors);
        }
        return new AppDay(appId, day, installs, opens, sessions, active, newUsers, aiUsers, theta);
    }

    private static DayCounts sessions(List<FieldError> errors, DayRequest.Sessions s) {
        if (s == null) {
            errors.add(new FieldError("aiSessions", "is required: {sessions, turns, agentCalls, resolved, abandoned, "
                    + "escalated, unknown, rated, ratingSum, converted, conversionValueCny}, zeros on a day without any"));
            return null;
        }
        int before = errors.size();
        Long sessions = count(errors, "aiSessions.sessions", s.sessions());
        Long turns = count(errors, "aiSessions.turns", s.turns());
        Long agentCalls = count(errors, "aiSessions.agentCalls", s.agentCalls());
        Long resolved = count(errors, "aiSessions.resolved", s.resolved());
        Long abandoned = count(errors, "aiSessions.abandoned", s.abandoned());
        Long escalated = count(errors, "aiSessions.escalated", s.escalated());
        Long unknown = count(errors, "aiSessions.unknown", s.unknown());
        Long rated = count(errors, "aiSessions.rated", s.rated());
        Long ratingSum = count(errors, "aiSessions.ratingSum", s.ratingSum());
        Long converted = count(errors, "aiSessions.converted", s.converted());
        BigDecimal value = s.conversionValueCny();
        if (value == null) {
            errors.add(new FieldError("aiSessions.conversionValueCny", "is required (0 on a day without conversions)"));
        } else if (value.signum() < 0 || value.stripTrailingZeros().scale() > Money.SCALE
                || value.precision() - value.scale() > MAX_AMOUNT_DIGITS) {
            errors.add(new FieldError("aiSessions.conversionValueCny",
                    "must be a non-negative amount in CNY with at most two decimals (fen), below 10^36"));
            value = null;
        }
        if (errors.size() > before) {
            return null;
        }
        if (resolved + abandoned + escalated + unknown != sessions) {
            errors.add(new FieldError("aiSessions", "resolved + abandoned + escalated + unknown (" + resolved + " + "
                    + abandoned + " + " + escalated + " + " + unknown + " = " + (resolved + abandoned + escalated + unknown)
                    + ") must equal sessions (" + sessions + "): every session has one outcome"));
        }
        if (turns > sessions * AiSessionIngestService.MAX_TURNS) {
            errors.add(new FieldError("aiSessions.turns", "is more than " + AiSessionIngestService.MAX_TURNS
                    + " per session (" + turns + " for " + sessions + " sessions)"));
        }
        if (agentCalls > sessions * AiSessionIngestService.MAX_AGENT_CALLS) {
            errors.add(new FieldError("aiSessions.agentCalls", "is more than " + AiSessionIngestService.MAX_AGENT_CALLS
                    + " per session (" + agentCalls + " for " + sessions + " sessions)"));
        }
        if (rated > sessions) {
            errors.add(new FieldError("aiSessions.rated", "is more than the sessions (" + rated + " > " + sessions + ")"));
        } else if (ratingSum < rated || ratingSum > 5 * rated) {
            errors.add(new FieldError("aiSessions.ratingSum", "must lie from rated to 5 × rated (ratings are 1 to 5; "
                    + "was " + ratingSum + " for " + rated + " rated sessions)"));
        }
        if (converted > sessions) {
            errors.add(new FieldError("aiSessions.converted", "is more than the sessions (" + converted + " > " + sessions + ")"));
        }
        if (converted == 0 && value.signum() > 0) {
            errors.add(new FieldError("aiSessions.conversionValueCny", "is above 0 without conversions"));
        }
        return new DayCounts(sessions, turns, agentCalls, resolved, abandoned, escalated, unknown, rated, ratingSum,
                converted, Money.cny(value));
    }

    private static Long count(List<FieldError> errors, String field, Long value) {
        if (value == null) {
            errors.add(new FieldError(field, "is required"));
        } else if (value < 0) {
            errors.add(new FieldError(field, "must not be negative (was " + value + ")"));
        } else if (value > MAX_COUNT) {
            errors.add(new FieldError(field, "is implausibly large (" + value + " > " + MAX_COUNT + ")"));
        } else {
            return value;
        }
        return null;
    }

    private static HllSketch required(List<FieldError> errors, String field, String base64) {
        if (base64 == null) {
            errors.add(new FieldError(field, "is required: base64 of HllSketch.toCompactByteArray() (an empty sketch on "
                    + "a day without such users)"));
            return null;
        }
        return DaySketches.hll(field, base64, errors);
    }

    private static void agree(List<FieldError> errors, String field, boolean empty, boolean none, String countField,
                              long count) {
        if (empty != none) {
            errors.add(new FieldError(field, (empty ? "is empty" : "holds users") + ", but " + countField + " is "
                    + count + ": the sketch and the count describe the same users"));
        }
    }
}
