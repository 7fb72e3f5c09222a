package aikpi.gateway.sources;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;

/**
 * How one source answered a view: its status, the time of the figures shown, why it failed, and how complete its data
 * is for the period: {@code dataThrough} and {@code final} as the source says, both null when it could not be asked.
 */
@Serdeable
public record SourceReport(SourceStatus status, @Nullable Instant asOf, @Nullable String detail,
                           @Nullable LocalDate dataThrough, @Nullable @JsonProperty("final") Boolean isFinal) {

    public SourceReport(SourceStatus status, @Nullable Instant asOf, @Nullable String detail) {
        this(status, asOf, detail, null, null);
    }

    public static SourceReport of(Sourced<?> answer) {
        return new SourceReport(answer.status(), answer.asOf(), answer.detail());
    }

    /** This report with the source's completeness for the period; unknown when the source did not answer it. */
    public SourceReport with(Sourced<Completeness> completeness) {
        Completeness c = completeness.hasData() ? completeness.value() : null;
        return new SourceReport(status, asOf, detail, c == null ? null : c.dataThrough(), c == null ? null : c.isFinal());
    }

    /** The period's figures from this source may still change: it is not final, or its figures are missing. */
    public boolean provisional() {
        return !Boolean.TRUE.equals(isFinal) || !(status.hasData() || status == SourceStatus.NOT_APPLICABLE);
    }
}
