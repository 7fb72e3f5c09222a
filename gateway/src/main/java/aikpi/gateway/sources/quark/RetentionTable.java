package aikpi.gateway.sources.quark;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The part of quark-service's {@code GET /api/v1/apps/{appId}/retention} the gateway passes on: each cohort's size
 * and, per window after it, the users back and their share; and quark's note when the cohorts are not by first-seen
 * day, or why there are none.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = true)
public record RetentionTable(String appId, String cohort, String returnOn, String segment, LocalDate from, LocalDate to,
                             LocalDate asOf, boolean estimate, @Nullable String note, List<Cohort> cohorts) {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cohort(LocalDate start, long size, List<Cell> offsets) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cell(int offset, LocalDate start, long users, @Nullable BigDecimal share, boolean partial) {
    }
}
