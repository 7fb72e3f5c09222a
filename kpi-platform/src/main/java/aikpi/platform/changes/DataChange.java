package aikpi.platform.changes;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * One thing a service received after a data version that changes (or may change) a period's figures: what a sealed
 * review's changes name as their cause. Every storing service answers a list of these at
 * {@code GET /api/v1/changes?period=&since=}, oldest first.
 *
 * @param kind        one of the {@code KIND_*} names
 * @param at          when the service received it
 * @param day         the day of the period it touches (a billing month: the month's first day), when it is one
 * @param subject     what it is about: an app, an event stream, a billing account, a quarter
 * @param ref         the record that brought it: an import's id, a ledger line's id
 * @param items       how many events, rows or lines it brought
 * @param oldVersion  a day sent again: the version it replaced
 * @param newVersion  a day sent again: the version now in force
 * @param by          who sent it, when the service knows
 * @param sha256      an imported file's SHA-256
 * @param description the change in one English sentence
 */
@Serdeable
public record DataChange(String kind, Instant at, @Nullable LocalDate day, @Nullable String subject,
                         @Nullable String ref, @Nullable Long items, @Nullable Integer oldVersion,
                         @Nullable Integer newVersion, @Nullable String by, @Nullable String sha256,
                         String description) {

    /** Events received after their day was complete (tongyi's usage; quark's installs, opens and sessions). */
    public static final String KIND_LATE_EVENTS = "LATE_EVENTS";
    /** An aggregates-fed app's day sent again: a new version of the day replaced the one counted before. */
    public static final String KIND_DAY_SENT_AGAIN = "DAY_SENT_AGAIN";
    /** A billing export imported: the first of a month, or a restatement of an imported one. */
    public static final String KIND_IMPORT = "IMPORT";
    /** Correction rows for a final billing month, booked in the open month. */
    public static final String KIND_CORRECTION = "CORRECTION";
    /** Ledger lines posted directly (JSON lines) for the period's days. */
    public static final String KIND_LEDGER_LINES = "LEDGER_LINES";
    /** Ledger lines of a day reconverted at exchange rates corrected after they were booked (billing's rebook). */
    public static final String KIND_FX_REBOOK = "FX_REBOOK";
    /** A quarter's reported group or cloud revenue set again. */
    public static final String KIND_REPORTED_REVENUE = "REPORTED_REVENUE";
    /** An aggregates-fed app's day sent for the first time: a day of the period the figures did not hold before. */
    public static final String KIND_DAY_SENT = "DAY_SENT";

    /** The order of a changes list, which is also its keyset: when, then what. */
    public static final Comparator<DataChange> ORDER = Comparator.comparing(DataChange::at)
            .thenComparing(DataChange::kind)
            .thenComparing(c -> c.day() == null ? "" : c.day().toString())
            .thenComparing(c -> c.subject() == null ? "" : c.subject())
            .thenComparing(c -> c.ref() == null ? "" : c.ref());

    /** This change's place in {@link #ORDER}, as a page cursor's key. */
    public List<String> key() {
        return List.of(at.toString(), kind, day == null ? "" : day.toString(), subject == null ? "" : subject,
                ref == null ? "" : ref);
    }
}
