package aikpi.security.audit;

import aikpi.platform.store.Transactions;
import aikpi.security.Roles;
import aikpi.vocabulary.CalendarDates;
import aikpi.vocabulary.InvalidRequestException;
import aikpi.vocabulary.reporting.ReportingZone;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The service's audit trail: every accepted write, newest first. An executive reads every service's; a team's writer
 * reads its own service's (the gateway's writes, the targets, only executives).
 */
@Tag(name = "audit")
@Controller("/api/v1/audit")
@Secured({Roles.EXECUTIVE, Roles.TONGYI_WRITER, Roles.QUARK_WRITER, Roles.BILLING_WRITER})
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(bean = Transactions.class)
public class AuditController {

    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;
    private static final Instant EARLIEST = CalendarDates.EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant AFTER_LATEST = CalendarDates.LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private final AuditStore store;
    private final Clock clock;
    private final ReportingZone zone;
    private final String writerRole;

    public AuditController(AuditStore store, Clock clock, ReportingZone zone,
                           @Value("${micronaut.application.name}") String service) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
        this.writerRole = Roles.WRITER_OF_SERVICE.get(service);
    }

    /** The entries of a time window, and whether there were more than the limit. */
    @Serdeable
    public record AuditTrail(Instant from, Instant to, @Nullable String subject, List<AuditEntry> entries,
                             boolean truncated) {
    }

    @Operation(summary = "Every accepted write of this service: who, when, what (never the body), how many items",
            description = "from and to: an instant (2026-12-01T08:00:00Z) or a day (2026-12-01, in the reporting zone; "
                    + "to includes that day); by default the last 30 days. subject: one caller only. limit: at most "
                    + "this many entries, newest first (1000 by default, 10000 at most).")
    @Get
    public AuditTrail read(@QueryValue @Nullable String from, @QueryValue @Nullable String to,
                           @QueryValue @Nullable String subject, @QueryValue @Nullable String limit,
                           Authentication caller) {
        if (!caller.getRoles().contains(Roles.EXECUTIVE) && (writerRole == null || !caller.getRoles().contains(writerRole))) {
            throw new AuthorizationException(caller);
        }
        Instant end = to == null ? clock.instant() : instant("to", to, true);
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : instant("from", from, false);
        if (!start.isBefore(end)) {
            throw new InvalidRequestException("from (" + start + ") must be before to (" + end + ").");
        }
        if (subject != null && (subject.isBlank() || subject.length() > 255)) {
            throw new InvalidRequestException("subject must be 1 to 255 characters.");
        }
        int max = limit(limit);
        List<AuditEntry> entries = store.find(start, end, subject, max + 1);
        boolean truncated = entries.size() > max;
        return new AuditTrail(start, end, subject, truncated ? entries.subList(0, max) : entries, truncated);
    }

    /**
     * An instant or a day, within the business dates ({@link CalendarDates}): year -999999999 parses, but no database
     * takes it as a timestamp.
     */
    private Instant instant(String name, String value, boolean endOfDay) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = CalendarDates.check(name, LocalDate.parse(value));
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone.zoneId()).toInstant();
            } catch (DateTimeParseException notADay) {
                throw new InvalidRequestException(name + " '" + value + "' is neither an instant such as "
                        + "2026-12-01T08:00:00Z nor a day such as 2026-12-01.");
            }
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LATEST)) {
            throw new InvalidRequestException(name + " must be an instant from " + EARLIEST + " to before "
                    + AFTER_LATEST + " (was " + value + ").");
        }
        return instant;
    }

    private static int limit(@Nullable String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + value + "'.");
    }
}
